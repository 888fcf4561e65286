/** The real `pulse` executable, as a person or a container runs it. */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { Redis } from 'ioredis';

import { deleteKeysWithPrefix, newTestPrefix, TEST_REDIS_URL } from '../support/redis.js';
import { tempConfigDir } from '../support/temp-config.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
const cli = path.join(repoRoot, 'src/main/cli.ts');

async function pulse(argv: string[], env: Record<string, string> = {}, cwd = tempConfigDir()) {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [cli, ...argv], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the pulse executable', () => {
  it('exits 2 on a bad configuration with the problem and no stack trace', async () => {
    const result = await pulse(['config', 'check'], {
      REDIS_URL: 'localhost:6379',
      SF_PASSWORD: 'SuperSecret-42',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('  - redis.url (REDIS_URL): expected a redis:// or rediss:// URL');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('SuperSecret-42');
  });

  it('exits 2 on an unknown command', async () => {
    const result = await pulse(['nope']);
    expect(result).toMatchObject({ code: 2, stderr: "error: unknown command 'nope'\n" });
  });

  it('runs `npm start`’s demo: an emulated org, one sync, a summary, then stays up until SIGTERM', async () => {
    const prefix = newTestPrefix('pulse-test-demo');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, 'demo'], {
      cwd: repoRoot,
      env: {
        PATH: process.env['PATH'] ?? '',
        PULSE_REDIS_PREFIX: prefix,
        LOG_LEVEL: 'warn',
        REDIS_URL: TEST_REDIS_URL,
      },
    });
    let stdout = '';
    let stopped = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      // Once: a second SIGTERM is a forced stop, as a second Ctrl-C would be.
      if (!stopped && stdout.includes('until Ctrl-C')) {
        stopped = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const redis = new Redis(TEST_REDIS_URL);
    await deleteKeysWithPrefix(redis, prefix);
    await deleteKeysWithPrefix(redis, `b_${prefix}`);
    await redis.quit();
    expect(stdout).toMatch(/Sync [0-9T]+-[0-9a-f]{8} of org "demo" completed \(full, write-back on\)/);
    expect(stdout).toMatch(/scored: {4}500 accounts/);
    expect(stdout).toMatch(/written: {3}\d+, unchanged: \d+, failed: \d+/);
    expect(code).toBe(0);
  }, 90_000);
});
