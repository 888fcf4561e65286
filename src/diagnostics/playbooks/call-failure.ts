/**
 * The facts a playbook is matched on, read from a recorded call as the transport recorded it: the
 * error code(s) and class it noted, the status, and from the body Salesforce's message, field and
 * sObject. Pure and forgiving: a body that is not what it should be is itself a fact (a malformed
 * answer), never an exception.
 */
import type { ErrorClass } from '../../errors/app-error.js';
import { classify } from '../../salesforce/errors/classify.js';
import type { SalesforceError } from '../../salesforce/errors/salesforce-error.js';
import type { CallRecord } from '../../salesforce/transport/call-record.js';

/** One failure, as playbooks see it. Every key is optional: a network failure has no status or message. */
export interface CallFailure {
  /** Salesforce's errorCode, the OAuth `error`, the recorded network code, or Pulse's own code. */
  readonly errorCode?: string;
  readonly httpStatus?: number;
  readonly errorClass?: ErrorClass;
  /** Salesforce's message (the OAuth `error_description`); for an unreadable answer, its start. */
  readonly message?: string;
  readonly sObject?: string;
  /** The first field the error names (`fields`, or the field in the message). */
  readonly field?: string;
  /** The call's path, e.g. `/services/data/v64.0/composite/sobjects`. */
  readonly path?: string;
}

/** Codes that only say another record failed: the record that did is the failure to explain. */
const CONSEQUENCE_CODES = new Set(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'PROCESSING_HALTED']);
/** What the recorder appends to a body it cut (recording-transport.ts): such a body is not malformed. */
const CUT_BY_RECORDER = /…\[cut: \d+ more characters\]$/;
const MESSAGE_EXCERPT_CHARS = 300;

const SOBJECT_IN_PATH = /\/sobjects\/(\w+)/;
const FROM = /\bFROM\s+(\w+)/i;
const SOBJECT_IN_MESSAGE = [
  /on entity '(\w+)'/,
  /on sobject of type (\w+)/,
  /sObject type '(\w+)' is not supported/,
];
const FIELD_IN_MESSAGE = [
  /No such column '(\w+)'/,
  /Didn't understand relationship '(\w+)'/,
  /Unable to create\/update fields: (\w+)/,
  /Required fields are missing: \[(\w+)/,
  /^(\w+): (?:data value too large|bad value for restricted picklist|value outside of valid range)/,
];

/** One error in a response body, before it is placed in its call. */
interface BodyError {
  readonly code: string;
  readonly message: string;
  readonly fields: readonly string[];
  /** Its record's position in an sObject Collections request. */
  readonly index?: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

function parseJson(body: string | undefined): { ok: true; value: unknown } | { ok: false } {
  if (body === undefined || body.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** REST error arrays, sObject Collections results, OAuth errors, and the single-object form of some APIs. */
function bodyErrors(body: unknown): BodyError[] {
  if (Array.isArray(body)) {
    return body.flatMap((item: unknown, index): BodyError[] => {
      if (!isObject(item)) return [];
      const code = text(item['errorCode']);
      if (code) return [{ code, message: text(item['message']) ?? '', fields: strings(item['fields']) }];
      if (item['success'] !== false || !Array.isArray(item['errors'])) return [];
      return item['errors'].flatMap((error: unknown): BodyError[] => {
        const recordCode = isObject(error)
          ? (text(error['statusCode']) ?? text(error['errorCode']))
          : undefined;
        if (!isObject(error) || !recordCode) return [];
        return [
          {
            code: recordCode,
            message: text(error['message']) ?? '',
            fields: strings(error['fields']),
            index,
          },
        ];
      });
    });
  }
  if (isObject(body)) {
    const oauthError = text(body['error']);
    if (oauthError) return [{ code: oauthError, message: text(body['error_description']) ?? '', fields: [] }];
    const code = text(body['errorCode']);
    if (code) return [{ code, message: text(body['message']) ?? '', fields: strings(body['fields']) }];
  }
  return [];
}

function decodedQuery(query: string): string {
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return query;
  }
}

function firstMatch(patterns: readonly RegExp[], value: string): string | undefined {
  for (const pattern of patterns) {
    const found = pattern.exec(value)?.[1];
    if (found) return found;
  }
  return undefined;
}

/** The sObject an error is about: named in its message, else the call's path, record or query. */
function sObjectOf(
  call: CallRecord,
  error: BodyError,
  requestOf: () => ReturnType<typeof parseJson>,
): string | undefined {
  const named = firstMatch(SOBJECT_IN_MESSAGE, error.message);
  if (named) return named;
  const inPath = SOBJECT_IN_PATH.exec(call.path)?.[1];
  if (inPath) return inPath;
  const request = requestOf();
  if (request.ok && isObject(request.value)) {
    const records = request.value['records'];
    const record = Array.isArray(records) ? (records[error.index ?? 0] as unknown) : undefined;
    const type =
      isObject(record) && isObject(record['attributes']) ? text(record['attributes']['type']) : undefined;
    if (type) return type;
    const bulkObject = text(request.value['object']);
    if (bulkObject) return bulkObject;
  }
  return FROM.exec(decodedQuery(call.query))?.[1];
}

const fieldOf = (error: BodyError): string | undefined =>
  error.fields[0] ?? firstMatch(FIELD_IN_MESSAGE, error.message);

const contentTypeOf = (call: CallRecord): string | undefined => call.responseHeaders?.['content-type'];

/**
 * An answer Pulse could not read, which the pipeline classifies MALFORMED_RESPONSE: an error status
 * whose body is not JSON (an HTML page from Salesforce's edge or a proxy), or a JSON answer that is
 * empty or cut short. The recorder notes no code for the second kind, so it is recognised here.
 */
function isMalformed(call: CallRecord, status: number): boolean {
  if (status >= 400) return true;
  const body = call.responseBody ?? '';
  return /json/i.test(contentTypeOf(call) ?? '') && !CUT_BY_RECORDER.test(body);
}

function malformedFailure(call: CallRecord, status: number): CallFailure {
  const body = (call.responseBody ?? '').trim().replace(/\s+/g, ' ');
  const excerpt = body === '' ? '(empty body)' : body.slice(0, MESSAGE_EXCERPT_CHARS);
  return {
    errorCode: 'MALFORMED_RESPONSE',
    httpStatus: status,
    errorClass: call.errorClass ?? 'transient',
    message: `${contentTypeOf(call) ?? 'no content type'}: ${excerpt}`,
    path: call.path,
  };
}

function classOf(call: CallRecord, code: string, message: string, status: number): ErrorClass {
  // The recorder classified the first code of the answer; any other is classified the same way.
  if (call.errorClass && call.errorCodes?.[0] === code) return call.errorClass;
  return classify({ errorCode: code, message, httpStatus: status }).errorClass;
}

/**
 * Every failure in a recorded call, in the order its answer lists them: one for a refused call, one
 * per failed record of an sObject Collections call. Empty when the call did not fail.
 */
export function failuresOfCall(call: CallRecord): CallFailure[] {
  const failures = failuresInAnswer(call);
  // A call the recorder coded as failed always has a failure to explain, even when its answer
  // says no more (a cut body, an error code only the transport saw).
  const [code] = call.errorCodes ?? [];
  if (failures.length > 0 || code === undefined) return failures;
  return [
    {
      errorCode: code,
      ...(call.status === undefined ? {} : { httpStatus: call.status }),
      ...(call.errorClass ? { errorClass: call.errorClass } : {}),
      path: call.path,
    },
  ];
}

function failuresInAnswer(call: CallRecord): CallFailure[] {
  const status = call.status;
  // No answer at all: the recorder noted the network error's code (ECONNRESET) or name (AbortError).
  if (status === undefined) {
    return [
      {
        errorCode: call.errorCodes?.[0] ?? 'NETWORK_ERROR',
        errorClass: call.errorClass ?? 'transient',
        path: call.path,
      },
    ];
  }
  const body = parseJson(call.responseBody);
  if (!body.ok) return isMalformed(call, status) ? [malformedFailure(call, status)] : [];
  const errors = bodyErrors(body.value);
  if (errors.length === 0) {
    if (status < 400) return [];
    // A JSON error without a code: jsforce (and so Pulse) names it ERROR_HTTP_<status>.
    const message = isObject(body.value) ? text(body.value['message']) : undefined;
    return [
      {
        errorCode: `ERROR_HTTP_${status}`,
        httpStatus: status,
        errorClass: call.errorClass ?? classify({ message: '', httpStatus: status }).errorClass,
        ...(message ? { message } : {}),
        path: call.path,
      },
    ];
  }
  // Parsed once, when first needed: a refused batch has up to 200 errors and a 512 KB request.
  let request: ReturnType<typeof parseJson> | undefined;
  const requestOf = (): ReturnType<typeof parseJson> => (request ??= parseJson(call.requestBody));
  return errors.map((error) => {
    const sObject = sObjectOf(call, error, requestOf);
    const field = fieldOf(error);
    return {
      errorCode: error.code,
      httpStatus: status,
      errorClass: classOf(call, error.code, error.message, status),
      message: error.message,
      ...(sObject ? { sObject } : {}),
      ...(field ? { field } : {}),
      path: call.path,
    };
  });
}

/**
 * The failure that explains a recorded call: its first error that is not merely a consequence of
 * another (a record rolled back because its neighbour failed). Undefined when the call did not fail.
 */
export function failureOfCall(call: CallRecord): CallFailure | undefined {
  return explainingFailure(failuresOfCall(call));
}

/** Of a call's failures, the one that explains it (see failureOfCall). */
export function explainingFailure(failures: readonly CallFailure[]): CallFailure | undefined {
  return failures.find((failure) => !CONSEQUENCE_CODES.has(failure.errorCode ?? '')) ?? failures[0];
}

/**
 * The failure of a call that never reached the transport, or of a whole operation: Pulse's own
 * refusals (BUDGET_RESERVE_REACHED, SESSION_REFRESH_LIMIT) and the pipeline's TIMEOUT and
 * MALFORMED_RESPONSE exist only as SalesforceErrors.
 */
export function failureOfError(error: SalesforceError): CallFailure {
  // The error's message is `<code>: <message> — <hint>`; the playbook wants the middle.
  let message = error.message;
  const prefix = `${error.errorCode}: `;
  const suffix = ` — ${error.classification.hint}`;
  if (message.startsWith(prefix)) message = message.slice(prefix.length);
  if (message.endsWith(suffix)) message = message.slice(0, message.length - suffix.length);
  return {
    errorCode: error.errorCode,
    errorClass: error.errorClass,
    ...(error.httpStatus === undefined ? {} : { httpStatus: error.httpStatus }),
    ...(message ? { message } : {}),
  };
}
