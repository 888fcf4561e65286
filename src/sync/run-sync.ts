/**
 * One sync of an org in this process, step after step and without queues: the same steps the jobs
 * spread over workers (tests of the sync logic use it). Pull what changed, move the finished
 * windows to watermarks, fix the accounts to score (the dirty ones; all of them on a full pass),
 * score and write them back slice by slice, then save the report.
 */
import type { FieldMapping, OrgConfig } from '../config/index.js';
import type { HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import type { CallLabels } from '../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import type { PullSettings } from './pull/pull-object.js';
import { commitPull, pullObject } from './pull/run-pull.js';
import { PULLED_OBJECTS } from './pull/pull-fields.js';
import type { RunStore } from './run-store.js';
import { finishRun } from './run/finish-run.js';
import { createRunState, newRunId } from './run/run-state.js';
import { fixTargets, writeBackMode } from './run/run-scope.js';
import { scoreAccounts } from './run/score-accounts.js';
import type { SyncReport } from './run/sync-report.js';
import type { SnapshotStore } from './snapshot/snapshot-store.js';
import { createWriteSwitch } from './write/write-switch.js';
import type { Redis } from 'ioredis';

export type { SyncReport } from './run/sync-report.js';

export interface SyncDeps {
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  readonly runs: RunStore;
  /** The Redis client (with Pulse's key prefix) the run's shared state lives in. */
  readonly redis: Redis;
  readonly model: HealthModel;
  readonly mapping: FieldMapping;
  readonly logger: Logger;
  readonly labels?: CallLabels;
  /** API calls made so far by this process for the org (the report shows the run's share). */
  readonly apiCalls: () => number;
  readonly now?: () => Date;
}

/** Accounts per slice, as `sync.batchSize` sets it for the jobs. */
const SCORE_SLICE = 1000;

export async function runSync(deps: SyncDeps, settings: PullSettings): Promise<SyncReport> {
  const started = new Date();
  const callsBefore = deps.apiCalls();
  const state = createRunState(deps.redis, deps.orgName, newRunId(started));
  const full = settings.full === true;
  const writeBack = writeBackMode(deps.org);
  await state.begin({ runId: state.runId, startedAt: started.toISOString(), full, writeBack });
  const labels = { runId: state.runId, ...deps.labels };
  await state.setPhase('pull');
  for (const object of PULLED_OBJECTS) {
    const summary = await pullObject({ ...deps, labels }, object, settings);
    await state.recordPull(summary);
  }
  await commitPull(deps.store);
  await state.setPhase('score');
  const targets = await fixTargets(deps.store, state, full);
  const scoreDeps = {
    ...deps,
    labels,
    now: deps.now ?? (() => new Date()),
    writeSwitch: createWriteSwitch(deps.redis, deps.orgName),
    ...(deps.org.bulkWriteMinChanges === undefined
      ? {}
      : { bulkWriteMinChanges: deps.org.bulkWriteMinChanges }),
  };
  for (let start = 0; start < targets; start += SCORE_SLICE)
    await scoreAccounts(scoreDeps, state, await state.targets(start, start + SCORE_SLICE), writeBack);
  await state.countCalls('api', deps.apiCalls() - callsBefore);
  return finishRun({ ...scoreDeps, modelVersion: deps.model.version }, state);
}
