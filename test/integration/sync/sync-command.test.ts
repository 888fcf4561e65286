/** `pulse sync --org NAME --once --json`: one sync and one JSON object, for an org set from SF_* alone. */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { runPulse } from '../../support/run-cli-in-process.js';
import { redisTest } from '../../support/redis.js';
import { tempConfigDir } from '../../support/temp-config.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 30 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest(
  'reports pulled, scored, written, unchanged, failed and API calls; writes nothing with write-back off',
  async ({ redisPrefix }) => {
    const { credentials } = emulator;
    const result = await runPulse(['sync', '--org', 'default', '--once', '--json'], {
      cwd: tempConfigDir(),
      env: {
        PULSE_REDIS_PREFIX: redisPrefix,
        SF_LOGIN_URL: emulator.url,
        SF_AUTH_FLOW: 'client_credentials',
        SF_CLIENT_ID: credentials.clientId,
        SF_CLIENT_SECRET: credentials.clientSecret,
      },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      org: 'default',
      mode: 'full',
      writeBack: 'off',
      pulled: { Account: 30 },
      scored: 30,
      written: 0,
      wouldWrite: 30,
      failed: [],
    });
    expect(report['apiCalls']).toBeGreaterThanOrEqual(7);
    // Write-back is off by default: not one account was touched.
    expect(
      [...emulator.state.store.recordsOf('Account')].every((account) => account['Health_Score__c'] === null),
    ).toBe(true);
  },
);

redisTest('an unknown org is a usage error naming the configured ones', async ({ redisPrefix }) => {
  const result = await runPulse(['sync', '--org', 'nope', '--once'], {
    cwd: tempConfigDir(),
    env: { PULSE_REDIS_PREFIX: redisPrefix },
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(
    '--org: no org named "nope" is configured (none configured: see config/orgs.example.yaml)',
  );
});
