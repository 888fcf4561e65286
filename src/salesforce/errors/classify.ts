/**
 * The one place that decides what a failed Salesforce call means: its class, whether retrying can
 * help, and how long to wait first. Pure: it reads facts about the failure, never the network.
 */
import type { ErrorClass } from '../../errors/app-error.js';
import { ERROR_CATALOG } from './error-catalog.js';

/** What is known about a failed call. */
export interface FailureFacts {
  /** Salesforce's errorCode, an OAuth `error`, or jsforce's `ERROR_HTTP_<status>`. */
  readonly errorCode?: string;
  readonly message: string;
  readonly httpStatus?: number;
  /** A network error code: ECONNRESET, ETIMEDOUT... */
  readonly networkCode?: string;
  /** The call was abandoned after the configured timeout. */
  readonly timedOut?: boolean;
  /** The response could not be read as Salesforce's format (truncated JSON, an HTML page, an empty body). */
  readonly malformed?: boolean;
  /** From a Retry-After header, when Salesforce sent one. */
  readonly retryAfterMs?: number;
}

export type LimitKind = 'daily' | 'concurrent' | 'budget';

export interface Classification {
  readonly errorClass: ErrorClass;
  /** Salesforce's code, or TIMEOUT / MALFORMED_RESPONSE / the network code. */
  readonly errorCode: string;
  readonly retry: boolean;
  /** Wait at least this long before the next attempt (on top of the backoff). */
  readonly waitMs?: number;
  readonly limitKind?: LimitKind;
  /** Why, in a few words (logged with every retry decision). */
  readonly reason: string;
  /** What a person should do. */
  readonly hint: string;
}

const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'UND_ERR_SOCKET',
]);

/** Concurrent long requests clear in seconds; the daily allocation only as the 24-hour window rolls. */
const CONCURRENT_LIMIT_WAIT_MS = 5_000;
const DAILY_LIMIT_WAIT_MS = 30 * 60_000;

const transient = (errorCode: string, reason: string, hint: string, waitMs?: number): Classification => ({
  errorClass: 'transient',
  errorCode,
  retry: true,
  reason,
  hint,
  ...(waitMs === undefined ? {} : { waitMs }),
});

function byStatus(status: number | undefined): ErrorClass {
  if (status === undefined) return 'config';
  if (status >= 500 || status === 420 || status === 429) return 'transient';
  if (status === 401) return 'auth';
  if (status === 400) return 'data';
  return 'config';
}

function limit(facts: FailureFacts): Classification {
  if (facts.errorCode === 'BUDGET_RESERVE_REACHED') {
    return {
      errorClass: 'limit',
      errorCode: 'BUDGET_RESERVE_REACHED',
      retry: false,
      limitKind: 'budget',
      waitMs: facts.retryAfterMs ?? DAILY_LIMIT_WAIT_MS,
      reason: 'API budget reserve reached: pause the org',
      hint: ERROR_CATALOG['BUDGET_RESERVE_REACHED']?.hint ?? '',
    };
  }
  const concurrent = /ConcurrentPerOrgLongTxn|concurrent/i.test(facts.message);
  return {
    errorClass: 'limit',
    errorCode: 'REQUEST_LIMIT_EXCEEDED',
    // Concurrent long requests clear quickly: back off and try again with less parallelism.
    // The daily allocation does not: stop spending and pause the org.
    retry: concurrent,
    limitKind: concurrent ? 'concurrent' : 'daily',
    waitMs: facts.retryAfterMs ?? (concurrent ? CONCURRENT_LIMIT_WAIT_MS : DAILY_LIMIT_WAIT_MS),
    reason: concurrent
      ? 'too many concurrent long requests: back off'
      : 'daily API allocation spent: pause the org',
    hint: ERROR_CATALOG['REQUEST_LIMIT_EXCEEDED']?.hint ?? '',
  };
}

export function classify(facts: FailureFacts): Classification {
  if (facts.timedOut) {
    return transient(
      'TIMEOUT',
      'no answer within the timeout',
      'Salesforce answered too slowly; Pulse retries with backoff.',
    );
  }
  if (facts.networkCode && TRANSIENT_NETWORK_CODES.has(facts.networkCode)) {
    return transient(
      facts.networkCode,
      'network error',
      'The connection to Salesforce failed; Pulse retries with backoff.',
    );
  }
  if (facts.malformed) {
    return transient(
      'MALFORMED_RESPONSE',
      'unreadable response',
      'Salesforce sent a response Pulse could not read (an HTML error page, truncated JSON); Pulse retries.',
    );
  }
  const code = facts.errorCode ?? `ERROR_HTTP_${facts.httpStatus ?? 0}`;
  if (code === 'REQUEST_LIMIT_EXCEEDED' || code === 'BUDGET_RESERVE_REACHED') return limit(facts);
  const entry = ERROR_CATALOG[code];
  const errorClass = entry?.errorClass ?? byStatus(facts.httpStatus);
  const hint = entry?.hint ?? `Salesforce answered ${facts.httpStatus ?? 'an error'} (${code}).`;
  switch (errorClass) {
    case 'transient':
      return code === 'INVALID_QUERY_LOCATOR'
        ? {
            errorClass,
            errorCode: code,
            retry: false,
            reason: 'query cursor expired: re-query from the last position',
            hint,
          }
        : transient(code, 'transient Salesforce error', hint, facts.retryAfterMs);
    case 'auth':
      return { errorClass, errorCode: code, retry: false, reason: 'credentials refused', hint };
    case 'limit':
      return limit(facts);
    case 'data':
      return { errorClass, errorCode: code, retry: false, reason: 'record refused', hint };
    case 'config':
      return { errorClass, errorCode: code, retry: false, reason: 'org or client misconfigured', hint };
  }
}
