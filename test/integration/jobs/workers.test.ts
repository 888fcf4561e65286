/**
 * Runs through the queues, with real `pulse worker` processes against an emulated org of 2,000
 * accounts under the default fault profile: three workers share one run within the org's
 * concurrency limit, and the org ends up holding what src/health/ computes; a rerun writes
 * nothing, a person's edit is restored, and after 1% of cases change only their accounts are
 * scored. A worker SIGKILLed three times in one run leaves the same final state.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { enqueueRun } from '../../../jobs/sync-run.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { waitForRun } from '../../../src/queue/wait-for-run.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createRunState } from '../../../src/sync/run/run-state.js';
import { createRunStore } from '../../../src/sync/run-store.js';
import type { SyncReport } from '../../../src/sync/run/sync-report.js';
import { expectAccountsMatchModel, liveRecords } from '../../support/model-check.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import {
  emulatorOrgYaml,
  startWorkerProcess,
  workerConfigDir,
  type WorkerProcess,
} from '../../support/worker-processes.js';

const RULE_MESSAGE = 'Health fields are locked for strategic accounts';
const MAX_CONCURRENT = 3;
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 2000,
    seed: 11,
    faults: 'default',
    latencyMs: 15,
    testEndpoints: true,
    validationRules: [
      { object: 'Account', namePattern: '^[AB]', errorField: 'Health_Status__c', message: RULE_MESSAGE },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});

function configFor(orgName: string): string {
  return workerConfigDir(
    [
      'sync:',
      '  batchSize: 200',
      'worker:',
      '  concurrency: 2',
      '  lockDuration: 10s',
      '  stalledInterval: 2s',
      '  maxStalledCount: 20',
    ].join('\n'),
    ['orgs:', ...emulatorOrgYaml(orgName, emulator, { maxConcurrent: MAX_CONCURRENT, perSecond: 50 })].join(
      '\n',
    ),
  );
}

const compositeWrites = (): number =>
  emulator.state.callCounts.get('PATCH /services/data/vXX.X/composite/sobjects') ?? 0;
const ruledIds = (): Set<string> =>
  new Set(
    liveRecords(emulator, 'Account')
      .filter((account) => /^[AB]/.test(String(account['Name'])))
      .map((account) => String(account['Id'])),
  );

/** Enqueues a run of the org through its queue and waits for its report. */
async function runThroughQueue(redisPrefix: string, orgName: string): Promise<SyncReport> {
  const connection = createQueueConnection({ url: TEST_REDIS_URL, keyPrefix: redisPrefix }, logger);
  const queue = openOrgQueue(connection, redisPrefix, orgName, logger);
  try {
    emulator.state.clock.advance(3 * 60_000);
    const job = await enqueueRun(queue, { full: false });
    return await waitForRun(queue, job.id ?? '');
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

/** The run's own failures are the validation-rule accounts (with the rule's message) and poisoned records. */
function expectFailuresExplained(report: SyncReport): Set<string> {
  const ruled = ruledIds();
  const failed = new Set(report.failed.map((failure) => failure.id));
  for (const id of ruled) expect([id, failed.has(id)]).toEqual([id, true]);
  for (const failure of report.failed) {
    if (ruled.has(failure.id)) expect(failure.message).toBe(RULE_MESSAGE);
    else expect(failure.errorCode).not.toBe('UNABLE_TO_LOCK_ROW');
  }
  return failed;
}

redisTest(
  'three workers share a 2,000-account run under the default fault profile, within the org’s concurrency limit',
  async ({ redisPrefix }) => {
    const cwd = configFor('acme');
    const workers = [0, 1, 2].map(() => startWorkerProcess(cwd, { PULSE_REDIS_PREFIX: redisPrefix }));
    try {
      await Promise.all(workers.map((worker) => worker.ready));
      emulator.state.inFlight.resetHighWaterMark();
      const first = await runThroughQueue(redisPrefix, 'acme');
      expect(first.status).toBe('completed');
      expect(Object.keys(first.workers)).toHaveLength(3);
      expect(emulator.state.inFlight.highWaterMark).toBeLessThanOrEqual(MAX_CONCURRENT);
      expect(first.scored).toBe(2000);
      const failed = expectFailuresExplained(first);
      expect(first.written + first.unchanged + failed.size).toBe(2000);
      expect(expectAccountsMatchModel(emulator, failed)).toBe(2000 - failed.size);

      // Nothing changed: no write at all.
      const writesBefore = compositeWrites();
      const second = await runThroughQueue(redisPrefix, 'acme');
      // Nothing changed: nothing written, and only accounts whose SLA clocks crossed a threshold scored.
      expect([second.status, second.written, second.scored - second.slaRescored]).toEqual([
        'completed',
        0,
        0,
      ]);
      expect(compositeWrites()).toBe(writesBefore);

      // A person sets a Pulse field by hand; 1% of cases change: only the affected accounts are scored.
      const edited = liveRecords(emulator, 'Account').find(
        (account) => !failed.has(String(account['Id'])) && account['Health_Status__c'] !== 'Yellow',
      )!;
      const computed = edited['Health_Status__c'];
      const person = String(liveRecords(emulator, 'User')[0]!['Id']);
      emulator.state.store.update(edited, { Health_Status__c: 'Yellow' }, person);
      // A reparented case affects its old account as well as its new one.
      const accountBefore = new Map(
        liveRecords(emulator, 'Case').map((record) => [String(record['Id']), String(record['AccountId'])]),
      );
      const response = await fetch(`${emulator.url}/__emulator/changes/Case`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ percent: 1 }),
      });
      const changed = new Set(
        ((await response.json()) as { changed: { id: string }[] }).changed.map((record) => record.id),
      );
      const accountNow = new Map(
        liveRecords(emulator, 'Case').map((record) => [String(record['Id']), String(record['AccountId'])]),
      );
      const affected = new Set([...changed].flatMap((id) => [accountBefore.get(id), accountNow.get(id)]));
      affected.add(String(edited['Id']));
      affected.delete(undefined);
      const third = await runThroughQueue(redisPrefix, 'acme');
      expect(third.status).toBe('completed');
      expect(third.scored - third.slaRescored).toBeLessThanOrEqual(affected.size);
      expect(third.scored).toBeGreaterThan(0);
      expect(third.written).toBeGreaterThanOrEqual(1);
      const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
      const writtenIds = [...(await createRunStore(redis, 'acme').overwrites(third.runId)).keys()];
      await redis.quit();
      expect(writtenIds).toHaveLength(third.written);
      expect(writtenIds.filter((id) => !affected.has(id))).toEqual([]);
      expect(edited['Health_Status__c']).toBe(computed);
      expect(expectAccountsMatchModel(emulator, failed)).toBe(2000 - failed.size);

      // SIGTERM: each worker finishes what it holds and exits cleanly.
      expect(await stopAll(workers)).toEqual([0, 0, 0]);
      for (const worker of workers) expect(worker.output()).toContain('Worker stopped.');
    } finally {
      await stopAll(workers);
    }
  },
  240_000,
);

/** Stops the workers as a deploy would (SIGTERM); returns their exit codes. */
async function stopAll(workers: readonly WorkerProcess[]): Promise<(number | null)[]> {
  for (const worker of workers) worker.child.kill('SIGTERM');
  return Promise.all(workers.map((worker) => worker.exited));
}

redisTest(
  'a worker SIGKILLed three times in one run: the run completes, to the same state as a clean run',
  async ({ redisPrefix }) => {
    const cwd = configFor('killed');
    // Every score-and-write job takes a while: the kills land mid-run.
    emulator.state.faults.reset();
    const connection = createQueueConnection({ url: TEST_REDIS_URL, keyPrefix: redisPrefix }, logger);
    const queue = openOrgQueue(connection, redisPrefix, 'killed', logger);
    const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
    let worker = startWorkerProcess(cwd, { PULSE_REDIS_PREFIX: redisPrefix });
    try {
      await worker.ready;
      // Forget what earlier runs wrote: this run rewrites every account.
      for (const account of liveRecords(emulator, 'Account'))
        emulator.state.store.update(account, { Health_Score__c: null }, emulator.state.adminId);
      emulator.state.clock.advance(3 * 60_000);
      const job = await enqueueRun(queue, { full: true });
      const kills: string[] = [];
      for (let kill = 0; kill < 3; kill += 1) {
        // Let the worker get into the run (a page pulled, or some accounts scored), then kill it.
        const progressAtStart = await progressOf(redis, queue, job.id ?? '');
        for (let i = 0; i < 400; i += 1) {
          if ((await progressOf(redis, queue, job.id ?? '')) > progressAtStart) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 400)));
        expect(await queue.getJobState(job.id ?? '')).not.toBe('completed');
        kills.push(String(await progressOf(redis, queue, job.id ?? '')));
        worker.child.kill('SIGKILL');
        await worker.exited;
        worker = startWorkerProcess(cwd, { PULSE_REDIS_PREFIX: redisPrefix });
        await worker.ready;
      }
      const report = await waitForRun(queue, job.id ?? '');
      expect(kills).toHaveLength(3);
      expect([report.status, report.error]).toEqual(['completed', undefined]);
      expect(report.scored).toBe(2000);
      const failed = expectFailuresExplained(report);
      expect(expectAccountsMatchModel(emulator, failed)).toBe(2000 - failed.size);
      expect(report.written + report.unchanged + failed.size).toBe(2000);
    } finally {
      await stopAll([worker]);
      await queue.close();
      connection.disconnect();
      await redis.quit();
    }
  },
  240_000,
);

/** A number that grows as the run makes progress: records pulled plus accounts scored. */
async function progressOf(
  redis: Redis,
  queue: ReturnType<typeof openOrgQueue>,
  jobId: string,
): Promise<number> {
  const job = await queue.getJob(jobId);
  const runId = (job?.data as { runId?: string } | undefined)?.runId;
  if (!runId) return 0;
  const progress = await createRunState(redis, 'killed', runId).progress();
  return Object.values(progress.pulled).reduce((sum, n) => sum + n, 0) + progress.scored;
}
