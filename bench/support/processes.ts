/**
 * What the benchmarks share: `pulse emulator` in its own process (so the figures of the process
 * measured are its own), and removing a benchmark's Redis keys afterwards.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Starts `pulse emulator --json` with the given flags; resolves once it listens.
 * @param nodeFlags flags for the emulator's node, e.g. `--max-old-space-size=16384` for a large org
 */
export async function startEmulatorProcess(
  flags: readonly string[],
  nodeFlags: readonly string[] = [],
): Promise<EmulatorProcess> {
  // `node --import tsx` rather than the tsx binary, so the child's pid is the emulator's own process.
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', path.join(repoRoot, 'src/main/cli.ts'), 'emulator', '--json', ...flags],
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

/** A process's resident memory from /proc (Linux): now and its peak since start or the last reset. */
export function residentMemory(pid: number | 'self'): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 };
}

/** Starts a process's peak RSS (VmHWM) again from its current RSS (Linux `clear_refs` 5). */
export function resetPeakMemory(pid: number | 'self'): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** USER_HZ (`getconf CLK_TCK`): 100 on every Linux architecture Pulse runs on. */
const CLOCK_TICKS = 100;

/** A process's CPU time (user + system, seconds) from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
