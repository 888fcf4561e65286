/**
 * Redis restarted in the middle of a run (a Redis this test starts on a port of its own, with
 * append-only persistence, and stops with SIGTERM as an operator or a deploy would): the
 * connections reconnect, the jobs in flight are retried, and the run completes with the org
 * holding what the model computes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { orgConfigFor } from '../../support/org-client.js';
import { freePort, startRedis } from '../../support/own-redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';

let emulator: RunningEmulator;
let dir: string;
let port: number;
let redis: ChildProcess | undefined;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 2000, seed: 23, latencyMs: 25 });
  dir = mkdtempSync(path.join(tmpdir(), 'pulse-redis-'));
  port = await freePort();
  redis = await startRedis(port, dir);
});
afterAll(async () => {
  redis?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  await emulator.close();
});

test('a run survives a Redis restart mid-run', async () => {
  const config = Config.parse({
    redis: { url: `redis://127.0.0.1:${port}`, keyPrefix: 'pulse-restart:' },
    log: { level: 'silent' },
    sync: { batchSize: 200 },
    worker: { concurrency: 2, lockDuration: '5s', stalledInterval: '2s' },
  });
  const org = orgConfigFor(emulator, 'password', { writeBack: true });
  emulator.state.clock.advance(3 * 60_000);
  let restarted: Promise<void> | undefined;
  const restart = async (): Promise<void> => {
    const stopping = redis;
    const exited = new Promise((resolve) => stopping?.once('exit', resolve));
    stopping?.kill('SIGTERM');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 500));
    redis = await startRedis(port, dir);
  };
  const report = await syncInProcess({
    config,
    orgName: 'restarted',
    org,
    full: false,
    onProgress: (progress) => {
      // Restart once the run is under way: some accounts scored, more to go.
      if (!restarted && progress.scored > 0 && progress.scored < (progress.targets ?? 0))
        restarted = restart();
    },
  });
  expect(restarted).toBeDefined();
  await restarted;
  expect(report.status).toBe('completed');
  expect(report.scored).toBe(2000);
  expect(report.written + report.unchanged + report.failed.length).toBe(2000);
  expect(expectAccountsMatchModel(emulator, new Set(report.failed.map((failure) => failure.id)))).toBe(
    2000 - report.failed.length,
  );
}, 180_000);
