/**
 * replayTarget and signedReplayTarget: Pulse's own calls come back as the exact request to send,
 * always to the org's instance URL; anything else — another host, an absolute URL, dot segments,
 * encoded paths, token calls, redacted or cut requests, a record altered under its old signature —
 * is refused with a reason, and no request is made.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { toStoredCall } from '../../../src/diagnostics/call-store/call-facts.js';
import { signCall } from '../../../src/diagnostics/call-store/call-signature.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import {
  isRefusal,
  REFUSAL_CODES,
  ReplayRefusedError,
  replayTarget,
  signedReplayTarget,
  withRecords,
  type RefusalCode,
  type ReplayRefusal,
  type ReplayTarget,
} from '../../../src/diagnostics/replay/index.js';
import { callRecord } from '../../support/call-record.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');

const INSTANCE = 'https://acme.my.salesforce.com';
const KEY = 'test-hmac-key-0123456789';
const V = '/services/data/v64.0';
const ACCOUNT_1 = '001000000000001AAA';
const ACCOUNT_2 = '001000000000002AAA';
const JOB = '7505e00000AbCdEAAV';
const SOQL = `?q=${encodeURIComponent('SELECT Id, Name FROM Account WHERE LastModifiedDate > 2025-01-01T00:00:00Z')}`;

/** A collection update as jsforce's `_updateMany` writes it: lower-case `id`, then attributes, then fields. */
const collectionBody = (ids: readonly string[] = [ACCOUNT_1, ACCOUNT_2]): string =>
  JSON.stringify({
    allOrNone: false,
    records: ids.map((id, index) => ({
      id,
      attributes: { type: 'Account' },
      Health_Score__c: 40 + index,
      Health_Status__c: 'At Risk',
      Health_Updated_At__c: '2025-01-01T00:00:00.000Z',
    })),
  });

const call = (overrides: Parameters<typeof callRecord>[0] = {}): StoredCall =>
  toStoredCall(callRecord({ query: '', ...overrides }));

const target = (decision: ReplayTarget | ReplayRefusal): ReplayTarget => {
  if (isRefusal(decision)) throw new Error(`refused: ${decision.code}: ${decision.reason}`);
  return decision;
};

const refusal = (decision: ReplayTarget | ReplayRefusal): ReplayRefusal => {
  if (!isRefusal(decision)) throw new Error(`not refused: ${decision.method} ${decision.url}`);
  expect(decision.reason.length).toBeGreaterThan(20);
  return decision;
};

describe('replayTarget: Pulse’s own calls', () => {
  it('re-sends a query to the instance URL, as a read, with the recorded SOQL', () => {
    const decision = target(replayTarget(call({ path: `${V}/query`, query: SOQL }), INSTANCE));
    expect(decision).toEqual({
      replayable: true,
      method: 'GET',
      url: `${INSTANCE}${V}/query${SOQL}`,
      headers: {},
      kind: 'read',
      shape: 'query',
    });
  });

  it.each([
    ['GET', `${V}/queryAll`, SOQL, 'query-all', 'read'],
    ['GET', `${V}/query/01gD0000002HU6KIAW-2000`, '', 'query-more', 'read'],
    ['GET', `${V}/queryAll/01gD0000002HU6KIAW-4000`, '', 'query-more', 'read'],
    ['GET', `${V}/sobjects/Account/describe`, '', 'describe', 'read'],
    ['GET', `${V}/limits`, '', 'limits', 'read'],
    ['GET', '/services/data/', '', 'versions', 'read'],
    ['GET', `${V}/sobjects/Account/${ACCOUNT_1}`, '', 'record-get', 'read'],
    ['GET', `${V}/jobs/query/${JOB}`, '', 'bulk-query-state', 'read'],
    ['GET', `${V}/jobs/query/${JOB}/results`, '?maxRecords=50000', 'bulk-query-results', 'read'],
    [
      'GET',
      `${V}/jobs/query/${JOB}/results`,
      '?maxRecords=50000&locator=MTAwMDA',
      'bulk-query-results',
      'read',
    ],
    ['GET', `${V}/jobs/ingest/${JOB}`, '', 'bulk-ingest-state', 'read'],
    ['GET', `${V}/jobs/ingest/${JOB}/failedResults/`, '', 'bulk-ingest-results', 'read'],
    ['GET', `${V}/jobs/ingest/${JOB}/successfulResults/`, '', 'bulk-ingest-results', 'read'],
    ['GET', `${V}/jobs/ingest/${JOB}/unprocessedrecords/`, '', 'bulk-ingest-results', 'read'],
  ] as const)('%s %s%s is %s (%s)', (method, callPath, query, shape, kind) => {
    const decision = target(replayTarget(call({ method, path: callPath, query }), INSTANCE));
    expect(decision).toMatchObject({ method, url: `${INSTANCE}${callPath}${query}`, shape, kind });
    expect(decision.body).toBeUndefined();
  });

  it('classifies by shape, not method: a Bulk query job’s POST reads, an ingest job’s POST writes', () => {
    const queryJob = JSON.stringify({
      operation: 'queryAll',
      query: 'SELECT Id FROM Account',
      contentType: 'CSV',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    });
    expect(
      target(
        replayTarget(call({ method: 'POST', path: `${V}/jobs/query`, requestBody: queryJob }), INSTANCE),
      ),
    ).toMatchObject({ shape: 'bulk-query-create', kind: 'read', body: queryJob });
    const ingestJob = JSON.stringify({
      object: 'Account',
      operation: 'update',
      contentType: 'CSV',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    });
    expect(
      target(
        replayTarget(call({ method: 'POST', path: `${V}/jobs/ingest`, requestBody: ingestJob }), INSTANCE),
      ),
    ).toMatchObject({ shape: 'bulk-ingest-create', kind: 'write', sObject: 'Account' });
  });

  it('re-sends a collection update as a write, with its records parsed in order', () => {
    const body = collectionBody();
    const decision = target(
      replayTarget(call({ method: 'PATCH', path: `${V}/composite/sobjects`, requestBody: body }), INSTANCE),
    );
    expect(decision).toMatchObject({
      method: 'PATCH',
      url: `${INSTANCE}${V}/composite/sobjects`,
      body,
      headers: { 'content-type': 'application/json' },
      kind: 'write',
      shape: 'collection-update',
      sObject: 'Account',
    });
    expect(decision.records?.map((record) => record['id'])).toEqual([ACCOUNT_1, ACCOUNT_2]);
  });

  it('takes the reference payloads of collection update and upsert, and Bulk close and upload', () => {
    const update = payload('composite-sobjects-update-success.request.json').replace(
      '<account-id>',
      ACCOUNT_1,
    );
    expect(
      target(
        replayTarget(
          call({ method: 'PATCH', path: `${V}/composite/sobjects`, requestBody: update }),
          INSTANCE,
        ),
      ).shape,
    ).toBe('collection-update');
    const upsert = JSON.parse(payload('composite-sobjects-upsert-success.request.json')) as {
      records: Record<string, unknown>[];
    };
    const byExternalId = JSON.stringify({
      allOrNone: false,
      records: upsert.records.map(({ Id: _id, ...rest }) => ({ ...rest, External_Id__c: 'ext-1' })),
    });
    expect(
      target(
        replayTarget(
          call({
            method: 'PATCH',
            path: `${V}/composite/sobjects/Account/External_Id__c`,
            requestBody: byExternalId,
          }),
          INSTANCE,
        ),
      ),
    ).toMatchObject({ shape: 'collection-upsert', kind: 'write', sObject: 'Account' });
    const close = payload('bulk2-ingest-job-upload-complete.request.json');
    expect(
      target(
        replayTarget(
          call({ method: 'PATCH', path: `${V}/jobs/ingest/${JOB}`, requestBody: close }),
          INSTANCE,
        ),
      ),
    ).toMatchObject({ shape: 'bulk-ingest-close', kind: 'write' });
    const csv = 'Id,Health_Score__c\n001000000000001AAA,42\n';
    expect(
      target(
        replayTarget(
          call({ method: 'PUT', path: `${V}/jobs/ingest/${JOB}/batches`, requestBody: csv }),
          INSTANCE,
        ),
      ),
    ).toMatchObject({ shape: 'bulk-ingest-upload', kind: 'write', headers: { 'content-type': 'text/csv' } });
  });

  it('sends to the instance URL, whatever spelling of it the record has', () => {
    const recorded = call({ path: `${V}/limits`, origin: 'https://ACME.my.salesforce.com:443' });
    expect(target(replayTarget(recorded, `${INSTANCE}/`)).url).toBe(`${INSTANCE}${V}/limits`);
    // The emulator and other local orgs: http and a port, compared as given.
    const local = call({ path: `${V}/limits`, origin: 'http://127.0.0.1:4567' });
    expect(target(replayTarget(local, 'http://127.0.0.1:4567')).url).toBe(`http://127.0.0.1:4567${V}/limits`);
  });

  it('never re-sends the recorded headers (auth is fresh; the rest is Pulse’s own)', () => {
    const recorded = call({
      path: `${V}/limits`,
      requestHeaders: { authorization: '[REDACTED]', 'x-forwarded-host': 'evil.example.com' },
    });
    expect(target(replayTarget(recorded, INSTANCE)).headers).toEqual({});
  });

  it('narrows a collection to some of its own records, and to nothing else', () => {
    const whole = target(
      replayTarget(
        call({ method: 'PATCH', path: `${V}/composite/sobjects`, requestBody: collectionBody() }),
        INSTANCE,
      ),
    );
    const [first, second] = whole.records ?? [];
    const narrowed = withRecords(whole, [second!]);
    expect(JSON.parse(narrowed.body ?? '')).toEqual({ allOrNone: false, records: [second] });
    expect(narrowed.url).toBe(whole.url);
    expect(() => withRecords(whole, [{ ...first, id: ACCOUNT_2 }])).toThrow(/own records/);
    expect(() => withRecords(whole, [])).toThrow(/non-empty/);
  });
});

const hostile: readonly (readonly [string, Parameters<typeof callRecord>[0], RefusalCode])[] = [
  [
    'an absolute URL to another host',
    { path: `https://evil.example.com${V}/query`, query: SOQL },
    'absolute_url',
  ],
  ['an absolute URL to the org itself', { path: `${INSTANCE}${V}/limits` }, 'absolute_url'],
  ['a protocol-relative URL', { path: '//evil.example.com/x' }, 'absolute_url'],
  ['a backslash protocol-relative URL', { path: '/\\evil.example.com/x' }, 'absolute_url'],
  ['a javascript: URL', { path: 'javascript:alert(1)' }, 'absolute_url'],
  ['dot-dot segments', { path: `${V}/../../x` }, 'path_traversal'],
  ['a dot segment', { path: `${V}/./limits` }, 'path_traversal'],
  ['an empty segment', { path: `${V}//limits` }, 'path_traversal'],
  ['backslashes', { path: `${V}\\..\\..\\x` }, 'path_traversal'],
  ['encoded dots', { path: `${V}/%2e%2e/x` }, 'encoded_path'],
  ['an encoded slash', { path: `${V}/sobjects%2FAccount/describe` }, 'encoded_path'],
  ['double encoding', { path: `${V}/%252e%252e/x` }, 'encoded_path'],
  ['an encoded plain letter', { path: `${V}/lim%69ts` }, 'encoded_path'],
  ['a broken escape', { path: `${V}/limits%zz` }, 'encoded_path'],
  ['a newline', { path: `${V}/limits\r\nHost: evil.example.com` }, 'malformed_path'],
  ['a NUL', { path: `${V}/limits\u0000` }, 'malformed_path'],
  ['no leading slash', { path: 'services/data/v64.0/limits' }, 'malformed_path'],
  ['an empty path', { path: '' }, 'malformed_path'],
  ['a path parameter', { path: `${V}/limits;jsessionid=1` }, 'malformed_path'],
  ['an @', { path: `${V}/limits@evil.example.com` }, 'malformed_path'],
  ['a look-alike letter', { path: `${V}/lim\uff49ts` }, 'malformed_path'],
  ['another origin', { path: `${V}/limits`, origin: 'https://evil.example.com' }, 'foreign_host'],
  ['a suffixed host', { path: `${V}/limits`, origin: `${INSTANCE}.evil.example.com` }, 'foreign_host'],
  ['http instead of https', { path: `${V}/limits`, origin: 'http://acme.my.salesforce.com' }, 'foreign_host'],
  ['another port', { path: `${V}/limits`, origin: `${INSTANCE}:8443` }, 'foreign_host'],
  [
    'credentials in the origin',
    { path: `${V}/limits`, origin: 'https://u:p@acme.my.salesforce.com' },
    'foreign_host',
  ],
  ['an origin with a path', { path: `${V}/limits`, origin: `${INSTANCE}/evil` }, 'foreign_host'],
  ['a newline the URL parser would drop', { path: `${V}/limits`, origin: `${INSTANCE}\n` }, 'foreign_host'],
  ['not a URL as origin', { path: `${V}/limits`, origin: 'acme.my.salesforce.com' }, 'foreign_host'],
  [
    'the token endpoint',
    { method: 'POST', path: '/services/oauth2/token', requestBody: 'grant_type=x' },
    'token_call',
  ],
  ['userinfo', { path: '/services/oauth2/userinfo' }, 'token_call'],
  ['frontdoor', { path: '/secur/frontdoor.jsp' }, 'outside_services'],
  ['the identity URL', { path: '/id/00D000000000001AAA/005000000000001AAA' }, 'outside_services'],
  ['a Visualforce page', { path: '/apex/Setup' }, 'outside_services'],
  [
    'Apex REST',
    { method: 'POST', path: '/services/apexrest/Danger', requestBody: '{}' },
    'not_replayable_shape',
  ],
  [
    'Bulk API 1.0',
    { method: 'POST', path: '/services/async/64.0/job', requestBody: '<x/>' },
    'not_replayable_shape',
  ],
  ['the Tooling API', { path: `${V}/tooling/query`, query: SOQL }, 'not_replayable_shape'],
  ['a collection delete', { method: 'DELETE', path: `${V}/composite/sobjects` }, 'not_replayable_shape'],
  [
    'a record delete',
    { method: 'DELETE', path: `${V}/sobjects/Account/${ACCOUNT_1}` },
    'not_replayable_shape',
  ],
  [
    'a record create',
    { method: 'POST', path: `${V}/sobjects/Account`, requestBody: '{}' },
    'not_replayable_shape',
  ],
  [
    'a composite batch',
    { method: 'POST', path: `${V}/composite`, requestBody: '{}' },
    'not_replayable_shape',
  ],
  ['a job id of another kind', { path: `${V}/jobs/ingest/001000000000001AAA` }, 'not_replayable_shape'],
  [
    'a redacted query',
    {
      path: `${V}/query`,
      query: `?q=${encodeURIComponent("SELECT Id FROM User WHERE Token__c = '")}[REDACTED]'`,
    },
    'redacted_request',
  ],
  [
    'an encoded redacted query',
    {
      path: `${V}/query`,
      query: `?q=${encodeURIComponent("SELECT Id FROM User WHERE Name = '[REDACTED]'")}`,
    },
    'redacted_request',
  ],
  [
    'a redacted body',
    {
      method: 'PATCH',
      path: `${V}/composite/sobjects`,
      requestBody: collectionBody().replace('At Risk', '[REDACTED]'),
    },
    'redacted_request',
  ],
  [
    'a body cut by the recorder',
    {
      method: 'PATCH',
      path: `${V}/composite/sobjects`,
      requestBody: `${collectionBody().slice(0, 100)}…[cut: 70000 more characters]`,
    },
    'truncated_body',
  ],
  ['a query without SOQL', { path: `${V}/query`, query: '' }, 'bad_query'],
  ['a second query parameter', { path: `${V}/query`, query: `${SOQL}&debug=1` }, 'bad_query'],
  ['a query string where none is taken', { path: `${V}/limits`, query: '?x=1' }, 'bad_query'],
  [
    'an odd Bulk results query',
    { path: `${V}/jobs/query/${JOB}/results`, query: '?maxRecords=1&x=y' },
    'bad_query',
  ],
  ['a GET with a body', { path: `${V}/limits`, requestBody: '{}' }, 'bad_body'],
  ['a collection without a body', { method: 'PATCH', path: `${V}/composite/sobjects` }, 'bad_body'],
  [
    'a collection body that is not JSON',
    { method: 'PATCH', path: `${V}/composite/sobjects`, requestBody: 'x' },
    'bad_body',
  ],
  [
    'a collection of 201 records',
    {
      method: 'PATCH',
      path: `${V}/composite/sobjects`,
      requestBody: collectionBody(Array.from({ length: 201 }, () => ACCOUNT_1)),
    },
    'bad_body',
  ],
  [
    'a collection record without an id',
    {
      method: 'PATCH',
      path: `${V}/composite/sobjects`,
      requestBody: JSON.stringify({ records: [{ attributes: { type: 'Account' }, Name: 'x' }] }),
    },
    'bad_body',
  ],
  [
    'a collection with an extra key',
    {
      method: 'PATCH',
      path: `${V}/composite/sobjects`,
      requestBody: JSON.stringify({
        ...(JSON.parse(collectionBody()) as object),
        url: 'https://evil.example.com',
      }),
    },
    'bad_body',
  ],
  [
    'a nested field value',
    {
      method: 'PATCH',
      path: `${V}/composite/sobjects`,
      requestBody: JSON.stringify({
        records: [{ id: ACCOUNT_1, attributes: { type: 'Account' }, Owner: { Id: '005000000000001AAA' } }],
      }),
    },
    'bad_body',
  ],
  [
    'a job abort',
    { method: 'PATCH', path: `${V}/jobs/ingest/${JOB}`, requestBody: '{"state":"Aborted"}' },
    'bad_body',
  ],
  [
    'a Bulk query job that is not a query',
    { method: 'POST', path: `${V}/jobs/query`, requestBody: '{"operation":"hardDelete","query":"x"}' },
    'bad_body',
  ],
];

describe('replayTarget: refusals', () => {
  it.each(hostile)('refuses %s', (_, overrides, code) => {
    expect(refusal(replayTarget(call(overrides), INSTANCE)).code).toBe(code);
  });

  it('refuses a recorded token call by its kind too', () => {
    const token = { ...call({ path: '/services/oauth2/token', method: 'POST' }), kind: 'token' as const };
    expect(refusal(replayTarget(token, INSTANCE)).code).toBe('token_call');
  });

  it('refuses a record whose fields are not what their types say (read back from Redis)', () => {
    const broken = { ...call({ path: `${V}/limits` }), path: 42 } as unknown as StoredCall;
    expect(refusal(replayTarget(broken, INSTANCE)).code).toBe('malformed_path');
    const noMethod = { ...call({ path: `${V}/limits` }), method: undefined } as unknown as StoredCall;
    expect(refusal(replayTarget(noMethod, INSTANCE)).code).toBe('not_replayable_shape');
  });

  it('quotes the record in its reasons with anything unprintable escaped (no forged log lines)', () => {
    const forged = refusal(
      replayTarget(call({ path: `${V}/x`, origin: 'https://evil.example.com\nlevel=info msg=ok' }), INSTANCE),
    );
    expect(forged.reason).not.toMatch(/\n/);
    expect(forged.reason).toContain('\\u{a}level=info');
  });

  it('says which method Pulse sends when only the method is wrong', () => {
    const wrong = refusal(
      replayTarget(call({ method: 'DELETE', path: `${V}/composite/sobjects` }), INSTANCE),
    );
    expect(wrong.reason).toMatch(/Pulse sends PATCH/);
  });

  it('throws on an instance URL that is not an origin: configuration, not the record', () => {
    expect(() => replayTarget(call({ path: `${V}/limits` }), 'acme.my.salesforce.com')).toThrow(TypeError);
  });

  it('can be thrown as a typed error carrying the refusal’s code', () => {
    const error = new ReplayRefusedError(
      refusal(replayTarget(call({ path: '/secur/frontdoor.jsp' }), INSTANCE)),
    );
    expect(error).toMatchObject({ code: 'outside_services', errorClass: 'data', name: 'ReplayRefusedError' });
    expect(REFUSAL_CODES).toContain(error.code);
  });
});

describe('signedReplayTarget', () => {
  const original = call({ method: 'PATCH', path: `${V}/composite/sobjects`, requestBody: collectionBody() });

  it('re-sends a call whose signature holds', () => {
    expect(target(signedReplayTarget(signCall(original, KEY), KEY, INSTANCE)).shape).toBe(
      'collection-update',
    );
  });

  it.each([
    ['a changed body', { requestBody: collectionBody([ACCOUNT_2, ACCOUNT_1]) }],
    ['another host', { origin: 'https://evil.example.com' }],
    ['another path', { path: `${V}/composite/sobjects/Account/External_Id__c` }],
    ['another method', { method: 'POST' }],
    ['a query string added', { query: '?allOrNone=true' }],
  ] as const)('refuses %s kept under the old signature', (_, change) => {
    const { signature } = signCall(original, KEY);
    const tampered = { call: { ...original, ...change }, signature };
    expect(refusal(signedReplayTarget(tampered, KEY, INSTANCE)).code).toBe('bad_signature');
  });

  it('refuses a call signed with another key, or with no signature', () => {
    expect(refusal(signedReplayTarget(signCall(original, 'another-key'), KEY, INSTANCE)).code).toBe(
      'bad_signature',
    );
    expect(refusal(signedReplayTarget({ call: original, signature: '' }, KEY, INSTANCE)).code).toBe(
      'bad_signature',
    );
  });

  it('refuses a hostile record even when it is signed (a bug upstream must not become a request)', () => {
    const evil = call({ path: `https://evil.example.com${V}/query`, query: SOQL });
    expect(refusal(signedReplayTarget(signCall(evil, KEY), KEY, INSTANCE)).code).toBe('absolute_url');
  });
});

describe('nothing reaches the network for a refused record', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sends nothing, by any route, for every tampered or hostile record', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const httpSpy = vi.spyOn(http, 'request');
    const httpsSpy = vi.spyOn(https, 'request');
    // What the wiring will do: send only what came back replayable.
    const send = vi.fn((request: ReplayTarget) => Promise.resolve(request.url));
    const replay = async (decision: ReplayTarget | ReplayRefusal): Promise<void> => {
      if (!isRefusal(decision)) await send(decision);
    };
    for (const [, overrides] of hostile)
      await replay(signedReplayTarget(signCall(call(overrides), KEY), KEY, INSTANCE));
    const signed = signCall(call({ path: `${V}/limits` }), KEY);
    await replay(
      signedReplayTarget(
        { ...signed, call: { ...signed.call, origin: 'https://evil.example.com' } },
        KEY,
        INSTANCE,
      ),
    );
    await replay(
      signedReplayTarget({ ...signed, call: { ...signed.call, path: `${V}/../../x` } }, KEY, INSTANCE),
    );
    expect(send).not.toHaveBeenCalled();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(httpSpy).not.toHaveBeenCalled();
    expect(httpsSpy).not.toHaveBeenCalled();
  });
});
