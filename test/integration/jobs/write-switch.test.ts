/**
 * The write-back switch: `pulse org pause-writes` stops writes at once — a run under way writes
 * nothing after it, and reports what it would have written — and `resume-writes` lets the next
 * run write what is left.
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config, OrgConfig } from '../../../src/config/index.js';
import { syncInProcess } from '../../support/sync-in-process.js';
import { runPulse } from '../../support/run-cli-in-process.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { workerConfigDir } from '../../support/worker-processes.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 1000, seed: 31, latencyMs: 20 });
});
afterAll(async () => {
  await emulator.close();
});

const writes = (): number =>
  emulator.state.callCounts.get('PATCH /services/data/vXX.X/composite/sobjects') ?? 0;

redisTest(
  'pausing writes mid-run stops them at once; resuming lets the next run write',
  async ({ redisPrefix }) => {
    const { credentials } = emulator;
    const orgFields = {
      loginUrl: emulator.url,
      authFlow: 'password',
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      username: credentials.username,
      password: credentials.password,
      writeBack: true,
    };
    const cwd = workerConfigDir(
      '',
      [
        'orgs:',
        '  paused:',
        ...Object.entries(orgFields).map(([key, value]) => `    ${key}: ${String(value)}`),
      ].join('\n'),
    );
    const env = { PULSE_REDIS_PREFIX: redisPrefix };
    const config = Config.parse({
      redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
      sync: { batchSize: 200 },
      worker: { concurrency: 1 },
    });
    emulator.state.clock.advance(3 * 60_000);

    let paused: Promise<unknown> | undefined;
    let writesAtPause = 0;
    const first = await syncInProcess({
      config,
      orgName: 'paused',
      org: OrgConfig.parse(orgFields),
      full: false,
      onProgress: (progress) => {
        if (paused || progress.scored === 0) return;
        writesAtPause = writes();
        paused = runPulse(['org', 'pause-writes', 'paused', '--reason', 'values look wrong'], { cwd, env });
      },
    });
    expect(paused).toBeDefined();
    expect(((await paused) as { code: number }).code).toBe(0);
    expect(first.writeBack).toBe('paused');
    expect(first.written).toBeGreaterThan(0);
    expect(first.wouldWrite).toBeGreaterThan(0);
    expect(first.written + first.wouldWrite + first.unchanged).toBe(1000);
    // At most the write call in flight when the switch flipped landed after it.
    expect(writes() - writesAtPause).toBeLessThanOrEqual(1);

    // While paused, a run writes nothing at all.
    const before = writes();
    emulator.state.clock.advance(3 * 60_000);
    const whilePaused = await runPulse(['sync', '--org', 'paused', '--once', '--full', '--json'], {
      cwd,
      env,
    });
    expect(whilePaused.code).toBe(0);
    expect(JSON.parse(whilePaused.stdout)).toMatchObject({ writeBack: 'paused', written: 0 });
    expect(writes()).toBe(before);

    // Resumed: the next run (incremental: what paused runs could not write stayed dirty) writes what was left.
    expect((await runPulse(['org', 'resume-writes', 'paused'], { cwd, env })).code).toBe(0);
    emulator.state.clock.advance(3 * 60_000);
    const resumed = await runPulse(['sync', '--org', 'paused', '--once', '--json'], { cwd, env });
    const report = JSON.parse(resumed.stdout) as { writeBack: string; written: number; unchanged: number };
    expect(report.writeBack).toBe('on');
    expect(report.written).toBe(first.wouldWrite);
    expect(report.unchanged).toBe(0);
  },
  120_000,
);
