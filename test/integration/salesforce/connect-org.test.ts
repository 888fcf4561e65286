/**
 * Connecting an org through the request pipeline, against the emulator and the real Redis: each
 * auth flow, the shared session refreshed once for two workers, the refresh loop stopped with an
 * auth diagnosis, and every call recorded with secrets redacted.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { SalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';
import { openOrgClient, orgConfigFor, type Flow } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 8, accessTokenTtlMs: 60 * 60_000 });
});
afterAll(async () => {
  await emulator.close();
});

const tokenCalls = (): number => emulator.state.callCounts.get('POST /services/oauth2/token') ?? 0;

describe('auth flows', () => {
  redisTest.for(['password', 'client_credentials', 'refresh_token', 'jwt'] as Flow[])(
    '%s logs in over the OAuth token endpoint and queries',
    async (flow, { redisPrefix }) => {
      const { client, calls, close } = await openOrgClient(orgConfigFor(emulator, flow), {
        orgName: `flow-${flow.replace('_', '-')}`,
        redisPrefix,
      });
      try {
        const page = await client.query<{ Id: string }>('SELECT Id FROM Account');
        expect(page.totalSize).toBe(8);
        const identity = await client.identity();
        expect(identity).toMatchObject({ orgId: emulator.state.orgId, userId: emulator.state.apiUserId });
        const token = calls.find((call) => call.kind === 'token');
        expect(token).toMatchObject({ method: 'POST', path: '/services/oauth2/token', status: 200 });
        const api = calls.find((call) => call.kind === 'api');
        expect(api?.requestHeaders).toMatchObject({
          'Sforce-Call-Options': 'client=Pulse',
          Authorization: '[REDACTED]',
        });
        expect(api?.apiUsage?.max).toBe(emulator.state.usage.max);
        // Nothing secret reaches a call record.
        const recorded = JSON.stringify(calls);
        for (const secret of [
          emulator.credentials.password,
          emulator.credentials.clientSecret,
          emulator.credentials.refreshToken,
          '00D5e0000000001!',
        ]) {
          expect(recorded).not.toContain(secret);
        }
      } finally {
        await close();
      }
    },
  );

  redisTest(
    'a wrong password is an auth error with Salesforce’s code and a hint',
    async ({ redisPrefix }) => {
      const org = orgConfigFor(emulator, 'password');
      const { client, close } = await openOrgClient({ ...org, password: 'wrong' } as typeof org, {
        orgName: 'bad-password',
        redisPrefix,
      });
      try {
        const error = await client.query('SELECT Id FROM Account').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SalesforceError);
        expect(error).toMatchObject({ errorClass: 'auth', errorCode: 'invalid_grant' });
        expect((error as Error).message).toContain('authentication failure');
      } finally {
        await close();
      }
    },
  );
});

describe('sessions', () => {
  redisTest('an expired session is refreshed once and shared by two workers', async ({ redisPrefix }) => {
    const org = orgConfigFor(emulator, 'password');
    const first = await openOrgClient(org, { orgName: 'shared', redisPrefix });
    const second = await openOrgClient(org, { orgName: 'shared', redisPrefix });
    try {
      await first.client.query('SELECT Id FROM Account LIMIT 1');
      await second.client.query('SELECT Id FROM Account LIMIT 1');
      // The second worker used the first one's session: one login between them.
      expect(first.client.session.tokenRequests + second.client.session.tokenRequests).toBe(1);
      emulator.state.sessions.expireAll();
      const before = tokenCalls();
      await Promise.all([
        first.client.query('SELECT Id FROM Account LIMIT 1'),
        second.client.query('SELECT Id FROM Account LIMIT 1'),
        first.client.query('SELECT Id FROM User LIMIT 1'),
        second.client.query('SELECT Id FROM User LIMIT 1'),
      ]);
      expect(tokenCalls() - before).toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  redisTest(
    'sessions that expire again and again, but work in between, are no refresh loop',
    async ({ redisPrefix }) => {
      const { client, calls, close } = await openOrgClient(orgConfigFor(emulator, 'password'), {
        orgName: 'expiring',
        redisPrefix,
        maxRefreshes: 3,
      });
      try {
        await client.query('SELECT Id FROM User LIMIT 1');
        for (let expiry = 0; expiry < 6; expiry += 1) {
          emulator.state.sessions.expireAll();
          const page = await client.query<{ Id: string }>('SELECT Id FROM User LIMIT 1');
          expect(page.records).toHaveLength(1);
        }
        // One login, then one refresh per expiry: six refreshes, twice the limit, none refused.
        expect(calls.filter((call) => call.kind === 'token')).toHaveLength(7);
      } finally {
        await close();
      }
    },
  );

  redisTest(
    'sessions revoked after every call stop after ten times the loop limit',
    async ({ redisPrefix }) => {
      const { client, close } = await openOrgClient(orgConfigFor(emulator, 'password'), {
        orgName: 'revoked',
        redisPrefix,
        maxRefreshes: 1,
      });
      try {
        await client.query('SELECT Id FROM User LIMIT 1');
        const outcomes: string[] = [];
        for (let expiry = 0; expiry < 12; expiry += 1) {
          emulator.state.sessions.expireAll();
          outcomes.push(
            await client.query('SELECT Id FROM User LIMIT 1').then(
              () => 'ok',
              (error: unknown) => (error as { errorCode?: string }).errorCode ?? 'error',
            ),
          );
        }
        // Ten refreshes in the window are allowed (1 x 10), the eleventh stops the org.
        expect(outcomes.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 'ok'));
        expect(outcomes[10]).toBe('SESSION_REFRESH_LIMIT');
      } finally {
        await close();
      }
    },
  );

  redisTest(
    'a session Salesforce keeps refusing stops with an auth diagnosis after a bounded number of calls',
    async ({ redisPrefix }) => {
      const refusing = await startEmulator({ accounts: 1, accessTokenTtlMs: 1 });
      const { client, calls, close } = await openOrgClient(orgConfigFor(refusing, 'password'), {
        orgName: 'refusing',
        redisPrefix,
        maxRefreshes: 3,
      });
      try {
        const error = await client.query('SELECT Id FROM Account').catch((e: unknown) => e);
        expect(error).toMatchObject({ errorClass: 'auth', errorCode: 'SESSION_REFRESH_LIMIT' });
        expect((error as Error).message).toContain('was refused after 3 refreshes');
        // One login, three refreshes, and one refused API call after each: eight calls, then it stops.
        expect(calls.filter((call) => call.kind === 'token')).toHaveLength(4);
        expect(calls.filter((call) => call.kind === 'api' && call.status === 401)).toHaveLength(4);
        expect(calls).toHaveLength(8);
      } finally {
        await close();
        await refusing.close();
      }
    },
  );
});
