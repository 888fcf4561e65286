/**
 * The request pipeline's promises, against the emulator and the real Redis: the budget reserve is
 * never crossed by two workers spending in parallel, the shared limiter holds concurrency across
 * workers, and transient failures are retried within the written budget.
 */
import { afterEach, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { SalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

describe('API budget', () => {
  redisTest('two workers spending in parallel never cross the reserve', async ({ redisPrefix }) => {
    emulator = await startEmulator({ accounts: 3, apiLimit: 100 });
    // 20% of 100 is kept for the org's other integrations: Pulse stops at 80 calls.
    const org = orgConfigFor(emulator, 'client_credentials', {
      apiBudget: { reservePercent: 20 },
      requestLimits: { maxConcurrent: 6, perSecond: 100 },
    });
    const workers = [
      await openOrgClient(org, { orgName: 'budgeted', redisPrefix }),
      await openOrgClient(org, { orgName: 'budgeted', redisPrefix }),
    ];
    try {
      const outcomes = await Promise.all(
        workers.flatMap(({ client }) =>
          Array.from({ length: 60 }, () =>
            client.query('SELECT Id FROM Account LIMIT 1').then(
              () => 'ok',
              (error: unknown) => (error instanceof SalesforceError ? error.errorCode : 'other'),
            ),
          ),
        ),
      );
      const succeeded = outcomes.filter((outcome) => outcome === 'ok').length;
      const refused = outcomes.filter((outcome) => outcome === 'BUDGET_RESERVE_REACHED').length;
      expect(succeeded + refused).toBe(120);
      expect(emulator.state.usage.used).toBe(succeeded);
      expect(emulator.state.usage.used).toBeLessThanOrEqual(80);
      expect(succeeded).toBeGreaterThanOrEqual(70);
      const budget = await workers[0]!.client.budget.snapshot();
      expect(budget).toMatchObject({ used: succeeded, max: 100, inflight: 0 });
    } finally {
      for (const worker of workers) await worker.close();
    }
  });
});

describe('retries', () => {
  redisTest(
    'a session that expires mid-run is refreshed and the call still succeeds, counted once',
    async ({ redisPrefix }) => {
      emulator = await startEmulator({ accounts: 3 });
      const { client, calls, close } = await openOrgClient(orgConfigFor(emulator, 'password'), {
        orgName: 'expiring',
        redisPrefix,
      });
      try {
        await client.query('SELECT Id FROM Account');
        emulator.state.sessions.expireAll();
        const page = await client.query<{ Id: string }>('SELECT Id FROM Account');
        expect(page.records).toHaveLength(3);
        const statuses = calls.map((call) => `${call.kind}:${call.status ?? 'none'}`);
        // login, query, refused query, refresh, re-sent query: jsforce re-sent it, the pipeline did not retry.
        expect(statuses).toEqual(['token:200', 'api:200', 'api:401', 'token:200', 'api:200']);
        expect(calls.map((call) => call.attempt)).toEqual([1, 1, 1, 1, 1]);
      } finally {
        await close();
      }
    },
  );

  redisTest('a config error is not retried, and says what to do', async ({ redisPrefix }) => {
    emulator = await startEmulator({ accounts: 3 });
    const { client, calls, close } = await openOrgClient(orgConfigFor(emulator, 'password'), {
      orgName: 'config-error',
      redisPrefix,
    });
    try {
      const error = await client.query('SELECT Id, Missing__c FROM Account').catch((e: unknown) => e);
      expect(error).toMatchObject({ errorClass: 'config', errorCode: 'INVALID_FIELD', httpStatus: 400 });
      expect((error as SalesforceError).requestId).toMatch(/^[0-9a-f]{32}$/);
      expect((error as Error).message).toContain('assign the Pulse_Integration permission set');
      expect(calls.filter((call) => call.kind === 'api')).toHaveLength(1);
      expect(calls.find((call) => call.status === 400)).toMatchObject({
        errorCodes: ['INVALID_FIELD'],
        errorClass: 'config',
      });
    } finally {
      await close();
    }
  });
});
