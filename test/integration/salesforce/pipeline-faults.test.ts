/**
 * The pipeline's retry policy on the failures a real org produces, with nock serving bodies shaped
 * like ../shared/reference: what is retried, how often, and what is not.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import nock from 'nock';
import { afterEach, describe, expect } from 'vitest';

import { OrgConfig } from '../../../src/config/index.js';
import { openOrgClient } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

const INSTANCE = 'https://acme.my.salesforce.com';
const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): unknown => JSON.parse(readFileSync(path.join(PAYLOADS, name), 'utf8'));
const JSON_TYPE = {
  'content-type': 'application/json;charset=UTF-8',
  'sforce-limit-info': 'api-usage=10/15000',
};
const QUERY = '/services/data/v64.0/query';

const org = OrgConfig.parse({
  loginUrl: INSTANCE,
  authFlow: 'client_credentials',
  clientId: '3MVG9-acme',
  clientSecret: 'acme-secret-value',
  requestLimits: { maxAttempts: 4 },
});

function login(): void {
  nock(INSTANCE)
    .post('/services/oauth2/token')
    .reply(200, {
      ...(payload('oauth-token-success.json') as object),
      instance_url: INSTANCE,
      access_token: '00Dx0000000BV7z!fake',
    });
}

const emptyPage = { totalSize: 0, done: true, records: [] };

afterEach(() => {
  nock.cleanAll();
});

describe('retried', () => {
  redisTest.for([
    ['503 SERVER_UNAVAILABLE', 503, [{ message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' }]],
    ['UNABLE_TO_LOCK_ROW', 400, payload('error-unable-to-lock-row.json')],
    ['an HTML error page', 500, '<html><body>Service Unavailable</body></html>'],
    // jsforce cannot read a query answer without `records`: a TypeError, yet only a bad answer.
    ['an empty 200 to a query', 200, ''],
  ] as const)('%s, then success', async ([_name, status, body], { redisPrefix }) => {
    login();
    const headers = typeof body === 'string' && body !== '' ? { 'content-type': 'text/html' } : JSON_TYPE;
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(status, body as never, headers)
      .get(QUERY)
      .query(true)
      .reply(200, emptyPage, JSON_TYPE);
    const { client, calls, close } = await openOrgClient(org, { orgName: 'retried', redisPrefix });
    try {
      expect(await client.query('SELECT Id FROM Account')).toMatchObject({ totalSize: 0 });
      expect(calls.filter((call) => call.kind === 'api').map((call) => [call.attempt, call.status])).toEqual([
        [1, status],
        [2, 200],
      ]);
    } finally {
      await close();
    }
  });

  redisTest('a dropped connection, then success', async ({ redisPrefix }) => {
    // nock 14 never settles a request it fails with replyWithError, so a real server drops it.
    let queries = 0;
    const server = http.createServer((request, response) => {
      if (request.url?.startsWith('/services/oauth2/token')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            access_token: '00Dx0000000BV7z!fake',
            instance_url: `http://127.0.0.1:${port}`,
            id: 'x/00D/005',
            token_type: 'Bearer',
          }),
        );
        return;
      }
      queries += 1;
      if (queries === 1) {
        request.socket.destroy();
        return;
      }
      response.writeHead(200, JSON_TYPE);
      response.end(JSON.stringify(emptyPage));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const local: OrgConfig = { ...org, loginUrl: `http://127.0.0.1:${port}` };
    const { client, calls, close } = await openOrgClient(local, { orgName: 'reset', redisPrefix });
    try {
      expect(await client.query('SELECT Id FROM Account')).toMatchObject({ totalSize: 0 });
      expect(
        calls.filter((call) => call.kind === 'api').map((call) => call.errorCodes?.[0] ?? call.status),
      ).toEqual(['ECONNRESET', 200]);
    } finally {
      await close();
      server.closeAllConnections();
      server.close();
    }
  });

  // The wait before the retry: the org's `concurrentLimitWait`, unless Salesforce sent Retry-After.
  redisTest.for([
    // Below the 5 s default: the setting took effect.
    ['the configured wait', {}, 1_200, 5_000],
    ['Retry-After over the configured wait', { 'retry-after': '2' }, 2_000, 10_000],
  ] as const)(
    'the concurrent-request limit, then success: %s',
    async ([_name, extra, atLeastMs, belowMs], { redisPrefix }) => {
      login();
      nock(INSTANCE)
        .get(QUERY)
        .query(true)
        .reply(403, payload('error-concurrent-long-running-limit-403.json') as never, {
          ...JSON_TYPE,
          ...extra,
        })
        .get(QUERY)
        .query(true)
        .reply(200, emptyPage, JSON_TYPE);
      const waiting = OrgConfig.parse({
        ...org,
        requestLimits: { maxAttempts: 4, concurrentLimitWait: '1200ms', concurrentLimitThrottle: '1s' },
      });
      const { client, calls, close } = await openOrgClient(waiting, { orgName: 'concurrent', redisPrefix });
      try {
        expect(await client.query('SELECT Id FROM Account')).toMatchObject({ totalSize: 0 });
        const [first, second] = calls.filter((call) => call.kind === 'api');
        expect([first?.status, second?.status]).toEqual([403, 200]);
        const gap = Date.parse(second?.startedAt ?? '') - Date.parse(first?.startedAt ?? '');
        expect(gap).toBeGreaterThanOrEqual(atLeastMs);
        expect(gap).toBeLessThan(belowMs);
      } finally {
        await close();
      }
    },
  );

  redisTest('at most maxAttempts times: then the transient error is final', async ({ redisPrefix }) => {
    login();
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .times(4)
      .reply(503, [{ message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' }], JSON_TYPE);
    const { client, calls, close } = await openOrgClient(org, { orgName: 'exhausted', redisPrefix });
    try {
      const error = await client.query('SELECT Id FROM Account').catch((e: unknown) => e);
      expect(error).toMatchObject({
        errorClass: 'transient',
        errorCode: 'SERVER_UNAVAILABLE',
        httpStatus: 503,
      });
      expect(calls.filter((call) => call.kind === 'api').map((call) => call.attempt)).toEqual([1, 2, 3, 4]);
    } finally {
      await close();
    }
  });
});

describe('not retried', () => {
  redisTest('the daily REQUEST_LIMIT_EXCEEDED: stop spending, pause the org', async ({ redisPrefix }) => {
    login();
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(403, payload('error-request-limit-exceeded-403.json') as never, JSON_TYPE);
    const { client, calls, close } = await openOrgClient(org, { orgName: 'daily-limit', redisPrefix });
    try {
      const error = await client.query('SELECT Id FROM Account').catch((e: unknown) => e);
      expect(error).toMatchObject({
        errorClass: 'limit',
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        classification: { limitKind: 'daily' },
      });
      expect(calls.filter((call) => call.kind === 'api')).toHaveLength(1);
    } finally {
      await close();
    }
  });

  redisTest('a data error on a write: the record is refused, no retry', async ({ redisPrefix }) => {
    login();
    nock(INSTANCE)
      .get(QUERY)
      .query(true)
      .reply(
        400,
        [
          {
            message: 'Name: data value too large: x (max length=255)',
            errorCode: 'STRING_TOO_LONG',
            fields: ['Name'],
          },
        ],
        JSON_TYPE,
      );
    const { client, calls, close } = await openOrgClient(org, { orgName: 'data-error', redisPrefix });
    try {
      const error = await client.query('SELECT Id FROM Account').catch((e: unknown) => e);
      expect(error).toMatchObject({ errorClass: 'data', errorCode: 'STRING_TOO_LONG' });
      expect(calls.filter((call) => call.kind === 'api')).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
