/**
 * An org's limits hold across worker processes: three processes firing queries at once never
 * have more calls in flight at the org than `maxConcurrent`, as the emulator's own high-water
 * mark of concurrent requests shows.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect } from 'vitest';

import { startEmulator } from '../../../emulator/index.js';
import { redisTest } from '../../support/redis.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

redisTest(
  'three processes share one org’s concurrency limit',
  async ({ redisPrefix }) => {
    // Each call takes ~40 ms at the org, so unthrottled workers would overlap heavily.
    const emulator = await startEmulator({ accounts: 3, latencyMs: 40 });
    try {
      const { credentials } = emulator;
      const org = {
        loginUrl: emulator.url,
        authFlow: 'client_credentials',
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        requestLimits: { maxConcurrent: 3, perSecond: 100 },
      };
      const worker = () =>
        promisify(execFile)(
          process.execPath,
          [
            '--import',
            'tsx',
            path.join(repoRoot, 'test/support/spend-calls.ts'),
            JSON.stringify({ org, orgName: 'shared-limit', redisPrefix, count: 15 }),
          ],
          { cwd: repoRoot },
        );
      const results = await Promise.all([worker(), worker(), worker()]);
      const outcomes = results.map(
        ({ stdout }) =>
          JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { ok: number; failed: string[] },
      );
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([15, 15, 15]);
      expect(emulator.state.inFlight.highWaterMark).toBeLessThanOrEqual(3);
      expect(emulator.state.inFlight.highWaterMark).toBeGreaterThanOrEqual(2);
    } finally {
      await emulator.close();
    }
  },
  60_000,
);
