/** The real `pulse` executable, as a person or a container runs it. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

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

  it('runs `npm start`’s command from the repository and exits 0', async () => {
    const result = await pulse(['demo'], { LOG_FORMAT: 'json' }, repoRoot);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Pulse demo');
    expect(JSON.parse(result.stderr.trim().split('\n')[0] ?? '')).toMatchObject({
      component: 'demo',
      level: 'info',
    });
  });
});
