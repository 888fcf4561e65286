/**
 * A trigger that fails its whole transaction (an Apex governor limit) on a few records: the
 * collection write is split in halves until those records stand alone, and every other record
 * is written. Against the emulator, whose poisoned records fail their whole batch as Salesforce
 * does.
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { writeAccounts } from '../../../src/sync/write/write-accounts.js';
import { liveRecords } from '../../support/model-check.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

let emulator: RunningEmulator;
let poisoned: string[];
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 230, seed: 17 });
  const ids = liveRecords(emulator, 'Account').map((account) => String(account['Id']));
  poisoned = [ids[7], ids[120], ids[121], ids[220]].map(String);
  emulator.state.faults.setProfile({ ...emulator.state.faults.profile, poisonedRecordIds: poisoned });
});
afterAll(async () => {
  await emulator.close();
});

redisTest(
  'a batch failed by a trigger is bisected down to the records that fail it',
  async ({ redisPrefix }) => {
    const opened = await openOrgClient(orgConfigFor(emulator, 'password'), {
      orgName: 'bisect',
      redisPrefix,
    });
    try {
      const accounts = liveRecords(emulator, 'Account');
      const outcome = await writeAccounts(
        opened.client,
        accounts.map((account) => ({ id: String(account['Id']), values: { Health_Score__c: 42 } })),
      );
      expect(outcome.failed.map((failure) => failure.id).sort()).toEqual([...poisoned].sort());
      for (const failure of outcome.failed) {
        expect(failure.errorCode).toBe('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
        expect(failure.message).toContain('Too many SOQL queries: 101');
      }
      expect(outcome.written).toHaveLength(accounts.length - poisoned.length);
      for (const account of accounts)
        expect([account['Id'], account['Health_Score__c']]).toEqual([
          account['Id'],
          poisoned.includes(String(account['Id'])) ? null : 42,
        ]);
      // Two batches (200 + 30); each poisoned record costs about log2(200) + 2 calls.
      console.log(
        `bisect: ${outcome.calls} calls for ${accounts.length} records, ${poisoned.length} poisoned`,
      );
      expect(outcome.calls).toBeLessThanOrEqual(2 + poisoned.length * (8 + 2));
    } finally {
      await opened.close();
    }
  },
);

redisTest(
  'bad records that fall in every quarter of a batch are still bisected, not the whole batch failed',
  async ({ redisPrefix }) => {
    const accounts = liveRecords(emulator, 'Account');
    const ids = accounts.map((account) => String(account['Id']));
    // One in each quarter of the first 200 (quarters of 50), and none of the records sent alone.
    const spread = [ids[10], ids[60], ids[110], ids[160]].map(String);
    const before = emulator.state.faults.profile;
    emulator.state.faults.setProfile({ ...before, poisonedRecordIds: spread });
    const opened = await openOrgClient(orgConfigFor(emulator, 'password'), {
      orgName: 'spread',
      redisPrefix,
    });
    try {
      const outcome = await writeAccounts(
        opened.client,
        accounts.map((account) => ({ id: String(account['Id']), values: { Health_Score__c: 9 } })),
      );
      expect(outcome.failed.map((failure) => failure.id).sort()).toEqual([...spread].sort());
      expect(outcome.written).toHaveLength(accounts.length - spread.length);
      expect(outcome.calls).toBeLessThanOrEqual(2 + spread.length * (8 + 2));
    } finally {
      emulator.state.faults.setProfile(before);
      await opened.close();
    }
  },
);

redisTest('a trigger that fails every record is not bisected record by record', async ({ redisPrefix }) => {
  const accounts = liveRecords(emulator, 'Account');
  const before = emulator.state.faults.profile;
  emulator.state.faults.setProfile({ ...before, poisonedRecordIds: accounts.map((a) => String(a['Id'])) });
  const opened = await openOrgClient(orgConfigFor(emulator, 'password'), {
    orgName: 'systemic',
    redisPrefix,
  });
  try {
    const outcome = await writeAccounts(
      opened.client,
      accounts.map((account) => ({ id: String(account['Id']), values: { Health_Score__c: 7 } })),
    );
    expect(outcome.written).toEqual([]);
    expect(outcome.failed).toHaveLength(accounts.length);
    // 200: the chunk, 8 halvings down to one record, the rest, one more record alone (11 calls);
    // 30: 1 + 5 + 2. 19 calls, not 459.
    expect(outcome.calls).toBe(19);
  } finally {
    emulator.state.faults.setProfile(before);
    await opened.close();
  }
});
