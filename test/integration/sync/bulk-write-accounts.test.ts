/**
 * bulkWriteAccounts against the emulator's Bulk API 2.0: a few hundred updates land in one job, a
 * validation rule's refusals come back as failures with the rule's message while the rest land,
 * a job a dead worker left behind is resumed (never a second job), and a job that processes nothing
 * fails with its classified error.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { SalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';
import { toUpdateCsv } from '../../../src/sync/write/bulk-csv.js';
import { bulkWriteAccounts, type JobCheckpoint } from '../../../src/sync/write/bulk-write-accounts.js';
import type { AccountChange } from '../../../src/sync/write/write-accounts.js';
import { openOrgClient, orgConfigFor, type TestOrgClient } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

const CREATE = 'POST /services/data/vXX.X/jobs/ingest';
const UPLOAD = 'PUT /services/data/vXX.X/jobs/ingest/:id/batches';
const CLOSE = 'PATCH /services/data/vXX.X/jobs/ingest/:id';
const STATE = 'GET /services/data/vXX.X/jobs/ingest/:id';
const RULE_MESSAGE = 'Health fields are locked for strategic accounts';
const STATUSES = ['Green', 'Yellow', 'Red'] as const;

let emulator: RunningEmulator;
let accountIds: string[];
beforeAll(async () => {
  // Batches of 100 rows: a few hundred records span several internal batches, processed out of order.
  emulator = await startEmulator({ accounts: 320, seed: 11, bulkBatchSize: 100 });
  accountIds = [...emulator.state.store.recordsOf('Account')]
    .filter((record) => record['IsDeleted'] !== true)
    .map((record) => String(record['Id']))
    .sort();
});
afterAll(async () => {
  await emulator.close();
});

const count = (key: string, org = emulator): number => org.state.callCounts.get(key) ?? 0;
const stored = (id: string) => emulator.state.store.recordById(id);

/** A checkpoint in Redis, as a worker would keep it: it survives the worker. */
function redisCheckpoint(redis: Redis, name: string): JobCheckpoint {
  return {
    read: async () => (await redis.get(`bulk-checkpoint:${name}`)) ?? undefined,
    write: async (jobId) => {
      await redis.set(`bulk-checkpoint:${name}`, jobId);
    },
  };
}

function changesFor(ids: readonly string[], score: number): AccountChange[] {
  return ids.map((id, i) => ({
    id,
    values: {
      Health_Score__c: (score + i) % 101,
      Health_Status__c: STATUSES[i % 3] ?? 'Green',
      Risk_Flags__c: i % 4 === 0 ? 'Renewal At Risk;Open P1' : null,
      Health_Reasons__c: i % 5 === 0 ? `Open P1, "escalated"\nsecond line ${i}` : null,
      Health_Updated_At__c: '2026-11-22T09:30:00.000Z',
    },
  }));
}

async function withClient<T>(redisPrefix: string, work: (org: TestOrgClient) => Promise<T>): Promise<T> {
  const org = await openOrgClient(orgConfigFor(emulator, 'password'), { orgName: 'bulk', redisPrefix });
  try {
    return await work(org);
  } finally {
    await org.close();
  }
}

describe('bulkWriteAccounts', () => {
  redisTest(
    'a few hundred updates land in one job; the accounts a validation rule refuses fail with its message',
    async ({ redisPrefix, redis }) => {
      const ids = accountIds.slice(0, 300);
      const refused = [ids[7], ids[150], ids[299]].map(String);
      emulator.state.validationRules.push({
        object: 'Account',
        recordIds: refused,
        errorField: 'Health_Status__c',
        message: RULE_MESSAGE,
      });
      const changes = changesFor(ids, 40);
      const createsBefore = count(CREATE);
      try {
        const outcome = await withClient(redisPrefix, async (org) => {
          const result = await bulkWriteAccounts(org.client, changes, {
            checkpoint: redisCheckpoint(redis, 'first'),
            labels: { runId: 'run-bulk' },
          });
          // Every call is counted, and each went through the pipeline with the run's label.
          const api = org.calls.filter((call) => call.kind === 'api');
          expect(result.calls).toBe(api.length);
          expect(api.every((call) => call.runId === 'run-bulk')).toBe(true);
          return result;
        });
        expect(count(CREATE) - createsBefore).toBe(1);
        expect(outcome.written).toHaveLength(297);
        expect(outcome.written.filter((id) => refused.includes(id))).toEqual([]);
        expect(outcome.failed).toEqual(
          refused.map((id) => ({
            id,
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: RULE_MESSAGE,
          })),
        );
        const jobId = await redis.get('bulk-checkpoint:first');
        expect(jobId).toMatch(/^750/);

        const index = 20; // i % 4 === 0 and i % 5 === 0: flags and reasons set
        expect(stored(ids[index] ?? '')).toMatchObject({
          Health_Score__c: 60,
          Health_Status__c: 'Red',
          Risk_Flags__c: 'Renewal At Risk;Open P1',
          Health_Reasons__c: `Open P1, "escalated"\nsecond line ${index}`,
          Health_Updated_At__c: '2026-11-22T09:30:00.000+0000',
        });
        // #N/A cleared what the account held.
        expect(stored(ids[1] ?? '')).toMatchObject({ Risk_Flags__c: null, Health_Reasons__c: null });
        expect(stored(refused[0] ?? '')?.['Health_Score__c']).not.toBe((40 + 7) % 101);
      } finally {
        emulator.state.validationRules.length = 0;
      }
    },
  );

  redisTest(
    'a job a dead worker left Open, uploaded or closed is resumed, never created again',
    async ({ redisPrefix, redis }) => {
      await withClient(redisPrefix, async (org) => {
        const ingest = org.client.bulkIngest;
        const scenarios = [
          { name: 'died-after-create', ids: accountIds.slice(0, 40), upload: false, close: false },
          { name: 'died-after-upload', ids: accountIds.slice(40, 80), upload: true, close: false },
          { name: 'died-after-close', ids: accountIds.slice(80, 120), upload: true, close: true },
        ];
        for (const scenario of scenarios) {
          const changes = changesFor(scenario.ids, 7);
          const checkpoint = redisCheckpoint(redis, scenario.name);
          // The first worker: creates the job and checkpoints it, then dies somewhere.
          const job = await ingest.create({ object: 'Account', operation: 'update' });
          await checkpoint.write(job.id);
          if (scenario.upload) {
            await ingest.upload(job.id, toUpdateCsv(changes));
          }
          if (scenario.close) await ingest.close(job.id);

          const before = { create: count(CREATE), upload: count(UPLOAD), close: count(CLOSE) };
          const outcome = await bulkWriteAccounts(org.client, changes, { checkpoint });
          expect(outcome.failed).toEqual([]);
          expect(outcome.written).toEqual(scenario.ids);
          expect(count(CREATE)).toBe(before.create);
          expect(count(UPLOAD) - before.upload).toBe(scenario.close ? 0 : 1);
          expect(count(CLOSE) - before.close).toBe(scenario.close ? 0 : 1);
          expect(stored(scenario.ids[0] ?? '')?.['Health_Score__c']).toBe(7);

          // Once more on the finished job: its results are read again, nothing is sent.
          const again = await bulkWriteAccounts(org.client, changes, { checkpoint });
          expect(again).toEqual({ ...outcome, calls: 4 });
          expect(count(CREATE)).toBe(before.create);
        }
      });
    },
  );

  redisTest(
    'a job still processing when the worker comes back is waited for',
    async ({ redisPrefix, redis }) => {
      // A minute of org clock per batch: the job stays InProgress until the test moves the clock.
      const slow = await startEmulator({ accounts: 30, seed: 3, bulkProcessingMs: 60_000 });
      const org = await openOrgClient(orgConfigFor(slow, 'password'), { orgName: 'slow', redisPrefix });
      try {
        const ids = [...slow.state.store.recordsOf('Account')].map((record) => String(record['Id']));
        const changes = changesFor(ids, 3);
        const checkpoint = redisCheckpoint(redis, 'slow');
        const job = await org.client.bulkIngest.create({ object: 'Account', operation: 'update' });
        await checkpoint.write(job.id);
        await org.client.bulkIngest.upload(job.id, toUpdateCsv(changes));
        await org.client.bulkIngest.close(job.id);

        const pending = bulkWriteAccounts(org.client, changes, { checkpoint });
        // The resumed worker's state read and its first poll found the job running.
        while (count(STATE, slow) < 2) await new Promise((resolve) => setTimeout(resolve, 10));
        slow.state.clock.advance(60_000);
        const outcome = await pending;
        expect(outcome.written).toEqual(ids);
        expect(outcome.calls).toBeGreaterThanOrEqual(6);
        expect(count(CREATE, slow)).toBe(1);
        expect(count(UPLOAD, slow)).toBe(1);
      } finally {
        await org.close();
        await slow.close();
      }
    },
  );

  redisTest(
    'a job that fails part-way reports what it wrote, and the rest failed with the job’s reason',
    async ({ redisPrefix, redis }) => {
      // One internal batch left for the day: the first 10 rows land, then the job fails.
      const spent = await startEmulator({ accounts: 30, seed: 4, bulkBatchSize: 10, bulkBatchLimit: 1 });
      const org = await openOrgClient(orgConfigFor(spent, 'password'), { orgName: 'spent', redisPrefix });
      try {
        const ids = [...spent.state.store.recordsOf('Account')].map((record) => String(record['Id']));
        const outcome = await bulkWriteAccounts(org.client, changesFor(ids, 9), {
          checkpoint: redisCheckpoint(redis, 'spent'),
        });
        expect(outcome.written).toHaveLength(10);
        for (const id of outcome.written)
          expect(spent.state.store.recordById(id)?.['Health_Score__c']).not.toBeNull();
        expect(outcome.failed).toHaveLength(20);
        expect(outcome.failed[0]).toMatchObject({
          errorCode: 'REQUEST_LIMIT_EXCEEDED',
          message: expect.stringMatching(/DailyBulkApiBatches/) as unknown,
        });
        for (const failure of outcome.failed) {
          expect(spent.state.store.recordById(failure.id)?.['Health_Score__c']).toBeNull();
        }
      } finally {
        await org.close();
        await spent.close();
      }
    },
  );

  redisTest(
    'a job that processes nothing fails with its classified error; a vanished job says so',
    async ({ redisPrefix, redis }) => {
      await withClient(redisPrefix, async (org) => {
        const unknownField = [{ id: accountIds[0] ?? '', values: { Colour__c: 'Blue' } }];
        const error = await bulkWriteAccounts(org.client, unknownField, {
          checkpoint: redisCheckpoint(redis, 'unknown-field'),
        }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(SalesforceError);
        expect(error).toMatchObject({ errorCode: 'INVALID_FIELD', classification: { errorClass: 'config' } });
        expect((error as Error).message).toContain('Field name not found : Colour__c');

        const gone = redisCheckpoint(redis, 'gone');
        await gone.write('7505e0000000000AAA');
        await expect(
          bulkWriteAccounts(org.client, changesFor(accountIds.slice(0, 2), 1), { checkpoint: gone }),
        ).rejects.toThrow(/no longer exists in the org/);
      });
    },
  );
});
