/**
 * `pulse serve` as a real process of its own, for tests and for benchmarks that load the API from
 * another process: a throw-away working directory whose `config/default.yaml` and `config/orgs.yaml` the
 * caller gives, a random bearer token configured by its SHA-256, and the port the server chose
 * (`http.port: 0`) read from what it prints once it listens.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** By path: the server's working directory is a temporary one, where `tsx` does not resolve. */
const tsxLoader = pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const cli = path.join(repoRoot, 'src/main/cli.ts');
const STOP_TIMEOUT_MS = 15_000;

export interface ServeProcess {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly pid: number;
  /** `http://127.0.0.1:<port>`, without `/api/v1`. */
  readonly baseUrl: string;
  /** The bearer token (in clear; the server knows only its SHA-256). */
  readonly token: string;
  /** What the server printed on stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s); removes the working directory. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface ServeOptions {
  /** `redis`, `log` and anything else of `config/default.yaml` but `http` (set here). */
  readonly settings: Readonly<Record<string, unknown>>;
  /** `config/orgs.yaml`'s `orgs`. */
  readonly orgs: Readonly<Record<string, unknown>>;
  readonly role?: 'viewer' | 'operator' | 'admin';
  /** Flags for the server's node, e.g. `--max-old-space-size=...`. */
  readonly nodeFlags?: readonly string[];
}

/** The environment without anything that would set or contradict the configuration files. */
function cleanEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(PULSE_|SF_|LOG_)/.test(name) || name === 'REDIS_URL') continue;
    env[name] = value;
  }
  return env;
}

export async function startServeProcess(options: ServeOptions): Promise<ServeProcess> {
  const token = randomBytes(32).toString('hex');
  const cwd = mkdtempSync(path.join(tmpdir(), 'pulse-serve-'));
  mkdirSync(path.join(cwd, 'config'));
  // JSON is YAML: the files are written as JSON so no YAML library is needed here.
  writeFileSync(
    path.join(cwd, 'config/default.yaml'),
    JSON.stringify({
      ...options.settings,
      http: {
        host: '127.0.0.1',
        port: 0,
        tokens: [
          {
            name: 'bench',
            sha256: createHash('sha256').update(token).digest('hex'),
            role: options.role ?? 'viewer',
          },
        ],
      },
    }),
  );
  writeFileSync(path.join(cwd, 'config/orgs.yaml'), JSON.stringify({ orgs: options.orgs }));

  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', tsxLoader, cli, 'serve'], {
    cwd,
    env: cleanEnvironment(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const listening = /Pulse API on (http:\/\/[\d.]+:\d+)\/api\/v1/.exec(output);
      if (listening?.[1]) resolve(listening[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      reject(new Error(`pulse serve exited (${code ?? signal ?? '?'}) before it listened:\n${output}`));
    });
  });
  let stopping: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
  return {
    child,
    pid: child.pid ?? 0,
    baseUrl,
    token,
    output: () => output,
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        const result = await exited;
        clearTimeout(timer);
        rmSync(cwd, { recursive: true, force: true });
        return result;
      })();
      return stopping;
    },
  };
}
