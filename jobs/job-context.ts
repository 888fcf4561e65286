/** What every job of one org's queue works with; built once per worker process and org. */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

import type { OrgAlerts } from '../src/alerts/org-alerts.js';
import type { FieldMapping, OrgConfig } from '../src/config/index.js';
import type { HealthModel } from '../src/health/index.js';
import type { Logger } from '../src/logging/logger.js';
import type { SalesforceClient } from '../src/salesforce/salesforce-client.js';
import type { OrgPlaybooks } from '../src/success/org-playbooks.js';
import type { PullSettings } from '../src/sync/pull/pull-object.js';
import type { RunStore } from '../src/sync/run-store.js';
import type { RescoreSchedule } from '../src/sync/snapshot/rescore-schedule.js';
import type { SnapshotStore } from '../src/sync/snapshot/snapshot-store.js';
import type { WriteSwitch } from '../src/sync/write/write-switch.js';

export interface OrgJobContext {
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  /** Accounts to rescore as their SLA clocks cross a threshold. */
  readonly rescore: RescoreSchedule;
  readonly runs: RunStore;
  /** Pulse's Redis client, with the key prefix (run state, locks). */
  readonly redis: Redis;
  readonly queue: Queue;
  readonly model: HealthModel;
  readonly mapping: FieldMapping;
  readonly logger: Logger;
  readonly pull: PullSettings;
  /** Accounts per score-and-write job. */
  readonly batchSize: number;
  /** This worker's name, as the run report lists it. */
  readonly workerName: string;
  readonly now: () => Date;
  readonly writeSwitch: WriteSwitch;
  /** Lost auth and spent budgets start alert episodes; a completed run ends them. */
  readonly alerts: OrgAlerts;
  /** Customer-success playbooks; absent when none are loaded. */
  readonly playbooks?: OrgPlaybooks;
}
