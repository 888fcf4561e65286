/**
 * A BullMQ worker for one org's queue in this process, with everything its jobs need: the org's
 * Salesforce client and stores, the health model, the pull settings. `close()` lets the jobs in
 * hand finish (or hands them back after the lock expires), then closes the connections.
 */
import { hostname } from 'node:os';

import { Worker, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';

import type { OrgJobContext } from '../../jobs/job-context.js';
import { orgProcessor } from '../../jobs/processor.js';
import type { Config } from '../config/index.js';
import type { HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import { openOrgQueue, SYNC_QUEUE } from '../queue/org-queue.js';
import { workerOptions } from '../queue/worker-options.js';
import type { Redactor } from '../redaction/redactor.js';
import type { RunStore } from '../sync/run-store.js';
import type { PullSettings } from '../sync/pull/pull-object.js';
import { createRescoreSchedule } from '../sync/snapshot/rescore-schedule.js';
import { createWriteSwitch } from '../sync/write/write-switch.js';
import type { SuccessPlaybook } from '../success/playbook-schema.js';
import { openOrgAlerts } from './open-alerts.js';
import { openOrgPlaybooks } from './open-playbooks.js';
import { openOrg, type OpenOrg } from './open-org.js';

/** Salesforce keeps deleted records visible for 15 days. */
const DELETED_RETENTION_MS = 15 * 24 * 3600_000;
/** How often a `pulse worker` checks its orgs for staleness and undelivered alerts. */
const ALERT_CHECK_MS = 60_000;

export interface OrgWorker {
  readonly orgName: string;
  readonly opened: OpenOrg;
  readonly queue: Queue;
  readonly worker: Worker;
  close(): Promise<void>;
}

export function pullSettings(config: Config, full = false): PullSettings {
  return {
    commitLagMs: config.sync.commitLag,
    overlapMs: config.sync.overlap,
    pageSize: 2000,
    deletedRetentionMs: DELETED_RETENTION_MS,
    bulkThreshold: config.sync.bulkQueryThreshold,
    full,
  };
}

export function workerName(): string {
  return `${hostname()}-${process.pid}`;
}

export async function startOrgWorker(
  config: Config,
  orgName: string,
  deps: {
    connection: Redis;
    model: HealthModel;
    logger: Logger;
    redactor: Redactor;
    org?: Config['orgs'][string];
    /** Check for staleness and redeliver alerts every minute (long-running workers). */
    watchAlerts?: boolean;
    /** The customer-success playbooks (loadConfiguredPlaybooks); none: nothing fires. */
    playbooks?: readonly SuccessPlaybook[];
  },
): Promise<OrgWorker> {
  const opened = await openOrg(config, orgName, {
    logger: deps.logger,
    redactor: deps.redactor,
    countRunCalls: true,
    ...(deps.org ? { org: deps.org } : {}),
  });
  const queue = openOrgQueue(deps.connection, config.redis.keyPrefix, orgName, deps.logger);
  const name = workerName();
  const alerts = openOrgAlerts(config, opened.redis, orgName, deps.logger);
  const writeSwitch = createWriteSwitch(opened.redis, orgName);
  const playbooks = openOrgPlaybooks(config, orgName, {
    org: opened.org,
    playbooks: deps.playbooks ?? [],
    redis: opened.redis,
    client: opened.client,
    model: deps.model,
    writeSwitch,
    logger: deps.logger,
    presentAccounts: (ids) => opened.store.presentAccounts(ids),
  });
  const context: OrgJobContext = {
    orgName,
    org: opened.org,
    client: opened.client,
    store: opened.store,
    rescore: createRescoreSchedule(opened.redis, orgName),
    runs: opened.runs,
    redis: opened.redis,
    queue,
    model: deps.model,
    mapping: opened.org.fieldMapping,
    logger: deps.logger,
    pull: pullSettings(config),
    batchSize: config.sync.batchSize,
    workerName: name,
    now: () => new Date(),
    writeSwitch,
    alerts,
    ...(playbooks ? { playbooks } : {}),
  };
  const worker = new Worker(
    SYNC_QUEUE,
    orgProcessor(context),
    workerOptions(config.worker, deps.connection, config.redis.keyPrefix, orgName, name),
  );
  worker.on('error', (error) => {
    deps.logger.error('worker error', { orgId: orgName, error });
  });
  const checkAlerts = (): void => {
    lastCompletedAt(opened.runs)
      .then((at) => alerts.check(at))
      .catch((error: unknown) => {
        deps.logger.warn('could not check the org’s alerts', { orgId: orgName, error });
      });
  };
  const alertTimer = deps.watchAlerts ? setInterval(checkAlerts, ALERT_CHECK_MS).unref() : undefined;
  if (deps.watchAlerts) checkAlerts();
  return {
    orgName,
    opened,
    queue,
    worker,
    async close() {
      clearInterval(alertTimer);
      await worker.close();
      await queue.close();
      await opened.close();
    },
  };
}

/** When the org's last completed run ended (the run store keeps the latest 200 runs). */
async function lastCompletedAt(runs: RunStore): Promise<Date | undefined> {
  const recent = (await runs.recent(200)) as { status?: string; startedAt?: string; durationMs?: number }[];
  const last = recent.find((run) => run.status === 'completed' && run.startedAt);
  return last ? new Date(Date.parse(last.startedAt ?? '') + (last.durationMs ?? 0)) : undefined;
}
