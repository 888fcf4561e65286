/**
 * The error every failed Salesforce call becomes: Salesforce's own code, Pulse's class for it
 * (transient, auth, limit, data, config), what to do, and the ids to quote to Salesforce support.
 * Built from whatever jsforce or the network threw, so nothing above src/salesforce/ sees those.
 */
import { AppError } from '../../errors/app-error.js';
import { classify, type Classification, type FailureFacts } from './classify.js';

export interface ResponseFacts {
  readonly status?: number;
  /** The server's clock, from the Date header. */
  readonly serverTime?: Date;
  /** Bulk API 2.0 results: the next set's locator (`null` when there is none). */
  readonly bulkLocator?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
}

export class SalesforceError extends AppError {
  /** Salesforce's errorCode (or the OAuth error, network code, TIMEOUT, MALFORMED_RESPONSE). */
  readonly errorCode: string;
  readonly httpStatus: number | undefined;
  /** Salesforce's request id (x-request-id), for support cases. */
  readonly requestId: string | undefined;
  /** How long Salesforce asked to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  readonly classification: Classification;

  constructor(
    classification: Classification,
    message: string,
    facts: { httpStatus?: number; requestId?: string; retryAfterMs?: number; cause?: unknown },
  ) {
    super(
      `sf_${classification.errorClass}`,
      `${classification.errorCode}: ${message} — ${classification.hint}`,
      {
        errorClass: classification.errorClass,
        cause: facts.cause,
      },
    );
    this.errorCode = classification.errorCode;
    this.httpStatus = facts.httpStatus;
    this.requestId = facts.requestId;
    this.retryAfterMs = facts.retryAfterMs;
    this.classification = classification;
  }
}

function stringField(error: unknown, key: string): string | undefined {
  const value =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

const isSuccess = (status: number | undefined): boolean =>
  status !== undefined && status >= 200 && status < 300;

/** The facts of whatever jsforce, node-fetch or our own code threw. */
export function factsOf(error: unknown, response: ResponseFacts = {}): FailureFacts {
  const message = error instanceof Error ? error.message : String(error);
  const name = stringField(error, 'name');
  const networkCode = stringField(error, 'code');
  const type = stringField(error, 'type');
  const base = {
    message,
    ...(response.status === undefined ? {} : { httpStatus: response.status }),
    ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
  };
  if (type === 'request-timeout' || name === 'AbortError' || name === 'TimeoutError')
    return { ...base, timedOut: true };
  if (type === 'system' && networkCode) return { ...base, networkCode };
  if (error instanceof SyntaxError || /html content|invalid json|unexpected end of json/i.test(message)) {
    return { ...base, malformed: true };
  }
  // jsforce (or Pulse) reading a 2xx answer that lacks what every such answer has (an empty 200
  // to a query has no `records`, a truncated describe no `fields`): the answer was malformed, and
  // asking again is the cure.
  if (error instanceof TypeError && isSuccess(response.status)) return { ...base, malformed: true };
  // jsforce: HttpApiError carries errorCode; OAuth failures carry the OAuth `error` as the name.
  const errorCode = stringField(error, 'errorCode') ?? (name && name !== 'Error' ? name : undefined);
  return { ...base, ...(errorCode ? { errorCode } : {}) };
}

export function toSalesforceError(error: unknown, response: ResponseFacts = {}): SalesforceError {
  if (error instanceof SalesforceError) return error;
  const facts = factsOf(error, response);
  return new SalesforceError(classify(facts), facts.message, {
    ...(response.status === undefined ? {} : { httpStatus: response.status }),
    ...(response.requestId === undefined ? {} : { requestId: response.requestId }),
    ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
    cause: error,
  });
}
