/** What the API reads and does, handed in by `src/main/` (tests hand in their own). */
import type { OrgConfig } from '../config/index.js';
import type { HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import type { RunStore } from '../sync/run-store.js';
import type { SnapshotStore } from '../sync/snapshot/snapshot-store.js';
import type { WriteSwitch } from '../sync/write/write-switch.js';
import type { AuditLog } from './audit-log.js';
import type { ApiToken } from './auth/api-tokens.js';

export interface OrgAccess {
  readonly config: OrgConfig;
  readonly runs: RunStore;
  readonly store: SnapshotStore;
  readonly writeSwitch: WriteSwitch;
}

export interface Readiness {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

export interface HttpDeps {
  readonly tokens: readonly ApiToken[];
  readonly orgs: ReadonlyMap<string, OrgAccess>;
  readonly model: HealthModel;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly ready: () => Promise<Readiness>;
  /** Enqueues a run of the org (or finds the one queued); answers the run job's id. */
  readonly enqueueSync: (orgName: string, full: boolean) => Promise<{ readonly jobId: string }>;
  readonly now?: () => Date;
}
