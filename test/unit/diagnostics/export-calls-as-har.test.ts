/**
 * Stored calls as a HAR 1.2 log. `har-validator` is not a dependency, so `harProblems` checks what the
 * HAR 1.2 spec (http://www.softwareishard.com/blog/har-12-spec/) requires of every object Pulse writes:
 * each required field with its type, timings that are not negative and add up to `time`, ISO 8601
 * dates, and no field the spec does not define unless it starts with `_`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { callsAsHar, type Har } from '../../../src/diagnostics/export/calls-as-har.js';
import { REDACTED } from '../../../src/redaction/redactor.js';
import { callRecord } from '../../support/call-record.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');

const API = '/services/data/v64.0';
const CREATOR = { name: 'Pulse', version: '0.1.0' };
const RECORDED_TOKEN = '00D5g000004XyZ1!AQ0AQH8fake.Session_Token-Value';

// --- A HAR 1.2 checker -------------------------------------------------------------------------

type Kind = 'string' | 'number' | 'object' | 'array';
interface Field {
  readonly kind: Kind;
  readonly required: boolean;
  /** How to check an object, or each element of an array. */
  readonly shape?: Shape;
}
type Shape = Readonly<Record<string, Field>>;

const req = (kind: Kind, shape?: Shape): Field => ({ kind, required: true, ...(shape ? { shape } : {}) });
const opt = (kind: Kind, shape?: Shape): Field => ({ kind, required: false, ...(shape ? { shape } : {}) });

const NAME_VALUE: Shape = { name: req('string'), value: req('string'), comment: opt('string') };
const COOKIE: Shape = {
  name: req('string'),
  value: req('string'),
  path: opt('string'),
  domain: opt('string'),
  expires: opt('string'),
  httpOnly: opt('object'),
  secure: opt('object'),
  comment: opt('string'),
};
const REQUEST: Shape = {
  method: req('string'),
  url: req('string'),
  httpVersion: req('string'),
  cookies: req('array', COOKIE),
  headers: req('array', NAME_VALUE),
  queryString: req('array', NAME_VALUE),
  postData: opt('object', {
    mimeType: req('string'),
    params: opt('array', {
      name: req('string'),
      value: opt('string'),
      fileName: opt('string'),
      contentType: opt('string'),
      comment: opt('string'),
    }),
    text: opt('string'),
    comment: opt('string'),
  }),
  headersSize: req('number'),
  bodySize: req('number'),
  comment: opt('string'),
};
const RESPONSE: Shape = {
  status: req('number'),
  statusText: req('string'),
  httpVersion: req('string'),
  cookies: req('array', COOKIE),
  headers: req('array', NAME_VALUE),
  content: req('object', {
    size: req('number'),
    compression: opt('number'),
    mimeType: req('string'),
    text: opt('string'),
    encoding: opt('string'),
    comment: opt('string'),
  }),
  redirectURL: req('string'),
  headersSize: req('number'),
  bodySize: req('number'),
  comment: opt('string'),
};
const TIMINGS: Shape = {
  blocked: opt('number'),
  dns: opt('number'),
  connect: opt('number'),
  send: req('number'),
  wait: req('number'),
  receive: req('number'),
  ssl: opt('number'),
  comment: opt('string'),
};
const ENTRY: Shape = {
  pageref: opt('string'),
  startedDateTime: req('string'),
  time: req('number'),
  request: req('object', REQUEST),
  response: req('object', RESPONSE),
  cache: req('object', {}),
  timings: req('object', TIMINGS),
  serverIPAddress: opt('string'),
  connection: opt('string'),
  comment: opt('string'),
};
const HAR: Shape = {
  log: req('object', {
    version: req('string'),
    creator: req('object', { name: req('string'), version: req('string'), comment: opt('string') }),
    browser: opt('object', { name: req('string'), version: req('string'), comment: opt('string') }),
    pages: opt('array'),
    entries: req('array', ENTRY),
    comment: opt('string'),
  }),
};

const kindOf = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
/** ISO 8601 date and time with a time zone, as HAR's `startedDateTime` must be. */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function shapeProblems(value: unknown, shape: Shape, at: string): string[] {
  if (kindOf(value) !== 'object') return [`${at}: expected an object`];
  const object = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const item = object[key];
    if (item === undefined) {
      if (field.required) problems.push(`${at}.${key}: missing`);
      continue;
    }
    if (kindOf(item) !== field.kind) {
      problems.push(`${at}.${key}: expected ${field.kind}, got ${kindOf(item)}`);
      continue;
    }
    if (field.kind === 'number' && !Number.isFinite(item)) problems.push(`${at}.${key}: not finite`);
    if (field.shape && field.kind === 'object')
      problems.push(...shapeProblems(item, field.shape, `${at}.${key}`));
    if (field.shape && field.kind === 'array')
      (item as unknown[]).forEach((element, index) => {
        problems.push(...shapeProblems(element, field.shape!, `${at}.${key}[${index}]`));
      });
  }
  for (const key of Object.keys(object))
    if (!(key in shape) && !key.startsWith('_'))
      problems.push(`${at}.${key}: not in HAR 1.2 (custom fields start with _)`);
  return problems;
}

/** Everything in the log that HAR 1.2 does not allow; empty for a valid log. */
function harProblems(har: unknown): string[] {
  const problems = shapeProblems(har, HAR, 'har');
  if (problems.length > 0) return problems;
  const { log } = har as Har;
  const version: string = log.version;
  if (version !== '1.2') problems.push(`log.version: ${version}`);
  log.entries.forEach((entry, index) => {
    const at = `entries[${index}]`;
    if (!ISO_8601.test(entry.startedDateTime) || Number.isNaN(Date.parse(entry.startedDateTime)))
      problems.push(`${at}.startedDateTime: not ISO 8601`);
    const { send, wait, receive } = entry.timings;
    if ([send, wait, receive].some((timing) => timing < 0)) problems.push(`${at}.timings: negative`);
    if (Math.abs(send + wait + receive - entry.time) > 1e-9)
      problems.push(`${at}.time: not the sum of its timings`);
    if (entry.time < 0) problems.push(`${at}.time: negative`);
    if (!URL.canParse(entry.request.url)) problems.push(`${at}.request.url: not an absolute URL`);
    if (entry.request.headersSize < -1 || entry.response.headersSize < -1)
      problems.push(`${at}: headersSize < -1`);
    if (entry.request.bodySize < -1 || entry.response.bodySize < -1) problems.push(`${at}: bodySize < -1`);
    if (!Number.isInteger(entry.response.status) || entry.response.status < 0)
      problems.push(`${at}.response.status: ${entry.response.status}`);
  });
  return problems;
}

// --- Calls shaped like the recorder's --------------------------------------------------------------

function storedCall(overrides: Parameters<typeof callRecord>[0] = {}, failed = false): StoredCall {
  return { ...callRecord(overrides), failed };
}

const queryCall = storedCall({
  id: 'call-query',
  startedAt: '2025-01-01T00:00:00.000Z',
  durationMs: 120,
  requestHeaders: { Authorization: `Bearer ${RECORDED_TOKEN}`, 'Sforce-Call-Options': 'client=Pulse' },
  responseHeaders: {
    'content-type': 'application/json;charset=UTF-8',
    'sforce-limit-info': 'api-usage=18/15000',
    'x-request-id': '21db44547b7fb4514686a6d554745eb1',
  },
  responseBody: payload('query-response-with-next.json'),
  sfRequestId: '21db44547b7fb4514686a6d554745eb1',
});

const updateBody = payload('composite-sobjects-update-success.request.json');
const failedWrite = storedCall(
  {
    id: 'call-write',
    startedAt: '2025-01-01T00:00:01.500Z',
    durationMs: 310,
    attempt: 2,
    method: 'PATCH',
    path: `${API}/composite/sobjects`,
    query: '',
    requestHeaders: {
      authorization: REDACTED,
      'Content-Type': 'application/json',
      'content-length': String(Buffer.byteLength(updateBody)),
      'Sforce-Call-Options': 'client=Pulse',
    },
    requestBody: updateBody,
    status: 400,
    responseHeaders: (
      JSON.parse(payload('headers-captured-400-invalid-field.json')) as { headers: Record<string, string> }
    ).headers,
    responseBody: payload('error-invalid-field-on-write-400.json'),
    sfRequestId: '21db44547b7fb4514686a6d554745eb1',
    errorCodes: ['INVALID_FIELD'],
    errorClass: 'data',
  },
  true,
);

const tokenCall = storedCall({
  id: 'call-token',
  startedAt: '2025-01-01T00:00:00.000+01:00',
  durationMs: 80.5,
  method: 'POST',
  origin: 'https://login.salesforce.com',
  path: '/services/oauth2/token',
  requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
  requestBody: `grant_type=refresh_token&refresh_token=${REDACTED}&client_id=3MVG9abc&client_secret=${REDACTED}`,
  responseBody: payload('oauth-refresh-token-success.json').replace('refreshed_access_token', REDACTED),
});

const networkError = storedCall(
  {
    id: 'call-reset',
    startedAt: '2025-01-01T00:00:02.000Z',
    durationMs: 30_000,
    status: undefined,
    errorCodes: ['ECONNRESET'],
    errorClass: 'transient',
  },
  true,
);

const cutResponse = storedCall({
  id: 'call-cut',
  startedAt: '2025-01-01T00:00:03.000Z',
  responseBody: `{"totalSize":90000,"done":false,"records":[{"attributes":{"type":"Account"}…[cut: 4242 more characters]`,
});

const calls = [queryCall, failedWrite, tokenCall, networkError, cutResponse];

describe('callsAsHar', () => {
  const har = callsAsHar(calls, CREATOR);

  it('writes a valid HAR 1.2 log, also once written to a file and read back', () => {
    expect(harProblems(har)).toEqual([]);
    expect(harProblems(JSON.parse(JSON.stringify(har)))).toEqual([]);
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual(CREATOR);
    expect(harProblems(callsAsHar([], CREATOR))).toEqual([]);
    expect(callsAsHar([], CREATOR).log.entries).toEqual([]);
  });

  it('the checker catches what HAR 1.2 does not allow', () => {
    const broken = JSON.parse(JSON.stringify(har)) as {
      log: { entries: Record<string, Record<string, unknown>>[] };
    };
    const [first] = broken.log.entries;
    delete first!['request']!['headersSize'];
    first!['response']!['extra'] = 1;
    first!['timings']!['wait'] = -1;
    expect(harProblems(broken)).toEqual([
      'har.log.entries[0].request.headersSize: missing',
      'har.log.entries[0].response.extra: not in HAR 1.2 (custom fields start with _)',
    ]);
    first!['request']!['headersSize'] = -1;
    delete first!['response']!['extra'];
    expect(harProblems(broken)).toEqual([
      'entries[0].timings: negative',
      'entries[0].time: not the sum of its timings',
    ]);
  });

  it('has one entry per call, in the order given, with its start, duration, status and URL', () => {
    expect(har.log.entries.map((entry) => entry._pulse.callId)).toEqual(calls.map((call) => call.id));
    expect(
      har.log.entries.map((entry) => [
        entry.startedDateTime,
        entry.time,
        entry.request.method,
        entry.request.url,
        entry.response.status,
        entry.response.statusText,
      ]),
    ).toEqual([
      [
        '2025-01-01T00:00:00.000Z',
        120,
        'GET',
        `https://acme.my.salesforce.com${API}/query${queryCall.query}`,
        200,
        'OK',
      ],
      [
        '2025-01-01T00:00:01.500Z',
        310,
        'PATCH',
        `https://acme.my.salesforce.com${API}/composite/sobjects`,
        400,
        'Bad Request',
      ],
      [
        '2025-01-01T00:00:00.000+01:00',
        80.5,
        'POST',
        'https://login.salesforce.com/services/oauth2/token',
        200,
        'OK',
      ],
      [
        '2025-01-01T00:00:02.000Z',
        30_000,
        'GET',
        `https://acme.my.salesforce.com${API}/query${networkError.query}`,
        0,
        '',
      ],
      [
        '2025-01-01T00:00:03.000Z',
        42,
        'GET',
        `https://acme.my.salesforce.com${API}/query${cutResponse.query}`,
        200,
        'OK',
      ],
    ]);
    expect(har.log.entries[0]!.timings).toEqual({ send: 0, wait: 120, receive: 0 });
  });

  it('decodes the query string into name/value pairs', () => {
    expect(har.log.entries[0]!.request.queryString).toEqual([
      { name: 'q', value: "SELECT Id FROM Account WHERE Id = '001000000000001AAA'" },
    ]);
    expect(har.log.entries[1]!.request.queryString).toEqual([]);
  });

  it('replaces Authorization by `Bearer [REDACTED]` whatever was recorded, and keeps other headers as recorded', () => {
    const text = JSON.stringify(har);
    expect(text).not.toContain(RECORDED_TOKEN);
    expect(har.log.entries[0]!.request.headers).toEqual([
      { name: 'Authorization', value: `Bearer ${REDACTED}` },
      { name: 'Sforce-Call-Options', value: 'client=Pulse' },
    ]);
    expect(har.log.entries[1]!.request.headers).toEqual([
      { name: 'authorization', value: `Bearer ${REDACTED}` },
      { name: 'Content-Type', value: 'application/json' },
      { name: 'content-length', value: String(Buffer.byteLength(updateBody)) },
      { name: 'Sforce-Call-Options', value: 'client=Pulse' },
    ]);
    expect(har.log.entries[1]!.response.headers).toContainEqual({
      name: 'sforce-limit-info',
      value: 'api-usage=15907/5000000',
    });
    expect(har.log.entries[1]!.response.headers).toHaveLength(
      Object.keys(failedWrite.responseHeaders!).length,
    );
    // A token request has no Authorization to replace, and keeps its redacted form as recorded.
    expect(har.log.entries[2]!.request.headers).toEqual([
      { name: 'content-type', value: 'application/x-www-form-urlencoded' },
    ]);
    expect(har.log.entries[2]!.request.postData).toEqual({
      mimeType: 'application/x-www-form-urlencoded',
      text: tokenCall.requestBody,
    });
  });

  it('carries request and response bodies with their types and sizes', () => {
    const write = har.log.entries[1]!;
    expect(write.request.postData).toEqual({ mimeType: 'application/json', text: updateBody });
    expect(write.request.bodySize).toBe(Buffer.byteLength(updateBody));
    expect(write.response.content).toEqual({
      size: Buffer.byteLength(failedWrite.responseBody!),
      mimeType: 'application/json;charset=UTF-8',
      text: failedWrite.responseBody,
    });
    expect(write.response.bodySize).toBe(Buffer.byteLength(failedWrite.responseBody!));
    expect(write.response.redirectURL).toBe('');
    const query = har.log.entries[0]!;
    expect(query.request.postData).toBeUndefined();
    expect(query.request.bodySize).toBe(0);
    expect(JSON.parse(query.response.content.text!)).toEqual(
      JSON.parse(payload('query-response-with-next.json')),
    );
  });

  it('says where the recorder cut a body, and does not claim its size on the wire', () => {
    const cut = har.log.entries[4]!;
    expect(cut.response.content.text).toBe(cutResponse.responseBody);
    expect(cut.response.content.comment).toMatch(/4242 more characters/);
    expect(cut.response.bodySize).toBe(-1);
    const cutRequest = callsAsHar(
      [storedCall({ method: 'POST', requestBody: `{"a":1…[cut: 7 more characters]`, requestHeaders: {} })],
      CREATOR,
    ).log.entries[0]!.request;
    expect(cutRequest.bodySize).toBe(-1);
    expect(cutRequest.postData?.comment).toMatch(/7 more characters/);
    expect(cutRequest.postData?.mimeType).toBe('');
  });

  it('gives a call with no response status 0 and its network error in `_error`', () => {
    const reset = har.log.entries[3]!;
    expect(reset.response).toEqual({
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _error: 'ECONNRESET',
    });
    const noCode = callsAsHar([storedCall({ status: undefined })], CREATOR).log.entries[0]!;
    expect(noCode.response._error).toBe('NETWORK_ERROR');
    expect(har.log.entries.filter((entry) => entry.response._error !== undefined)).toHaveLength(1);
  });

  it('carries Pulse’s ids and error facts in `_pulse`', () => {
    expect(har.log.entries[1]!._pulse).toEqual({
      callId: 'call-write',
      orgId: 'acme',
      kind: 'api',
      runId: '20250101T000000-abcdef12',
      jobId: 'job-1',
      attempt: 2,
      errorCodes: ['INVALID_FIELD'],
      errorClass: 'data',
      sfRequestId: '21db44547b7fb4514686a6d554745eb1',
    });
    expect(har.log.entries[3]!._pulse).toMatchObject({ errorCodes: ['ECONNRESET'], errorClass: 'transient' });
    expect(har.log.entries[2]!._pulse.kind).toBe('token');
    const { runId: _runId, jobId: _jobId, ...bareCall } = storedCall();
    const bare = callsAsHar([bareCall], CREATOR);
    expect(Object.keys(bare.log.entries[0]!._pulse)).not.toContain('runId');
  });

  it('lists a repeated response header once per value, and a redirect’s target', () => {
    const redirect = storedCall({
      status: 302,
      responseHeaders: {
        location: 'https://acme.my.salesforce.com/other',
        'set-cookie': ['a=[REDACTED]', 'b=[REDACTED]'] as unknown as string,
      },
      responseBody: '',
    });
    const response = callsAsHar([redirect], CREATOR).log.entries[0]!.response;
    expect(response.statusText).toBe('Found');
    expect(response.redirectURL).toBe('https://acme.my.salesforce.com/other');
    expect(response.headers.filter((header) => header.name === 'set-cookie')).toEqual([
      { name: 'set-cookie', value: 'a=[REDACTED]' },
      { name: 'set-cookie', value: 'b=[REDACTED]' },
    ]);
    expect(harProblems(callsAsHar([redirect], CREATOR))).toEqual([]);
  });
});
