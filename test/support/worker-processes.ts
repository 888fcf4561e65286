/**
 * `pulse worker` processes for tests: real processes (they can be SIGKILLed) with a throw-away
 * configuration directory, started from the repository's sources with tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import type { RunningEmulator } from '../../emulator/index.js';
import { tempConfigDir } from './temp-config.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cli = path.join(repoRoot, 'src/main/cli.ts');
/** By path: the worker's working directory is a temporary one, where `tsx` does not resolve. */
const tsxLoader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

export interface WorkerProcess {
  readonly child: ChildProcess;
  /** Resolves once the worker says it is working the queues. */
  readonly ready: Promise<void>;
  readonly exited: Promise<number | null>;
  output(): string;
}

/**
 * One org of `config/orgs.yaml` (YAML lines, indented under `orgs:`) that logs in to the emulator
 * with the password flow and writes back, within the given request limits.
 */
export function emulatorOrgYaml(
  orgName: string,
  emulator: RunningEmulator,
  limits: {
    readonly maxConcurrent: number;
    readonly perSecond: number;
    readonly timeout?: string;
    readonly concurrentLimitWait?: string;
    readonly concurrentLimitThrottle?: string;
    readonly limitRecheck?: string;
  },
): string[] {
  const { credentials } = emulator;
  return [
    `  ${orgName}:`,
    `    loginUrl: ${emulator.url}`,
    '    authFlow: password',
    `    clientId: ${credentials.clientId}`,
    `    clientSecret: ${credentials.clientSecret}`,
    `    username: ${credentials.username}`,
    `    password: ${credentials.password}`,
    '    writeBack: true',
    '    requestLimits:',
    ...Object.entries(limits).map(([key, value]) => `      ${key}: ${String(value)}`),
  ];
}

/** A config directory with `config/default.yaml` and `config/orgs.yaml` as given (YAML text). */
export function workerConfigDir(defaultYaml: string, orgsYaml: string): string {
  const cwd = tempConfigDir();
  writeFileSync(path.join(cwd, 'config/default.yaml'), defaultYaml);
  writeFileSync(path.join(cwd, 'config/orgs.yaml'), orgsYaml);
  return cwd;
}

/**
 * Set TEST_WORKER_LOGS to a directory to keep every worker's log there, at info level, for
 * reading after a failure; otherwise workers log errors only, in memory.
 */
const keptLogs = process.env['TEST_WORKER_LOGS'];

/** `schedule`: the worker also runs the orgs' schedules (off by default: tests enqueue runs themselves). */
export function startWorkerProcess(
  cwd: string,
  env: Record<string, string> = {},
  options: { readonly schedule?: boolean } = {},
): WorkerProcess {
  const args = ['--import', tsxLoader, cli, 'worker', ...(options.schedule ? [] : ['--no-schedule'])];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, LOG_LEVEL: keptLogs ? 'info' : 'error', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const logFile = keptLogs ? path.join(keptLogs, `worker-${Date.now()}-${child.pid}.log`) : undefined;
  const keep = (text: string): void => {
    output += text;
    if (logFile) appendFileSync(logFile, text);
  };
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      keep(chunk.toString());
      if (output.includes('is working the queues')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      keep(chunk.toString());
    });
    child.once('exit', (code) => {
      reject(new Error(`worker exited (${code}) before it was ready:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, ready, exited, output: () => output };
}
