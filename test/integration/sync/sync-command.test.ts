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

redisTest(
  'a run that cannot succeed (refused credentials) exits 1 with the reason, at once, without retrying it',
  async ({ redisPrefix }) => {
    const { credentials } = emulator;
    const tokenCalls = (): number => emulator.state.callCounts.get('POST /services/oauth2/token') ?? 0;
    const before = tokenCalls();
    // An org of its own: the first test's session for "default" is still valid, whatever the secret.
    const orgs = [
      'orgs:',
      '  refused:',
      `    loginUrl: ${emulator.url}`,
      '    authFlow: client_credentials',
      `    clientId: ${credentials.clientId}`,
      '    clientSecret: not-the-secret',
    ].join('\n');
    const result = await runPulse(['sync', '--org', 'refused', '--once', '--json'], {
      cwd: tempConfigDir({ 'config/orgs.yaml': orgs }),
      env: { PULSE_REDIS_PREFIX: redisPrefix },
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { status: string; error: string };
    expect(report.status).toBe('failed');
    expect(report.error).toContain('invalid_client');
    expect(result.stderr).toContain(
      'the sync of org "refused" failed: the pull failed: pull-Account, pull-Case, pull-Opportunity: invalid_client',
    );
    expect(result.stderr).not.toContain('not-the-secret');
    // An auth error is not retried job after job: each object's pull tried once.
    expect(tokenCalls() - before).toBeLessThanOrEqual(3);
  },
  60_000,
);
