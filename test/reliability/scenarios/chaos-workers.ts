/**
 * Chaos: an org under the chaos fault profile (about one call in six fails: 503s, resets, dropped
 * and truncated answers, HTML pages, slow calls past the timeout, session expiries, bursts of both
 * kinds of REQUEST_LIMIT_EXCEEDED, lock errors, trigger failures on some records), three
 * `pulse worker` processes, and a worker SIGKILLed at random several times mid-run. Checked
 * afterwards: the run completed; every account is written, unchanged or reported failed with a
 * reason; the org holds what src/health/ computes for every account not failed (what a clean run
 * leaves); every failed call is in the diagnostics store and matches a playbook.
 */
import { Redis } from 'ioredis';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { enqueueRun } from '../../../jobs/sync-run.js';
import { createCallStore } from '../../../src/diagnostics/call-store/call-store.js';
import { loadPlaybooks, matchPlaybook } from '../../../src/diagnostics/playbooks/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { packageRoot } from '../../../src/main/package-root.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { waitForRun } from '../../../src/queue/wait-for-run.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createRunState } from '../../../src/sync/run/run-state.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { newTestPrefix, TEST_REDIS_URL } from '../../support/redis.js';
import {
  emulatorOrgYaml,
  startWorkerProcess,
  workerConfigDir,
  type WorkerProcess,
} from '../../support/worker-processes.js';
import { deleteScenarioKeys, type ScenarioResult, verdict } from '../support/scenario.js';

export interface ChaosProfile {
  readonly accounts: number;
  readonly kills: number;
  /** The mean time between kills (each is drawn between half and one and a half of it). */
  readonly killEveryMs: number;
  /** Pulse's per-call timeout; slow calls take longer than this. */
  readonly timeoutMs: number;
  /** Pulse's `requestLimits` limit backoffs, scaled down (its defaults when absent). */
  readonly limitBackoffs?: {
    readonly concurrentLimitWait: string;
    readonly concurrentLimitThrottle: string;
    readonly limitRecheck: string;
  };
}

const ORG = 'chaos';
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

function configDir(emulator: RunningEmulator, profile: ChaosProfile): string {
  return workerConfigDir(
    [
      'sync:',
      '  batchSize: 200',
      'worker:',
      '  concurrency: 2',
      '  lockDuration: 10s',
      '  stalledInterval: 2s',
      '  maxStalledCount: 50',
      'diagnostics:',
      '  signingKey: chaos-scenario-signing-key-0123456789',
    ].join('\n'),
    [
      'orgs:',
      ...emulatorOrgYaml(ORG, emulator, {
        maxConcurrent: 3,
        perSecond: 50,
        timeout: `${profile.timeoutMs}ms`,
        ...profile.limitBackoffs,
      }),
    ].join('\n'),
  );
}

async function progressOf(redis: Redis, runId: string | undefined): Promise<number> {
  if (!runId) return 0;
  const progress = await createRunState(redis, ORG, runId).progress();
  return Object.values(progress.pulled).reduce((sum, n) => sum + n, 0) + progress.scored;
}

async function stop(workers: readonly WorkerProcess[]): Promise<void> {
  for (const worker of workers) worker.child.kill('SIGTERM');
  await Promise.all(workers.map((worker) => worker.exited));
}

export async function chaosWorkers(profile: ChaosProfile): Promise<ScenarioResult> {
  const emulator = await startEmulator({
    accounts: profile.accounts,
    seed: 53,
    faults: { extends: 'chaos', slowResponseMs: profile.timeoutMs + 1_000 },
    latencyMs: 15,
    testEndpoints: true,
  });
  const prefix = newTestPrefix('pulse-test-reliability');
  const cwd = configDir(emulator, profile);
  const env = { PULSE_REDIS_PREFIX: prefix };
  const workers = [0, 1, 2].map(() => startWorkerProcess(cwd, env));
  const connection = createQueueConnection({ url: TEST_REDIS_URL, keyPrefix: prefix }, logger);
  const queue = openOrgQueue(connection, prefix, ORG, logger);
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: prefix });
  const problems: string[] = [];
  const startedAt = Date.now();
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    emulator.state.clock.advance(3 * 60_000);
    const job = await enqueueRun(queue, { full: true });
    const runId = (job.data as { runId?: string }).runId;
    let kills = 0;
    // Into the run (the first records pulled), then a random worker dies at random intervals, not
    // waiting for progress: the stalls kills cause must not stretch the run past the kills.
    for (let i = 0; i < 600 && (await progressOf(redis, runId)) === 0; i += 1) await sleep(50);
    while (kills < profile.kills) {
      await sleep(Math.floor(profile.killEveryMs * (0.5 + Math.random())));
      if ((await queue.getJobState(job.id ?? '')) === 'completed') break;
      const victim = Math.floor(Math.random() * workers.length);
      workers[victim]?.child.kill('SIGKILL');
      await workers[victim]?.exited;
      kills += 1;
      // Back at once, as a supervisor would restart it; the others go on meanwhile.
      const restarted = startWorkerProcess(cwd, env);
      // Killed again before it is ready is fine: the run is what is checked.
      restarted.ready.catch(() => undefined);
      workers[victim] = restarted;
    }
    const report = await waitForRun(queue, job.id ?? '');
    if (kills < profile.kills) problems.push(`only ${kills} kills landed before the run ended`);
    if (report.status !== 'completed') problems.push(`the run ${report.status}: ${report.error ?? ''}`);
    const failed = new Set(report.failed.map((failure) => failure.id));
    const unexplained = report.failed.filter((failure) => !failure.errorCode || !failure.message);
    if (failed.size > profile.accounts / 20)
      problems.push(
        `${failed.size} records failed: ${report.failed[0]?.errorCode ?? ''} ${report.failed[0]?.message ?? ''}`,
      );
    if (unexplained.length > 0) problems.push(`${unexplained.length} failed records without a reason`);
    const accounted = report.written + report.unchanged + failed.size;
    if (accounted !== profile.accounts)
      problems.push(`${accounted} of ${profile.accounts} accounts written, unchanged or failed`);
    let checked = 0;
    try {
      checked = expectAccountsMatchModel(emulator, failed);
    } catch (error) {
      problems.push(
        `org state differs from the model: ${error instanceof Error ? error.message.slice(0, 300) : ''}`,
      );
    }

    // Every failed call, stored and matched to a playbook (not only the catch-all).
    const store = createCallStore(redis, 'unused-for-listing');
    const playbooks = loadPlaybooks({ packageRoot: packageRoot() });
    let failedCalls = 0;
    let catchAll = 0;
    let generic = 0;
    let cursor: string | undefined;
    do {
      const page = await store.listFailed(ORG, { runId: report.runId }, 500, cursor);
      for (const line of page.lines) {
        failedCalls += 1;
        const choice = line.failure ? matchPlaybook(playbooks, line.failure) : undefined;
        if (!choice || choice.playbook.id === 'catch-all') catchAll += 1;
        else if (choice.playbook.source.includes('fallbacks.yaml')) generic += 1;
      }
      cursor = page.nextCursor;
    } while (cursor);
    if (catchAll > 0) problems.push(`${catchAll} failed calls matched no playbook but the catch-all`);
    const injected = emulator.state.faults.counts();
    const injectedTotal = Object.values(injected).reduce((sum, n) => sum + n, 0);
    if (failedCalls === 0) problems.push('no failed call was stored');
    return {
      name: 'Chaos, three workers, SIGKILLs',
      injected: `chaos fault profile on ${profile.accounts} accounts (slow calls ${profile.timeoutMs + 1000} ms against a ${profile.timeoutMs} ms timeout); ${kills} SIGKILLs of a random worker mid-run${
        profile.limitBackoffs === undefined
          ? ''
          : `; limit backoffs scaled down (concurrent-limit wait ${profile.limitBackoffs.concurrentLimitWait}, halved for ${profile.limitBackoffs.concurrentLimitThrottle}; daily-limit pause ${profile.limitBackoffs.limitRecheck})`
      }`,
      counted: {
        'faults injected': injectedTotal,
        ...Object.fromEntries(
          Object.entries(injected)
            .filter(([, n]) => n > 0)
            .map(([kind, n]) => [`  ${kind}`, n]),
        ),
        'API calls of the run': report.apiCalls,
        'failed calls stored': failedCalls,
        'of which only a class fallback playbook': generic,
        'accounts checked against the model': checked,
        'records reported failed, with reason': failed.size,
        ...Object.fromEntries(
          Object.entries(
            report.failed.reduce<Record<string, number>>((byCode, failure) => {
              const code = failure.errorCode;
              byCode[code] = (byCode[code] ?? 0) + 1;
              return byCode;
            }, {}),
          ).map(([code, n]) => [`  failed ${code}`, n]),
        ),
        'run duration (s)': Math.round((Date.now() - startedAt) / 1000),
      },
      ...verdict(
        problems,
        'completed; every account written, unchanged or failed with a reason; the rest match the model; every failed call stored with a playbook',
      ),
    };
  } finally {
    await stop(workers);
    await queue.close();
    connection.disconnect();
    await redis.quit();
    await emulator.close();
    await deleteScenarioKeys(prefix);
  }
}
