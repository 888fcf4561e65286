/**
 * A sync end to end against the emulator: after it, every account's health fields in the org
 * equal what src/health/ computes from the org's own data (except validation-rule accounts,
 * reported with the rule's message); a rerun with no change writes nothing; a person's edit of a
 * Pulse field is restored by the next run.
 */
import path from 'node:path';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { FieldMapping } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createRunStore } from '../../../src/sync/run-store.js';
import { runSync, type SyncDeps } from '../../../src/sync/run-sync.js';
import { createSnapshotStore } from '../../../src/sync/snapshot/snapshot-store.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const model = loadHealthModel({ cwd: path.resolve(import.meta.dirname, '../../..') });
const mapping = FieldMapping.parse({});
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
const SETTINGS = {
  commitLagMs: 2 * 60_000,
  overlapMs: 5 * 60_000,
  pageSize: 2000,
  deletedRetentionMs: 15 * 86_400_000,
};

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 60,
    seed: 5,
    validationRules: [
      {
        object: 'Account',
        namePattern: '^[AB]',
        errorField: 'Health_Status__c',
        message: 'Health fields are locked for strategic accounts',
      },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});

const live = (object: string) =>
  [...emulator.state.store.recordsOf(object)].filter((record) => record['IsDeleted'] !== true);

redisTest(
  'a sync writes what the model computes, skips what is unchanged, and restores a person’s edit',
  async ({ redisPrefix }) => {
    const orgClient = await openOrgClient(orgConfigFor(emulator, 'password', { writeBack: true }), {
      orgName: 'synced',
      redisPrefix,
    });
    const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
    const now = () => emulator.state.clock.now();
    const runs = createRunStore(redis, 'synced');
    const deps: SyncDeps = {
      orgName: 'synced',
      org: orgConfigFor(emulator, 'password', { writeBack: true }),
      client: orgClient.client,
      store: createSnapshotStore(redis, 'synced', { ignoredFields: [mapping.updatedAt] }),
      runs,
      redis,
      model,
      mapping,
      logger,
      apiCalls: () => orgClient.calls.filter((call) => call.kind === 'api').length,
      now,
    };
    const writes = () =>
      orgClient.calls.filter((call) => call.method === 'PATCH' && call.path.endsWith('/composite/sobjects'))
        .length;
    try {
      emulator.state.clock.advance(3 * 60_000);
      const first = await runSync(deps, SETTINGS);
      const accounts = live('Account');
      const ruled = accounts.filter((account) => /^[AB]/.test(String(account['Name'])));
      expect(first.scored).toBe(accounts.length);
      expect(first.written).toBe(accounts.length - ruled.length);
      expect(ruled.length).toBeGreaterThan(0);
      expect(first.failed.map((failure) => failure.id).sort()).toEqual(
        ruled.map((account) => account['Id']).sort(),
      );
      expect(new Set(first.failed.map((failure) => failure.message))).toEqual(
        new Set(['Health fields are locked for strategic accounts']),
      );
      expect(first.written + first.unchanged + first.failed.length).toBe(accounts.length);
      expect(writes()).toBe(Math.ceil((first.written + first.failed.length) / 200));
      // Refused records are listed as failing, with the run that met them, until a write of them lands.
      expect((await runs.failing()).map((record) => record.id).sort()).toEqual(
        ruled.map((account) => account['Id']).sort(),
      );
      expect(first.failing).toBe(ruled.length);

      // Every other account holds exactly what the model computes from the org's own data.
      expect(expectAccountsMatchModel(emulator, new Set(ruled.map((account) => String(account['Id']))))).toBe(
        accounts.length - ruled.length,
      );
      for (const account of accounts.filter((candidate) => !ruled.includes(candidate)))
        expect(account['LastModifiedById']).toBe(emulator.state.apiUserId);

      const firstScores = new Map(accounts.map((account) => [account['Id'], account['Health_Score__c']]));

      // Nothing changed: Pulse's own writes come back through the pull, and cost no write.
      emulator.state.clock.advance(3 * 60_000);
      const before = writes();
      const second = await runSync(deps, SETTINGS);
      expect(second.written).toBe(0);
      // Not retried on every run: the failing records were not written again, and are still listed.
      expect(second.failed).toEqual([]);
      expect(second.failing).toBe(ruled.length);
      expect(((await runs.recent(5)) as { runId: string }[]).map((run) => run.runId)).toEqual([
        second.runId,
        first.runId,
      ]);
      expect(writes()).toBe(before);
      // Pulse's own writes came back through the pull without dirtying anything: nothing was rescored.
      expect(second.scored).toBe(0);
      expect(second.pulled['Account']).toBe(accounts.length - ruled.length);

      // A person sets a Pulse field by hand: the next run puts the computed value back.
      const edited = accounts.find(
        (account) => !ruled.includes(account) && account['Health_Status__c'] !== 'Yellow',
      )!;
      const computed = edited['Health_Status__c'];
      emulator.state.store.update(edited, { Health_Status__c: 'Yellow' }, String(live('User')[0]!['Id']));
      emulator.state.clock.advance(3 * 60_000);
      const third = await runSync(deps, SETTINGS);
      expect(third.written).toBe(1);
      expect(edited['Health_Status__c']).toBe(computed);

      // A month later, the daily full pass writes each score's change against the score 30 days earlier.
      emulator.state.clock.advance(31 * 24 * 3600_000);
      const later = await runSync(deps, { ...SETTINGS, full: true });
      expect(later.scored).toBe(accounts.length);
      for (const account of live('Account').filter((candidate) => !/^[AB]/.test(String(candidate['Name'])))) {
        const before = Number(firstScores.get(account['Id']));
        expect([account['Id'], account['Health_Score_Change__c']]).toEqual([
          account['Id'],
          Number(account['Health_Score__c']) - before,
        ]);
      }
    } finally {
      await orgClient.close();
      await redis.quit();
    }
  },
  60_000,
);
