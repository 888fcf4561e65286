/**
 * One sync of an org, end to end: pull what changed, score the dirty accounts (all of them on a
 * full pass), diff against what Salesforce holds, write only what changed (unless the org is in
 * shadow mode or its write-back is off), then move the watermarks. Returns what it did.
 */
import { randomUUID } from 'node:crypto';

import type { FieldMapping, OrgConfig } from '../config/index.js';
import { evaluateAccount, type HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import type { CallLabels } from '../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import type { PullSettings } from './pull/pull-object.js';
import { commitPull, runPull, type PullSummary } from './pull/run-pull.js';
import { toHealthSnapshot } from './score/to-health-snapshot.js';
import type { Overwrite, RunStore } from './run-store.js';
import type { SnapshotStore } from './snapshot/snapshot-store.js';
import { writeAccounts, type AccountChange, type WriteFailure } from './write/write-accounts.js';
import { changedFields, writtenValues } from './write/written-values.js';

export interface SyncDeps {
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  readonly runs: RunStore;
  readonly model: HealthModel;
  readonly mapping: FieldMapping;
  readonly logger: Logger;
  readonly labels?: CallLabels;
  /** API calls made so far by this process for the org (the report shows the run's share). */
  readonly apiCalls: () => number;
  readonly now?: () => Date;
}

export interface SyncReport {
  readonly runId: string;
  readonly startedAt: string;
  readonly org: string;
  readonly mode: 'incremental' | 'full';
  readonly writeBack: 'on' | 'off' | 'shadow';
  readonly pulled: Readonly<Record<string, number>>;
  readonly scored: number;
  readonly written: number;
  readonly unchanged: number;
  /** Accounts that would be written, in shadow mode or with write-back off. */
  readonly wouldWrite: number;
  readonly failed: readonly WriteFailure[];
  /** Records listed as failing after this run (this run's and earlier ones not yet written). */
  readonly failing: number;
  readonly apiCalls: number;
  readonly durationMs: number;
  readonly modelVersion: string;
}

const SCORE_BATCH = 200;

/** What the written accounts held before, field by field, and what Pulse put there. */
function overwritesOf(
  changes: readonly AccountChange[],
  written: readonly string[],
  previous: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Map<string, Overwrite> {
  const landed = new Set(written);
  return new Map(
    changes
      .filter((change) => landed.has(change.id))
      .map((change) => {
        const before = previous.get(change.id) ?? {};
        return [
          change.id,
          {
            before: Object.fromEntries(
              Object.keys(change.values).map((field) => [field, before[field] ?? null]),
            ),
            after: change.values,
          },
        ];
      }),
  );
}

export async function runSync(deps: SyncDeps, settings: PullSettings): Promise<SyncReport> {
  const started = Date.now();
  const runId = `${new Date(started).toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
  const callsBefore = deps.apiCalls();
  const now = deps.now ?? (() => new Date());
  const pulled: PullSummary[] = await runPull(
    { ...deps, ...(deps.labels ? { labels: deps.labels } : {}) },
    settings,
  );
  const accountIds = settings.full ? await deps.store.accountIds() : await deps.store.dirtyAccounts();
  const writeBack = deps.org.shadow ? 'shadow' : deps.org.writeBack ? 'on' : 'off';

  let scored = 0;
  let unchanged = 0;
  let wouldWrite = 0;
  const written: string[] = [];
  const failed: WriteFailure[] = [];
  for (let i = 0; i < accountIds.length; i += SCORE_BATCH) {
    const changes: AccountChange[] = [];
    const previous = new Map<string, Readonly<Record<string, unknown>>>();
    const batch = await deps.store.readAccounts(accountIds.slice(i, i + SCORE_BATCH));
    const at = now();
    const scores: { accountId: string; score: number }[] = [];
    for (const [id, stored] of batch) {
      const result = evaluateAccount(toHealthSnapshot(stored, deps.mapping, deps.model), deps.model, at);
      if (result.score !== null) scores.push({ accountId: id, score: result.score });
      scored += 1;
      const values = writtenValues(result, deps.mapping, deps.model);
      if (changedFields(values, stored.account).length === 0) unchanged += 1;
      else {
        changes.push({ id, values: { ...values, [deps.mapping.updatedAt]: at.toISOString() } });
        previous.set(id, stored.account);
      }
    }
    await deps.store.recordScores(scores, at);
    if (writeBack !== 'on') {
      wouldWrite += changes.length;
      continue;
    }
    const outcome = await writeAccounts(deps.client, changes, deps.labels);
    await deps.runs.keepOverwrites(runId, overwritesOf(changes, outcome.written, previous));
    for (const id of outcome.written) {
      const change = changes.find((candidate) => candidate.id === id);
      if (change) await deps.store.updateAccountFields(id, change.values);
    }
    written.push(...outcome.written);
    failed.push(...outcome.failed);
    await deps.runs.clearFailing(outcome.written);
    await deps.runs.markFailing(runId, now(), outcome.failed);
  }
  // Failed records are listed, not retried every run: they are tried again when their inputs change.
  await deps.store.clearDirty(accountIds);
  await commitPull(deps.store);
  const report: SyncReport = {
    runId,
    startedAt: new Date(started).toISOString(),
    org: deps.orgName,
    mode: pulled.some((entry) => entry.mode === 'full') ? 'full' : 'incremental',
    writeBack,
    pulled: Object.fromEntries(pulled.map((entry) => [entry.object, entry.records])),
    scored,
    written: written.length,
    unchanged,
    wouldWrite,
    failed,
    failing: (await deps.runs.failing()).length,
    apiCalls: deps.apiCalls() - callsBefore,
    durationMs: Date.now() - started,
    modelVersion: deps.model.version,
  };
  await deps.runs.save(runId, report);
  deps.logger.info('sync finished', {
    orgId: deps.orgName,
    scored,
    written: written.length,
    unchanged,
    failed: failed.length,
  });
  return report;
}
