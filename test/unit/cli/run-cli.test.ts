import { describe, expect, it } from 'vitest';

import { runPulse } from '../../support/run-cli-in-process.js';
import { tempConfigDir } from '../../support/temp-config.js';

describe('pulse CLI', () => {
  it('answers an unknown command with a one-line error and exit code 2', async () => {
    const result = await runPulse(['frobnicate'], { cwd: tempConfigDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(["error: unknown command 'frobnicate'"]);
  });

  it('suggests the command a typo was probably meant to be', async () => {
    const result = await runPulse(['dmeo'], { cwd: tempConfigDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('(Did you mean demo?)');
  });

  it('answers an unknown flag with a one-line error and exit code 2', async () => {
    const result = await runPulse(['config', 'check', '--jsno'], { cwd: tempConfigDir() });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')[0]).toBe("error: unknown option '--jsno'");
  });

  it.each([
    [['--help']],
    [['config', '--help']],
    [['config', 'check', '--help']],
    [['demo', '--help']],
    [[]],
  ])('prints help for %j and exits 0', async (argv) => {
    const result = await runPulse(argv, { cwd: tempConfigDir() });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: pulse/);
  });

  it('prints its version', async () => {
    const result = await runPulse(['--version'], { cwd: tempConfigDir() });
    expect(result).toMatchObject({ code: 0, stdout: '0.0.0-test\n' });
  });

  it('prints the parsed configuration as JSON with --json, secrets hidden', async () => {
    const result = await runPulse(['config', 'check', '--json'], {
      cwd: tempConfigDir(),
      env: {
        REDIS_URL: 'redis://:redis-pass-123@127.0.0.1:6379',
        SF_LOGIN_URL: 'http://127.0.0.1:4010',
        SF_AUTH_FLOW: 'password',
        SF_CLIENT_ID: 'pulse-demo',
        SF_CLIENT_SECRET: 'demo-client-secret',
        SF_USERNAME: 'admin@pulse.demo',
        SF_PASSWORD: 'demo-password-9',
      },
    });
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { orgs: Record<string, Record<string, unknown>> };
    expect(printed.orgs['default']).toMatchObject({
      clientId: 'pulse-demo',
      clientSecret: '[REDACTED]',
      password: '[REDACTED]',
      username: 'admin@pulse.demo',
    });
    for (const secret of ['redis-pass-123', 'demo-client-secret', 'demo-password-9']) {
      expect(result.stdout).not.toContain(secret);
    }
  });
});
