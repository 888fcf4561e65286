/**
 * What an org's workers share through Redis holds across real processes: an expired session is
 * refreshed once for all of them, and the API budget's reserve is never crossed by workers
 * spending in parallel.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { redisTest } from '../../support/redis.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface Spent {
  readonly ok: number;
  readonly failed: readonly string[];
}

async function worker(args: Record<string, unknown>): Promise<Spent> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'test/support/spend-calls.ts'), JSON.stringify(args)],
    { cwd: repoRoot },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Spent;
}

function passwordOrg(running: RunningEmulator, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { credentials } = running;
  return {
    loginUrl: running.url,
    authFlow: 'password',
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    username: credentials.username,
    password: credentials.password,
    ...extra,
  };
}

const tokenCalls = (running: RunningEmulator): number =>
  running.state.callCounts.get('POST /services/oauth2/token') ?? 0;

redisTest(
  'an expired session is refreshed once for two worker processes',
  async ({ redisPrefix }) => {
    emulator = await startEmulator({ accounts: 2, latencyMs: 20 });
    const org = passwordOrg(emulator);
    await worker({ org, orgName: 'two-processes', redisPrefix, count: 1 });
    expect(tokenCalls(emulator)).toBe(1);
    emulator.state.sessions.expireAll();
    const results = await Promise.all([
      worker({ org, orgName: 'two-processes', redisPrefix, count: 5 }),
      worker({ org, orgName: 'two-processes', redisPrefix, count: 5 }),
    ]);
    expect(results.map((result) => result.ok)).toEqual([5, 5]);
    // Both processes found the stored session expired; one refreshed it, the other reused the result.
    expect(tokenCalls(emulator)).toBe(2);
  },
  60_000,
);

redisTest(
  'two worker processes spending in parallel never cross the reserve',
  async ({ redisPrefix }) => {
    emulator = await startEmulator({ accounts: 2, apiLimit: 100 });
    const org = passwordOrg(emulator, {
      apiBudget: { reservePercent: 20 },
      requestLimits: { maxConcurrent: 6, perSecond: 100 },
    });
    const results = await Promise.all([
      worker({ org, orgName: 'budget-processes', redisPrefix, count: 60 }),
      worker({ org, orgName: 'budget-processes', redisPrefix, count: 60 }),
    ]);
    const succeeded = results.reduce((sum, result) => sum + result.ok, 0);
    const refusals = results.flatMap((result) => result.failed);
    expect(new Set(refusals)).toEqual(new Set(['BUDGET_RESERVE_REACHED']));
    expect(succeeded + refusals.length).toBe(120);
    // 20% of 100 is left for the org's other integrations: at most 80 calls reach the org.
    expect(emulator.state.usage.used).toBe(succeeded);
    expect(emulator.state.usage.used).toBeLessThanOrEqual(80);
    expect(succeeded).toBeGreaterThanOrEqual(70);
  },
  60_000,
);
