/**
 * Call records as the recording transport makes them: the body redacted, and the error codes and
 * class read from the answer by the transport's own `errorsOf`, so the playbooks are tested against
 * what Pulse really records. Bodies are shaped like the reference payloads and the emulator's.
 */
import type { CallRecord } from '../../../../src/salesforce/transport/call-record.js';
import { errorsOf } from '../../../../src/salesforce/transport/describe-response.js';
import { createRedactor } from '../../../../src/redaction/redactor.js';
import { callRecord } from '../../../support/call-record.js';

const redactor = createRedactor();

export const API = '/services/data/v64.0';
export const TOKEN_PATH = '/services/oauth2/token';

interface Answer {
  readonly method?: string;
  readonly path: string;
  /** The raw query string, e.g. `?q=SELECT+Id+FROM+Account`. */
  readonly query?: string;
  readonly requestBody?: unknown;
  readonly status: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body: unknown;
  readonly contentType?: string;
}

/** A call Salesforce answered. */
export function answered(answer: Answer): CallRecord {
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const errors = errorsOf(answer.status, body);
  const requestBody =
    answer.requestBody === undefined
      ? undefined
      : typeof answer.requestBody === 'string'
        ? answer.requestBody
        : JSON.stringify(answer.requestBody);
  return callRecord({
    method: answer.method ?? 'GET',
    path: answer.path,
    query: redactor.text(answer.query ?? ''),
    ...(requestBody === undefined ? {} : { requestBody: redactor.text(requestBody) }),
    status: answer.status,
    responseHeaders: {
      'content-type': answer.contentType ?? 'application/json;charset=UTF-8',
      'sforce-limit-info': 'api-usage=15907/5000000',
      'x-request-id': '21db44547b7fb4514686a6d554745eb1',
    },
    responseBody: redactor.text(body),
    ...(errors.codes.length > 0 ? { errorCodes: errors.codes } : {}),
    ...(errors.errorClass ? { errorClass: errors.errorClass } : {}),
  });
}

/** A call that got no answer: the transport records the error's code, or its name. */
export function unanswered(code: string, path = `${API}/query`): CallRecord {
  return callRecord({ status: undefined, path, errorCodes: [code], errorClass: 'transient' });
}

/** A REST error array answer: `[{message, errorCode, fields?}]`. */
export function restError(
  status: number,
  errorCode: string,
  message: string,
  options: { path?: string; query?: string; method?: string; fields?: string[] } = {},
): CallRecord {
  return answered({
    method: options.method ?? 'GET',
    path: options.path ?? `${API}/query`,
    ...(options.query === undefined ? {} : { query: options.query }),
    status,
    body: [{ message, errorCode, ...(options.fields ? { fields: options.fields } : {}) }],
  });
}

/** A token endpoint refusal: HTTP 400 `{error, error_description}`. */
export function oauthError(error: string, description: string): CallRecord {
  return answered({
    method: 'POST',
    path: TOKEN_PATH,
    requestBody: 'grant_type=refresh_token&refresh_token=5Aep861TSESvWeug_xvFHRBTTbf&client_id=3MVG9abc',
    status: 400,
    body: { error, error_description: description },
  });
}

export interface RecordFailure {
  readonly statusCode: string;
  readonly message: string;
  readonly fields?: string[];
}

/**
 * An sObject Collections PATCH of Accounts answered 200 with per-record results; `failures[i]`
 * (when given) is record i's error, as the emulator sends them.
 */
export function collectionsUpdate(failures: readonly (RecordFailure | undefined)[]): CallRecord {
  const ids = failures.map((_, index) => `001Dn00000Abc${String(index).padStart(5, '0')}`);
  return answered({
    method: 'PATCH',
    path: `${API}/composite/sobjects`,
    requestBody: {
      allOrNone: false,
      records: ids.map((id) => ({ attributes: { type: 'Account' }, id, Health_Score__c: 42 })),
    },
    status: 200,
    body: failures.map((failure, index) =>
      failure
        ? { id: ids[index], success: false, errors: [{ fields: [], ...failure }] }
        : { id: ids[index], success: true, errors: [] },
    ),
  });
}

/** A SOQL error's message as Salesforce (and the emulator) words it: excerpt, caret, position, text. */
export function soqlMessage(excerpt: string, column: number, text: string): string {
  return `\n${excerpt}\n${' '.repeat(column - 1)}^\nERROR at Row:1:Column:${column}\n${text}`;
}

export const soqlQuery = (soql: string): string => `?q=${encodeURIComponent(soql).replace(/%20/g, '+')}`;
