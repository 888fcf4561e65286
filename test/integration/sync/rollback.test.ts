/**
 * Rolling back a run puts the values it overwrote back on the accounts that still hold what it
 * wrote, and leaves alone the ones a person changed since.
 */
import path from 'node:path';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { FieldMapping } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { rollbackRun } from '../../../src/sync/rollback-run.js';
import { createRunStore } from '../../../src/sync/run-store.js';
import { runSync } from '../../../src/sync/run-sync.js';
import { createSnapshotStore } from '../../../src/sync/snapshot/snapshot-store.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const model = loadHealthModel({ cwd: path.resolve(import.meta.dirname, '../../..') });
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 20, seed: 8 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest('restores what a run overwrote, except where someone changed it since', async ({ redisPrefix }) => {
  const org = orgConfigFor(emulator, 'password', { writeBack: true });
  const orgClient = await openOrgClient(org, { orgName: 'rolled-back', redisPrefix });
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
  const store = createSnapshotStore(redis, 'rolled-back');
  const runs = createRunStore(redis, 'rolled-back');
  try {
    emulator.state.clock.advance(3 * 60_000);
    const run = await runSync(
      {
        orgName: 'rolled-back',
        org,
        client: orgClient.client,
        store,
        runs,
        redis,
        model,
        mapping: FieldMapping.parse({}),
        logger,
        apiCalls: () => 0,
        now: () => emulator.state.clock.now(),
      },
      { commitLagMs: 2 * 60_000, overlapMs: 5 * 60_000, pageSize: 2000, deletedRetentionMs: 15 * 86_400_000 },
    );
    expect(run.written).toBe(20);
    const accounts = [...emulator.state.store.recordsOf('Account')].filter(
      (account) => account['IsDeleted'] !== true,
    );
    const touched = accounts.find((account) => account['Health_Status__c'] !== 'Yellow')!;
    emulator.state.store.update(
      touched,
      { Health_Status__c: 'Yellow' },
      String([...emulator.state.store.recordsOf('User')][0]!['Id']),
    );

    // Someone with Redis write access adds entries naming fields Pulse never writes.
    const [victim, other] = accounts.filter((candidate) => candidate !== touched);
    const victimName = victim!['Name'];
    await runs.keepOverwrites(
      run.runId,
      new Map([
        [String(victim!['Id']), { before: { Name: 'Pwned' }, after: {} }],
        [
          String(other!['Id']),
          { before: { OwnerId: 'x', Health_Score__c: null }, after: { Health_Score__c: 1 } },
        ],
      ]),
    );
    const mapping = FieldMapping.parse({});
    const report = await rollbackRun({ client: orgClient.client, mapping, runs, store, logger }, run.runId);
    expect(report.restored).toBe(17);
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { id: touched['Id'], reason: 'changed since the run: Health_Status__c' },
        { id: victim!['Id'], reason: 'the kept values name fields Pulse does not write: Name' },
        { id: other!['Id'], reason: 'the kept values name fields Pulse does not write: OwnerId' },
      ]),
    );
    expect(report.skipped).toHaveLength(3);
    expect(victim!['Name']).toBe(victimName);
    for (const account of accounts.filter((candidate) => ![touched, victim, other].includes(candidate))) {
      expect([
        account['Id'],
        account['Health_Score__c'],
        account['Health_Status__c'],
        account['Health_Updated_At__c'],
      ]).toEqual([account['Id'], null, null, null]);
    }
    expect(touched['Health_Status__c']).toBe('Yellow');
    await expect(
      rollbackRun({ client: orgClient.client, mapping, runs, store, logger }, 'no-such-run'),
    ).rejects.toThrow(/No values are kept for run no-such-run/);
  } finally {
    await orgClient.close();
    await redis.quit();
  }
});
