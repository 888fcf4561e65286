/**
 * Redis gone in the middle of a run: a redis-server of the scenario's own (append-only) is stopped
 * for a while and started again, under two `pulse worker` processes and a `pulse serve`. Checked:
 * /readyz says Redis is not ready while it is gone and ready again after; the workers reconnect
 * (none exits); the run completes with every account scored and matching the model.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ChildProcess } from 'node:child_process';

import { Redis } from 'ioredis';

import { startEmulator } from '../../../emulator/index.js';
import { enqueueRun } from '../../../jobs/sync-run.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { waitForRun } from '../../../src/queue/wait-for-run.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createRunState } from '../../../src/sync/run/run-state.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { freePort, startRedis, stopRedis } from '../../support/own-redis.js';
import { startServeProcess } from '../../support/serve-process.js';
import { startWorkerProcess, workerConfigDir } from '../../support/worker-processes.js';
import { verdict, type ScenarioResult } from '../support/scenario.js';

export interface RedisOutageProfile {
  readonly accounts: number;
  readonly outageMs: number;
}

const ORG = 'redis-outage';
const PREFIX = 'pulse-reliability:';
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

async function readyz(baseUrl: string): Promise<boolean | undefined> {
  try {
    const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(3_000) });
    return response.status === 200;
  } catch {
    return undefined;
  }
}

export async function redisOutage(profile: RedisOutageProfile): Promise<ScenarioResult> {
  const emulator = await startEmulator({ accounts: profile.accounts, seed: 61, latencyMs: 20 });
  const dir = mkdtempSync(path.join(tmpdir(), 'pulse-redis-'));
  const port = await freePort();
  const redisUrl = `redis://127.0.0.1:${port}`;
  let redis: ChildProcess | undefined = await startRedis(port, dir);
  const { credentials } = emulator;
  const org = {
    loginUrl: emulator.url,
    authFlow: 'password',
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    username: credentials.username,
    password: credentials.password,
    writeBack: true,
  };
  const settings = {
    redis: { url: redisUrl, keyPrefix: PREFIX },
    sync: { batchSize: 200 },
    worker: { concurrency: 2, lockDuration: '10s', stalledInterval: '2s', maxStalledCount: 50 },
  };
  const cwd = workerConfigDir(JSON.stringify(settings), JSON.stringify({ orgs: { [ORG]: org } }));
  const env = { REDIS_URL: redisUrl, PULSE_REDIS_PREFIX: PREFIX };
  const workers = [0, 1].map(() => startWorkerProcess(cwd, env));
  const serve = await startServeProcess({
    settings: { ...settings, log: { level: 'error' } },
    orgs: { [ORG]: org },
  });
  const connection = createQueueConnection({ url: redisUrl, keyPrefix: PREFIX }, logger);
  const queue = openOrgQueue(connection, PREFIX, ORG, logger);
  const state = new Redis(redisUrl, { keyPrefix: PREFIX });
  state.on('error', () => undefined);
  const problems: string[] = [];
  const startedAt = Date.now();
  const ready = { before: false, during: [] as (boolean | undefined)[], after: false };
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    ready.before = (await readyz(serve.baseUrl)) === true;
    emulator.state.clock.advance(3 * 60_000);
    const job = await enqueueRun(queue, { full: true });
    const runId = (job.data as { runId?: string }).runId ?? '';
    for (let i = 0; i < 1200; i += 1) {
      // As soon as the run has done anything: most of it still lies ahead.
      const progress = await createRunState(state, ORG, runId).progress();
      if (progress.scored > 0 || Object.values(progress.pulled).some((n) => n > 0)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const downAt = Date.now();
    await stopRedis(redis);
    while (Date.now() - downAt < profile.outageMs) {
      ready.during.push(await readyz(serve.baseUrl));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    redis = await startRedis(port, dir);
    const downMs = Date.now() - downAt;
    const report = await waitForRun(queue, job.id ?? '');
    for (let i = 0; i < 20 && !ready.after; i += 1) {
      ready.after = (await readyz(serve.baseUrl)) === true;
      if (!ready.after) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const exited = workers.filter(
      (worker) => worker.child.exitCode !== null || worker.child.signalCode !== null,
    );
    if (!ready.before) problems.push('/readyz was not ready before the outage');
    if (!ready.during.some((answer) => answer === false))
      problems.push('/readyz never said not ready during the outage');
    if (ready.during.some((answer) => answer === true))
      problems.push('/readyz said ready while Redis was gone');
    if (!ready.after) problems.push('/readyz was not ready again after the outage');
    if (exited.length > 0) problems.push(`${exited.length} workers exited`);
    if (report.status !== 'completed') problems.push(`the run ${report.status}: ${report.error ?? ''}`);
    if (report.scored !== profile.accounts) problems.push(`${report.scored} of ${profile.accounts} scored`);
    let checked = 0;
    try {
      checked = expectAccountsMatchModel(emulator, new Set(report.failed.map((failure) => failure.id)));
    } catch (error) {
      problems.push(
        `org state differs from the model: ${error instanceof Error ? error.message.slice(0, 300) : ''}`,
      );
    }
    return {
      name: 'Redis outage',
      injected: `the Redis of 2 workers and a serve process stopped (SIGTERM) for ${Math.round(downMs / 1000)} s mid-run, then started again (${profile.accounts} accounts)`,
      counted: {
        '/readyz answers while down': ready.during.length,
        '  of which not ready': ready.during.filter((answer) => answer === false).length,
        '  of which no answer': ready.during.filter((answer) => answer === undefined).length,
        'workers that exited': exited.length,
        'accounts scored': report.scored,
        'accounts checked against the model': checked,
        'run duration (s)': Math.round((Date.now() - startedAt) / 1000),
      },
      ...verdict(
        problems,
        '/readyz said not ready while Redis was gone and ready after; the workers reconnected; the run completed, every account matching the model',
      ),
    };
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    await serve.stop();
    await queue.close().catch(() => undefined);
    connection.disconnect();
    state.disconnect();
    await stopRedis(redis);
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
