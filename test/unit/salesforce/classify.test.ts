/**
 * classify() on the real error bodies of ../shared/reference (turned into errors exactly as
 * jsforce 3.10.16 does: name and errorCode from the body's errorCode, message from its message)
 * and on network failures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { classify } from '../../../src/salesforce/errors/classify.js';
import { factsOf, toSalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');

/** jsforce's HttpApiError for a one-element error array: name = errorCode, message = message. */
function jsforceApiError(file: string): Error {
  const [body] = JSON.parse(readFileSync(path.join(PAYLOADS, file), 'utf8')) as {
    message: string;
    errorCode: string;
  }[];
  const error = new Error(body!.message);
  error.name = body!.errorCode;
  return Object.assign(error, { errorCode: body!.errorCode });
}

/** jsforce's OAuth2 error: name = error, message = error_description. */
function jsforceOAuthError(file: string): Error {
  const body = JSON.parse(readFileSync(path.join(PAYLOADS, file), 'utf8')) as {
    error: string;
    error_description: string;
  };
  const error = new Error(body.error_description);
  error.name = body.error;
  return error;
}

describe('classify on Salesforce’s real error bodies', () => {
  it.each([
    ['error-invalid-session-401.json', 401, 'auth', 'INVALID_SESSION_ID', false],
    ['error-request-limit-exceeded-403.json', 403, 'limit', 'REQUEST_LIMIT_EXCEEDED', false],
    ['error-concurrent-long-running-limit-403.json', 403, 'limit', 'REQUEST_LIMIT_EXCEEDED', true],
    ['error-unable-to-lock-row.json', 400, 'transient', 'UNABLE_TO_LOCK_ROW', true],
    ['error-malformed-id-400.json', 400, 'data', 'MALFORMED_ID', false],
    ['error-not-found-404.json', 404, 'config', 'NOT_FOUND', false],
    ['error-invalid-field-on-write-400.json', 400, 'config', 'INVALID_FIELD', false],
    ['error-soql-invalid-field-400.json', 400, 'config', 'INVALID_FIELD', false],
  ] as const)('%s -> %s', (file, status, errorClass, errorCode, retry) => {
    const result = classify(factsOf(jsforceApiError(file), { status }));
    expect(result).toMatchObject({ errorClass, errorCode, retry });
    expect(result.hint).not.toBe('');
  });

  it('tells the daily limit (pause) from the concurrent one (seconds of backoff)', () => {
    const daily = classify(
      factsOf(jsforceApiError('error-request-limit-exceeded-403.json'), { status: 403 }),
    );
    const concurrent = classify(
      factsOf(jsforceApiError('error-concurrent-long-running-limit-403.json'), { status: 403 }),
    );
    expect(daily).toMatchObject({ limitKind: 'daily', retry: false, waitMs: 30 * 60_000 });
    expect(concurrent).toMatchObject({ limitKind: 'concurrent', retry: true, waitMs: 5_000 });
  });

  it.each([
    ['oauth-error-invalid-grant-password.json', 'auth', 'invalid_grant'],
    ['oauth-error-invalid-grant-expired-refresh-token.json', 'auth', 'invalid_grant'],
  ] as const)('%s -> %s', (file, errorClass, errorCode) => {
    expect(classify(factsOf(jsforceOAuthError(file), { status: 400 }))).toMatchObject({
      errorClass,
      errorCode,
      retry: false,
    });
  });
});

describe('classify on failures that are not Salesforce error bodies', () => {
  it.each([
    [
      Object.assign(new Error('request to https://x failed, reason: socket hang up'), {
        name: 'FetchError',
        type: 'system',
        code: 'ECONNRESET',
      }),
      'ECONNRESET',
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
        name: 'FetchError',
        type: 'system',
        code: 'ECONNREFUSED',
      }),
      'ECONNREFUSED',
    ],
    [
      Object.assign(new Error('network timeout at: https://x'), {
        name: 'FetchError',
        type: 'request-timeout',
      }),
      'TIMEOUT',
    ],
    [Object.assign(new Error('The operation was aborted'), { name: 'AbortError' }), 'TIMEOUT'],
    [new SyntaxError('Unexpected end of JSON input'), 'MALFORMED_RESPONSE'],
    [
      new Error('HTTP response contains html content.\nCheck that the org exists and can be reached.'),
      'MALFORMED_RESPONSE',
    ],
  ])('%s is transient and retried', (error, errorCode) => {
    expect(classify(factsOf(error))).toMatchObject({ errorClass: 'transient', errorCode, retry: true });
  });

  it('falls back on the HTTP status for codes it does not know', () => {
    const unknown = (status: number) => {
      const error = Object.assign(new Error('boom'), {
        name: `ERROR_HTTP_${status}`,
        errorCode: `ERROR_HTTP_${status}`,
      });
      return classify(factsOf(error, { status }));
    };
    expect(unknown(503)).toMatchObject({ errorClass: 'transient', retry: true });
    expect(unknown(502)).toMatchObject({ errorClass: 'transient', retry: true });
    expect(unknown(401)).toMatchObject({ errorClass: 'auth', retry: false });
    expect(unknown(400)).toMatchObject({ errorClass: 'data', retry: false });
    expect(unknown(403)).toMatchObject({ errorClass: 'config', retry: false });
  });

  it('honours Retry-After on a transient failure', () => {
    expect(
      classify({
        errorCode: 'SERVER_UNAVAILABLE',
        message: 'Server Unavailable',
        httpStatus: 503,
        retryAfterMs: 7000,
      }),
    ).toMatchObject({
      retry: true,
      waitMs: 7000,
    });
  });

  it('gives an INVALID_QUERY_LOCATOR no blind retry: the query restarts from its last position', () => {
    expect(
      classify({ errorCode: 'INVALID_QUERY_LOCATOR', message: 'Invalid query locator', httpStatus: 404 }),
    ).toMatchObject({
      errorClass: 'transient',
      retry: false,
    });
  });
});

describe('SalesforceError', () => {
  it('keeps Salesforce’s code, the class, the request id and an actionable message', () => {
    const error = toSalesforceError(jsforceApiError('error-invalid-field-on-write-400.json'), {
      status: 400,
      requestId: 'abc123',
    });
    expect(error).toMatchObject({
      code: 'sf_config',
      errorClass: 'config',
      errorCode: 'INVALID_FIELD',
      httpStatus: 400,
      requestId: 'abc123',
    });
    expect(error.message).toBe(
      "INVALID_FIELD: No such column 'foo' on sobject of type Bar — A field Pulse uses is missing or hidden from the integration user: deploy the package, assign the Pulse_Integration permission set, run `pulse doctor`.",
    );
  });
});
