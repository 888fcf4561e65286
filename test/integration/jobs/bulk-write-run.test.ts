/**
 * The Bulk ingest opt-in through a whole run: an org with `bulkWriteMinChanges` writes a batch's
 * changes with one Bulk API 2.0 job instead of Collections calls, with the same result in the org
 * (validation-rule accounts failed with the rule's message), and a rerun writes nothing.
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { expectAccountsMatchModel, liveRecords } from '../../support/model-check.js';
import { orgConfigFor } from '../../support/org-client.js';
import { syncInProcess } from '../../support/sync-in-process.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const RULE_MESSAGE = 'Health fields are locked for strategic accounts';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 600,
    seed: 41,
    validationRules: [
      { object: 'Account', namePattern: '^[AB]', errorField: 'Health_Status__c', message: RULE_MESSAGE },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});

const calls = (key: string): number => emulator.state.callCounts.get(key) ?? 0;

redisTest(
  'an org that opted in writes each batch with one Bulk ingest job',
  async ({ redisPrefix }) => {
    const config = Config.parse({ redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix } });
    const org = orgConfigFor(emulator, 'password', { writeBack: true, bulkWriteMinChanges: 200 });
    const run = () => {
      emulator.state.clock.advance(3 * 60_000);
      return syncInProcess({
        config,
        orgName: 'bulk',
        org,
        full: false,
      });
    };
    const first = await run();
    expect(first.status).toBe('completed');
    expect(calls('POST /services/data/vXX.X/jobs/ingest')).toBe(1);
    expect(calls('PATCH /services/data/vXX.X/composite/sobjects')).toBe(0);
    const ruled = liveRecords(emulator, 'Account').filter((account) => /^[AB]/.test(String(account['Name'])));
    expect(ruled.length).toBeGreaterThan(0);
    expect(first.failed.map((failure) => failure.id).sort()).toEqual(
      ruled.map((account) => account['Id']).sort(),
    );
    expect(new Set(first.failed.map((failure) => failure.message))).toEqual(new Set([RULE_MESSAGE]));
    expect(first.written).toBe(600 - ruled.length);
    const failed = new Set(first.failed.map((failure) => failure.id));
    expect(expectAccountsMatchModel(emulator, failed)).toBe(600 - ruled.length);

    const second = await run();
    expect([second.status, second.written, second.scored - second.slaRescored]).toEqual(['completed', 0, 0]);
    expect(calls('POST /services/data/vXX.X/jobs/ingest')).toBe(1);
  },
  120_000,
);
