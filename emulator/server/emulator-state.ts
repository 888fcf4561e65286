/** Everything one emulated org holds, handed to every handler. */
import type { SessionStore } from '../auth/sessions.js';
import type { BulkJobStore } from '../bulk/bulk-jobs.js';
import type { FaultDecider } from '../faults/fault-decider.js';
import type { ResolvedEmulatorOptions } from '../options.js';
import type { ApiUsage } from '../org/api-usage.js';
import type { OrgClock } from '../org/clock.js';
import type { DailyAllocation } from '../org/daily-allocation.js';
import type { OrgStore } from '../org/org-store.js';
import type { Visibility } from '../org/visibility.js';
import type { QueryCursorStore } from '../rest/query-cursors.js';
import type { ValidationRule } from '../rest/validation-rules.js';
import type { InFlightTracker } from './in-flight.js';

export interface BulkLimits {
  /** DailyBulkV2QueryJobs. */
  readonly queryJobs: DailyAllocation;
  /** DailyBulkApiBatches (ingest batches). */
  readonly batches: DailyAllocation;
}

export interface EmulatorState {
  readonly options: ResolvedEmulatorOptions;
  readonly clock: OrgClock;
  readonly store: OrgStore;
  readonly usage: ApiUsage;
  readonly sessions: SessionStore;
  readonly cursors: QueryCursorStore;
  /** The org id, 18 characters (`00D...`). */
  readonly orgId: string;
  /** The integration user every flow logs in as. */
  readonly apiUserId: string;
  /** The user who set the org up; the change endpoints edit as the records' owners or this user. */
  readonly adminId: string;
  /** The public key JWT assertions are checked against (PEM). */
  readonly jwtPublicKeyPem: string;
  /** Requests by `METHOD /path-pattern`, for tests and benchmarks. */
  readonly callCounts: Map<string, number>;
  readonly validationRules: ValidationRule[];
  /** What the integration user sees (`accountVisibility`). */
  readonly visibility: Visibility;
  readonly faults: FaultDecider;
  readonly inFlight: InFlightTracker;
  readonly bulk: BulkJobStore;
  readonly bulkLimits: BulkLimits;
  /** Puts the org back in its seeded state (test endpoint `POST /__emulator/reset`). */
  reset(): void;
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  baseUrl: string;
}
