/**
 * Frugal writes: however the changed accounts spread over a batch, a run writes them 200 to a
 * call — ceil(changed / 200) write calls per batch, not one per 200 accounts scored.
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { orgConfigFor } from '../../support/org-client.js';
import { syncInProcess } from '../../support/sync-in-process.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 1000, seed: 53, testEndpoints: true });
});
afterAll(async () => {
  await emulator.close();
});

const writeCalls = (): number =>
  emulator.state.callCounts.get('PATCH /services/data/vXX.X/composite/sobjects') ?? 0;

redisTest(
  'changed accounts are written 200 to a call, wherever they are in the batch',
  async ({ redisPrefix }) => {
    const config = Config.parse({
      redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
      sync: { batchSize: 1000 },
    });
    const org = orgConfigFor(emulator, 'password', { writeBack: true });
    const run = (full: boolean) => {
      emulator.state.clock.advance(3 * 60_000);
      return syncInProcess({
        config,
        orgName: 'frugal',
        org,
        full,
      });
    };
    const first = await run(false);
    expect(first.written).toBe(1000);
    expect(writeCalls()).toBe(5);

    // Changes scattered over the org: some accounts in every chunk of 200 change.
    await fetch(`${emulator.url}/__emulator/changes/Case`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ percent: 15 }),
    });
    const before = writeCalls();
    // The daily full pass scores every account; only some changed.
    const second = await run(true);
    expect(second.scored - second.slaRescored).toBe(1000);
    expect(second.written).toBeLessThan(800);
    expect(second.written).toBeGreaterThan(0);
    expect(writeCalls() - before).toBe(Math.ceil(second.written / 200));
  },
  120_000,
);
