/** What the API reads and does, handed in by `src/main/` (tests hand in their own). */
import type { AlertStore } from '../alerts/alert-store.js';
import type { OrgConfig } from '../config/index.js';
import type { CallStore, FoundCall } from '../diagnostics/call-store/call-store.js';
import type { ReplayOptions, ReplayResult } from '../diagnostics/replay/replay-call.js';
import type { CallSummary } from '../diagnostics/call-store/call-summary.js';
import type { LoadedPlaybook } from '../diagnostics/playbooks/index.js';
import type { HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import type { MetricsReader } from '../metrics/metrics-reader.js';
import type { RunStore } from '../sync/run-store.js';
import type { RunState } from '../sync/run/run-state.js';
import type { SnapshotStore } from '../sync/snapshot/snapshot-store.js';
import type { WriteSwitch } from '../sync/write/write-switch.js';
import type { AuditLog } from './audit-log.js';
import type { ApiToken } from './auth/api-tokens.js';
import type { QueueBoardEntry } from './queue-dashboard.js';

export interface OrgAccess {
  readonly config: OrgConfig;
  readonly runs: RunStore;
  readonly store: SnapshotStore;
  readonly writeSwitch: WriteSwitch;
  /** A run's shared state, for the progress of a run under way. */
  readonly runState: (runId: string) => RunState;
  /** The org's alert episodes under way (auth lost, paused for budget, stale). */
  readonly alerts: AlertStore;
}

export interface Readiness {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, string>>;
}

/** The diagnostics call store and playbooks. */
export interface DiagnosticsAccess {
  readonly calls: CallStore;
  readonly playbooks: readonly LoadedPlaybook[];
  summary(org: string, hours: number): Promise<CallSummary>;
  replay(found: FoundCall, options: ReplayOptions): Promise<ReplayResult>;
}

export interface HttpDeps {
  readonly tokens: readonly ApiToken[];
  readonly orgs: ReadonlyMap<string, OrgAccess>;
  readonly model: HealthModel;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly ready: () => Promise<Readiness>;
  /** The figures `/metrics` serves. */
  readonly metrics: Pick<MetricsReader, 'contentType' | 'render'>;
  readonly diagnostics: DiagnosticsAccess;
  /** Enqueues a run of the org (or finds the one queued); answers the run job's id and run id. */
  readonly enqueueSync: (
    orgName: string,
    full: boolean,
  ) => Promise<{ readonly jobId: string; readonly runId?: string | undefined }>;
  readonly now?: () => Date;
  /** Pulse's version, for the API document. */
  readonly version?: string;
  /** Where the web pages are (`web/` in the package); without it the docs page and console are not served. */
  readonly webDir?: string;
  /** Every org's queue for the admins' queue dashboard (`/admin/queues`); without them it is not served. */
  readonly queueBoards?: readonly QueueBoardEntry[];
}
