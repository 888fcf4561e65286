/** Everything one emulated org holds, handed to every handler. */
import type { ResolvedEmulatorOptions } from '../options.js';
import type { ApiUsage } from '../org/api-usage.js';
import type { OrgClock } from '../org/clock.js';
import type { OrgStore } from '../org/org-store.js';
import type { SessionStore } from '../auth/sessions.js';
import type { QueryCursorStore } from '../rest/query-cursors.js';
import type { ValidationRule } from '../rest/validation-rules.js';

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
  /** The public key JWT assertions are checked against (PEM). */
  readonly jwtPublicKeyPem: string;
  /** Requests by `METHOD /path-pattern`, for tests and benchmarks. */
  readonly callCounts: Map<string, number>;
  readonly validationRules: ValidationRule[];
  /** `http://127.0.0.1:PORT`, known once the server listens. */
  baseUrl: string;
}
