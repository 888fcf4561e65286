/**
 * upsertRecords against nock, with answers shaped like ../shared/reference: one sObject Collections
 * upsert per call, per-record outcomes returned as data, retries and session refreshes through the
 * real pipeline and recording transport. Unit tests hold no Redis, so the three Redis-backed parts
 * (limiter, budget, shared session) are swapped for in-memory ones; everything else is the client
 * a worker builds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { Redis } from 'ioredis';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { OrgConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import type { ApiBudget } from '../../../src/salesforce/pipeline/api-budget.js';
import type { OrgLimiter } from '../../../src/salesforce/pipeline/org-limiter.js';
import type { SessionStore, StoredSession } from '../../../src/salesforce/auth/session-store.js';
import { createSalesforceClient, type SalesforceClient } from '../../../src/salesforce/salesforce-client.js';
import type { CallRecord } from '../../../src/salesforce/transport/call-record.js';

/** The in-memory stand-ins' state, reset before each test. */
const memory = vi.hoisted(() => ({ debits: 0, refreshes: 0 }));

vi.mock('../../../src/salesforce/pipeline/org-limiter.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createOrgLimiter: (): Promise<OrgLimiter> =>
    Promise.resolve({
      schedule: (_expirationMs, work) => work(),
      throttle: () => Promise.resolve(),
      close: () => Promise.resolve(),
    }),
}));

vi.mock('../../../src/salesforce/pipeline/api-budget.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  orgApiBudget: (): ApiBudget => ({
    debit: () => {
      memory.debits += 1;
      return Promise.resolve({ allowed: true, callId: `debit-${memory.debits}`, used: memory.debits });
    },
    settle: () => Promise.resolve(),
    snapshot: () => Promise.resolve({ used: memory.debits, inflight: 0 }),
  }),
}));

vi.mock('../../../src/salesforce/auth/session-store.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createSessionStore: (): SessionStore => {
    let session: StoredSession | undefined;
    return {
      read: () => Promise.resolve(session),
      write: (next) => {
        session = next;
        return Promise.resolve();
      },
      readRefreshToken: () => Promise.resolve(undefined),
      writeRefreshToken: () => Promise.resolve(),
      withLock: (work) => work(),
      countRefresh: () => {
        memory.refreshes += 1;
        return Promise.resolve({ sinceSuccess: memory.refreshes, inWindow: memory.refreshes });
      },
      resetRefreshCount: () => Promise.resolve(),
      clear: () => {
        session = undefined;
        return Promise.resolve();
      },
    };
  },
}));

const INSTANCE = 'https://acme.my.salesforce.com';
const UPSERT_PATH = '/services/data/v64.0/composite/sobjects/Task/Pulse_Key__c';
const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): unknown => JSON.parse(readFileSync(path.join(PAYLOADS, name), 'utf8'));
const JSON_TYPE = {
  'content-type': 'application/json;charset=UTF-8',
  'sforce-limit-info': 'api-usage=10/15000',
};

/** The reference's one upsert result, `{id, success, errors, created}`, as the template of ours. */
const [UPSERTED] = payload('composite-sobjects-upsert-success.json') as [Record<string, unknown>];
const upserted = (id: string, created: boolean) => ({ ...UPSERTED, id, created });

const OWNER = '0055e000001AbCdAAK';
const ACCOUNT = '0015e000002XyZwAAK';
const TASK_IDS = ['00T5e000003Aa01AAC', '00T5e000003Aa02AAC', '00T5e000003Aa03AAC'] as const;

function task(key: string, subject = 'Executive check-in: health turned Red') {
  return {
    Pulse_Key__c: key,
    OwnerId: OWNER,
    WhatId: ACCOUNT,
    Subject: subject,
    Description: 'Health score fell from 72 to 38: two open P1 cases, renewal in 60 days.',
    ActivityDate: '2025-03-14',
    Priority: 'High',
    Status: 'Not Started',
  };
}

/** What Salesforce is sent for `records` (jsforce adds `attributes`; key order is not meaningful). */
const collectionBody = (records: readonly Record<string, unknown>[]) => ({
  allOrNone: false,
  records: records.map((record) => ({ attributes: { type: 'Task' }, ...record })),
});

function org(overrides: Record<string, unknown> = {}): OrgConfig {
  return OrgConfig.parse({
    loginUrl: INSTANCE,
    authFlow: 'client_credentials',
    clientId: '3MVG9-acme',
    clientSecret: 'acme-secret-value',
    requestLimits: { maxAttempts: 4 },
    ...overrides,
  });
}

function token(accessToken: string): void {
  nock(INSTANCE)
    .post('/services/oauth2/token')
    .reply(200, {
      ...(payload('oauth-token-success.json') as object),
      instance_url: INSTANCE,
      access_token: accessToken,
    });
}

/** Only the swapped-out Redis-backed parts would use a Redis client. */
const UNUSED_REDIS = {} as unknown as Redis;

async function openClient(config = org()): Promise<{ client: SalesforceClient; calls: CallRecord[] }> {
  const calls: CallRecord[] = [];
  const client = await createSalesforceClient({
    orgName: 'acme',
    org: config,
    redis: UNUSED_REDIS,
    limiterRedis: UNUSED_REDIS,
    keyPrefix: 'pulse-unit:',
    recorder: { record: (call) => calls.push(call) },
    redactor: createRedactor(),
    logger: createLogger({ level: 'silent', format: 'json', redactor: createRedactor() }),
    minBackoffMs: 1,
  });
  return { client, calls };
}

const apiCalls = (calls: readonly CallRecord[]) => calls.filter((call) => call.kind === 'api');

beforeEach(() => {
  memory.debits = 0;
  memory.refreshes = 0;
});

afterEach(() => {
  nock.cleanAll();
});

describe('one collection upsert', () => {
  it('sends PATCH …/composite/sobjects/Task/Pulse_Key__c with allOrNone false and typed records', async () => {
    token('00Dx0000000BV7z!first');
    const records = [task('acme:at-risk:001A:1'), task('acme:at-risk:001B:1')];
    let sent: unknown;
    const scope = nock(INSTANCE, {
      reqheaders: {
        authorization: 'Bearer 00Dx0000000BV7z!first',
        'content-type': /^application\/json/,
        'sforce-call-options': 'client=Pulse',
      },
    })
      .patch(UPSERT_PATH, (body: unknown) => {
        sent = body;
        return true;
      })
      .reply(200, [upserted(TASK_IDS[0], true), upserted(TASK_IDS[1], false)], JSON_TYPE);
    const { client, calls } = await openClient();
    const labels = { runId: 'run-7', jobId: 'job-7' };

    const results = await client.upsertRecords('Task', 'Pulse_Key__c', records, labels);

    expect(scope.isDone()).toBe(true);
    expect(sent).toEqual(collectionBody(records));
    // The reference request's envelope, and nothing beside it.
    const reference = payload('composite-sobjects-upsert-success.request.json') as Record<string, unknown>;
    expect(Object.keys(sent as object).sort()).toEqual(Object.keys(reference).sort());
    expect(results).toEqual([
      { id: TASK_IDS[0], success: true, created: true, errors: [] },
      { id: TASK_IDS[1], success: true, created: false, errors: [] },
    ]);
    expect(apiCalls(calls)).toEqual([
      expect.objectContaining({ method: 'PATCH', path: UPSERT_PATH, query: '', status: 200, ...labels }),
    ]);
    expect(memory.debits).toBe(1);
  });

  it('leaves the caller’s records as they were', async () => {
    token('00Dx0000000BV7z!first');
    nock(INSTANCE)
      .patch(UPSERT_PATH)
      .reply(200, [upserted(TASK_IDS[0], true)], JSON_TYPE);
    const record = Object.freeze(task('acme:at-risk:001A:1'));
    const { client } = await openClient();
    await client.upsertRecords('Task', 'Pulse_Key__c', [record]);
    expect(record).toEqual(task('acme:at-risk:001A:1'));
  });

  it('returns record-level failures as data, beside the records that succeeded, without a retry', async () => {
    token('00Dx0000000BV7z!first');
    const badOwner = {
      statusCode: 'INVALID_CROSS_REFERENCE_KEY',
      message: 'invalid cross reference id',
      fields: ['OwnerId'],
    };
    const duplicate = {
      statusCode: 'DUPLICATE_VALUE',
      message: `duplicate value found: Pulse_Key__c duplicates value on record with id: ${TASK_IDS[2]}`,
      fields: [],
    };
    nock(INSTANCE)
      .patch(UPSERT_PATH)
      .reply(
        200,
        [
          upserted(TASK_IDS[0], true),
          { success: false, errors: [badOwner] },
          { success: false, errors: [duplicate] },
        ],
        JSON_TYPE,
      );
    const { client, calls } = await openClient();

    const results = await client.upsertRecords('Task', 'Pulse_Key__c', [
      task('acme:at-risk:001A:1'),
      { ...task('acme:at-risk:001B:1'), OwnerId: '0055e000009ZzZzAAK' },
      task('acme:at-risk:001C:1'),
    ]);

    expect(results).toEqual([
      { id: TASK_IDS[0], success: true, created: true, errors: [] },
      { success: false, errors: [badOwner] },
      { success: false, errors: [duplicate] },
    ]);
    expect(apiCalls(calls).map((call) => [call.attempt, call.status])).toEqual([[1, 200]]);
  });

  it('accepts custom and namespaced API names (the request is sent)', async () => {
    token('00Dx0000000BV7z!first');
    const scope = nock(INSTANCE)
      .patch('/services/data/v64.0/composite/sobjects/acme__Renewal__c/acme__Legacy_Key__c')
      .reply(200, [upserted('a015e000000Aa01AAC', true)], JSON_TYPE);
    const { client } = await openClient();
    const results = await client.upsertRecords('acme__Renewal__c', 'acme__Legacy_Key__c', [
      { acme__Legacy_Key__c: 'R-1' },
    ]);
    expect(scope.isDone()).toBe(true);
    expect(results).toEqual([{ id: 'a015e000000Aa01AAC', success: true, created: true, errors: [] }]);
  });
});

describe('through the pipeline', () => {
  it('retries a 503 with the same records, then returns the answer: two attempts, two debits', async () => {
    token('00Dx0000000BV7z!first');
    const bodies: unknown[] = [];
    const remember = (body: unknown) => {
      bodies.push(body);
      return true;
    };
    nock(INSTANCE)
      .patch(UPSERT_PATH, remember)
      .reply(503, [{ message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' }], JSON_TYPE)
      .patch(UPSERT_PATH, remember)
      .reply(200, [upserted(TASK_IDS[0], true)], JSON_TYPE);
    const { client, calls } = await openClient();
    const records = [task('acme:at-risk:001A:1')];

    const results = await client.upsertRecords('Task', 'Pulse_Key__c', records);

    expect(results).toEqual([{ id: TASK_IDS[0], success: true, created: true, errors: [] }]);
    expect(apiCalls(calls).map((call) => [call.attempt, call.status])).toEqual([
      [1, 503],
      [2, 200],
    ]);
    // The same keys again: if the first attempt did write, the second matches what it wrote.
    expect(bodies).toEqual([collectionBody(records), collectionBody(records)]);
    expect(memory.debits).toBe(2);
  });

  it('refreshes an invalid session once and re-sends the upsert with the new token', async () => {
    token('00Dx0000000BV7z!stale');
    nock(INSTANCE, { reqheaders: { authorization: 'Bearer 00Dx0000000BV7z!stale' } })
      .patch(UPSERT_PATH)
      .reply(401, payload('error-invalid-session-401.json') as never, JSON_TYPE);
    token('00Dx0000000BV7z!fresh');
    const resent = nock(INSTANCE, { reqheaders: { authorization: 'Bearer 00Dx0000000BV7z!fresh' } })
      .patch(UPSERT_PATH)
      .reply(200, [upserted(TASK_IDS[0], false)], JSON_TYPE);
    const { client, calls } = await openClient();

    const results = await client.upsertRecords('Task', 'Pulse_Key__c', [task('acme:at-risk:001A:1')]);

    expect(results).toEqual([{ id: TASK_IDS[0], success: true, created: false, errors: [] }]);
    expect(resent.isDone()).toBe(true);
    // jsforce re-sent it after the one refresh: the pipeline did not retry.
    expect(calls.map((call) => `${call.kind}:${call.status ?? 'none'}:${call.attempt}`)).toEqual([
      'token:200:1',
      'api:401:1',
      'token:200:1',
      'api:200:1',
    ]);
    expect(memory.refreshes).toBe(1);
  });
});

describe('nothing sent: refused before the pipeline, or nothing to do', () => {
  /** No login, no debit, no request: nock has no interceptors, so any request would fail anyway. */
  async function expectRefused(
    call: (client: SalesforceClient) => Promise<unknown>,
    message: RegExp,
    config?: OrgConfig,
  ): Promise<void> {
    const { client, calls } = await openClient(config);
    await expect(call(client)).rejects.toThrow(message);
    expect(calls).toEqual([]);
    expect(memory.debits).toBe(0);
  }

  it('more than 200 records', async () => {
    const records = Array.from({ length: 201 }, (_, n) => task(`acme:at-risk:${n}:1`));
    await expectRefused(
      (client) => client.upsertRecords('Task', 'Pulse_Key__c', records),
      /at most 200 records, got 201/,
    );
  });

  it.for([
    ['Task/../Account', 'Pulse_Key__c'],
    ['Task?fields=Id', 'Pulse_Key__c'],
    ['', 'Pulse_Key__c'],
    ['Task ', 'Pulse_Key__c'],
    ['Pulse Task__c', 'Pulse_Key__c'],
  ] as const)('an object name that is not an API name: %j (field %j)', async ([objectName, field]) => {
    await expectRefused(
      (client) => client.upsertRecords(objectName, field, [task('k')]),
      /is not an sObject API name/,
    );
  });

  it.for([
    ['Task', 'Pulse_Key__c/x'],
    ['Task', 'Pulse-Key__c'],
    ['Task', '_Pulse_Key__c'],
    ['Task', 'Pulse_Key__c%2F..'],
    ['Task', 'Pulse__Key__c__c'],
    ['Task', ''],
  ] as const)('a field name that is not an API name: %j, %j', async ([objectName, field]) => {
    await expectRefused(
      (client) => client.upsertRecords(objectName, field, [{ [field]: 'k' }]),
      /is not a field API name/,
    );
  });

  it('a record without its key', async () => {
    const { Pulse_Key__c: _key, ...keyless } = task('k');
    await expectRefused(
      (client) =>
        client.upsertRecords('Task', 'Pulse_Key__c', [
          task('acme:at-risk:001A:1'),
          { ...keyless, Pulse_Key__c: '' },
        ]),
      /record 1 has no Pulse_Key__c value/,
    );
    await expectRefused(
      (client) => client.upsertRecords('Task', 'Pulse_Key__c', [keyless]),
      /record 0 has no Pulse_Key__c value/,
    );
  });

  it('an org on an API version that would make jsforce send one call per record', async () => {
    await expectRefused(
      (client) => client.upsertRecords('Task', 'Pulse_Key__c', [task('k')]),
      /needs API 46.0 or later/,
      org({ apiVersion: '45.0' }),
    );
  });

  it('nothing to upsert: an empty answer, no call', async () => {
    const { client, calls } = await openClient();
    expect(await client.upsertRecords('Task', 'Pulse_Key__c', [])).toEqual([]);
    expect(calls).toEqual([]);
    expect(memory.debits).toBe(0);
  });
});
