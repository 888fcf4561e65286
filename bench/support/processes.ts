/**
 * What the benchmarks share: `pulse emulator` in its own process (so the figures of the process
 * measured are its own), and removing a benchmark's Redis keys afterwards.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

import type { Redis } from 'ioredis';

import { deleteKeysMatching } from '../../src/main/delete-keys.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface EmulatorProcess {
  readonly child: ChildProcessByStdio<null, Readable, null>;
  /** What `pulse emulator --json` printed: loginUrl, credentials, record counts. */
  readonly info: Record<string, string>;
}

/** Starts `pulse emulator --json` with the given flags; resolves once it listens. */
export async function startEmulatorProcess(flags: readonly string[]): Promise<EmulatorProcess> {
  // `node --import tsx` rather than the tsx binary, so the child's pid is the emulator's own process.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'src/main/cli.ts'), 'emulator', '--json', ...flags],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'error' },
    },
  );
  const line = await new Promise<string>((resolve) => {
    createInterface({ input: child.stdout }).once('line', resolve);
  });
  return { child, info: JSON.parse(line) as Record<string, string> };
}

/** Deletes the benchmark's keys (and its limiter's), never anything else. */
export async function deleteBenchKeys(redis: Redis, prefix: string): Promise<void> {
  for (const pattern of [`${prefix}*`, `b_${prefix}*`]) await deleteKeysMatching(redis, pattern);
}
