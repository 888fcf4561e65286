/** `pulse emulator` starts an org, prints where it is and what it accepts, and stops on a signal. */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, it } from 'vitest';

import { runPulse } from '../../support/run-cli-in-process.js';
import { tempConfigDir } from '../../support/temp-config.js';

it('prints its login URL and credentials as JSON, serves OAuth, and stops when asked', async () => {
  const keyFile = path.join(tmpdir(), `pulse-emulator-key-${process.pid}.pem`);
  const result = await runPulse(
    [
      'emulator',
      '--json',
      '--accounts',
      '12',
      '--seed',
      '7',
      '--now',
      '2026-06-01T12:00:00Z',
      '--username',
      'ops@acme.test',
      '--jwt-key-out',
      keyFile,
      '--faults',
      'chaos',
      '--latency-ms',
      '5',
    ],
    {
      cwd: tempConfigDir(),
      // Stands in for SIGTERM: runs while the org is up, then lets the command stop it.
      untilShutdown: async () => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return 'SIGTERM';
      },
    },
  );
  const printed = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(result.code).toBe(0);
  expect(printed).toMatchObject({
    loginUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) as unknown,
    username: 'ops@acme.test',
    clientId: 'pulse-emulator-client-id',
    jwtPrivateKeyFile: keyFile,
    faults: 'chaos',
    records: expect.objectContaining({ Account: 12 }) as unknown,
  });
  expect(readFileSync(keyFile, 'utf8')).toContain('BEGIN PRIVATE KEY');
  expect(existsSync(keyFile)).toBe(true);
  expect(result.stderr).toContain('emulator stopped (SIGTERM)');
  // Stopped for real: the port refuses connections.
  await expect(fetch(`${String(printed['loginUrl'])}/services/data/`)).rejects.toThrow();
});

it('refuses a bad flag value with a one-line error and exit code 2', async () => {
  const result = await runPulse(['emulator', '--accounts', 'many'], { cwd: tempConfigDir() });
  expect(result.code).toBe(2);
  expect(result.stderr.trim()).toBe(
    "error: option '--accounts <n>' argument 'many' is invalid. expected a whole number >= 0",
  );
});
