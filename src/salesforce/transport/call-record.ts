/**
 * One HTTP exchange with Salesforce as the diagnostics see it: every attempt, token calls and
 * re-sends included, with secrets redacted before anyone else can hold it.
 */
import type { ErrorClass } from '../../errors/app-error.js';

export interface CallRecord {
  readonly id: string;
  readonly orgId: string;
  readonly runId?: string;
  readonly jobId?: string;
  /** The stored call this one replayed. */
  readonly replayOf?: string;
  readonly attempt: number;
  /** `token` for OAuth token requests, `api` for everything else. */
  readonly kind: 'token' | 'api';
  readonly startedAt: string;
  readonly durationMs: number;
  readonly method: string;
  /** Scheme and host, e.g. `https://acme.my.salesforce.com`. */
  readonly origin: string;
  readonly path: string;
  /** The query string, redacted (`?q=...`), or empty. */
  readonly query: string;
  readonly requestHeaders: Readonly<Record<string, string>>;
  readonly requestBody?: string;
  readonly status?: number;
  readonly responseHeaders?: Readonly<Record<string, string>>;
  readonly responseBody?: string;
  /** Salesforce's request id (x-request-id / x-sfdc-request-id). */
  readonly sfRequestId?: string;
  /** Salesforce's error code(s), or the network error's code. */
  readonly errorCodes?: readonly string[];
  readonly errorClass?: ErrorClass;
  /** `api-usage=n/max` from Sforce-Limit-Info, parsed. */
  readonly apiUsage?: { readonly used: number; readonly max: number };
}

/** Where call records go (the diagnostics store, a test's array). Must not throw or block. */
export interface CallRecorder {
  record(call: CallRecord): void;
}

export const discardCalls: CallRecorder = { record: () => undefined };
