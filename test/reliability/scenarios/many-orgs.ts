/**
 * Many orgs at once: one emulated org each, three `pulse worker` processes serving all of them,
 * a run of every org but one enqueued at the same moment, the last org's run a while later. Checked:
 * every org's run completes with every account matching the model; no org waits for another's
 * backlog (the spread of completion times is reported, and the slowest may take at most a few
 * times the fastest; the latecomer, enqueued behind everyone's backlog, takes no longer than the
 * slowest of the others, give or take a quarter); each org's own concurrency limit holds at its
 * emulator.
 */
import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { enqueueRun } from '../../../jobs/sync-run.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { waitForRun } from '../../../src/queue/wait-for-run.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { newTestPrefix, TEST_REDIS_URL } from '../../support/redis.js';
import { emulatorOrgYaml, startWorkerProcess, workerConfigDir } from '../../support/worker-processes.js';
import { deleteScenarioKeys, type ScenarioResult, verdict } from '../support/scenario.js';

export interface ManyOrgsProfile {
  readonly orgs: number;
  readonly accounts: number;
  /** How long after the others the last org's run is enqueued. */
  readonly latecomerDelayMs: number;
}

const MAX_CONCURRENT = 2;
/** The slowest org may take this many times the fastest before it counts as waiting on others. */
const FAIR_SPREAD = 4;
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

export async function manyOrgs(profile: ManyOrgsProfile): Promise<ScenarioResult> {
  const names = Array.from({ length: profile.orgs }, (_, i) => `org-${String(i + 1).padStart(2, '0')}`);
  const emulators = new Map<string, RunningEmulator>();
  for (const [i, name] of names.entries())
    emulators.set(name, await startEmulator({ accounts: profile.accounts, seed: 100 + i, latencyMs: 15 }));
  const prefix = newTestPrefix('pulse-test-reliability');
  const orgsYaml = [
    'orgs:',
    ...names.flatMap((name) => {
      const emulator = emulators.get(name);
      return emulator
        ? emulatorOrgYaml(name, emulator, { maxConcurrent: MAX_CONCURRENT, perSecond: 50 })
        : [];
    }),
  ].join('\n');
  const cwd = workerConfigDir(
    ['sync:', '  batchSize: 200', 'worker:', '  concurrency: 2', '  lockDuration: 10s'].join('\n'),
    orgsYaml,
  );
  const workers = [0, 1, 2].map(() => startWorkerProcess(cwd, { PULSE_REDIS_PREFIX: prefix }));
  const connection = createQueueConnection({ url: TEST_REDIS_URL, keyPrefix: prefix }, logger);
  const queues = new Map(names.map((name) => [name, openOrgQueue(connection, prefix, name, logger)]));
  const problems: string[] = [];
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    for (const emulator of emulators.values()) {
      emulator.state.clock.advance(3 * 60_000);
      emulator.state.inFlight.resetHighWaterMark();
    }
    const latecomer = names[names.length - 1];
    const done = await Promise.all(
      names.map(async (name) => {
        const queue = queues.get(name);
        if (!queue) throw new Error(`no queue for ${name}`);
        if (name === latecomer) await new Promise((resolve) => setTimeout(resolve, profile.latecomerDelayMs));
        const enqueuedAt = Date.now();
        const job = await enqueueRun(queue, { full: true });
        const report = await waitForRun(queue, job.id ?? '');
        return { name, report, seconds: (Date.now() - enqueuedAt) / 1000 };
      }),
    );
    let checked = 0;
    for (const { name, report } of done) {
      const emulator = emulators.get(name);
      if (!emulator) continue;
      if (report.status !== 'completed') problems.push(`${name}: ${report.status} ${report.error ?? ''}`);
      if (emulator.state.inFlight.highWaterMark > MAX_CONCURRENT)
        problems.push(
          `${name}: ${emulator.state.inFlight.highWaterMark} calls at once, over ${MAX_CONCURRENT}`,
        );
      try {
        checked += expectAccountsMatchModel(emulator, new Set(report.failed.map((failure) => failure.id)));
      } catch (error) {
        problems.push(
          `${name} differs from the model: ${error instanceof Error ? error.message.slice(0, 200) : ''}`,
        );
      }
    }
    const late = done.find((entry) => entry.name === latecomer)?.seconds ?? 0;
    const times = done
      .filter((entry) => entry.name !== latecomer)
      .map((entry) => entry.seconds)
      .sort((a, b) => a - b);
    const fastest = times[0] ?? 0;
    const slowest = times[times.length - 1] ?? 0;
    const median = times[Math.floor(times.length / 2)] ?? 0;
    if (slowest > fastest * FAIR_SPREAD)
      problems.push(`the slowest org took ${slowest.toFixed(1)} s, over ${FAIR_SPREAD} x the fastest`);
    // Behind everyone's backlog it would take about the slowest plus its own run; a fair share, no
    // longer than the others (a quarter of margin: with a short delay it is one of them).
    if (late > slowest * 1.25)
      problems.push(`the latecomer took ${late.toFixed(1)} s, over 1.25 x the slowest of the others`);
    const workersUsed = new Set(done.flatMap((entry) => Object.keys(entry.report.workers))).size;
    return {
      name: 'Many orgs',
      injected: `${profile.orgs} orgs of ${profile.accounts} accounts each (an emulator each, at most ${MAX_CONCURRENT} calls at once per org), runs of ${profile.orgs - 1} enqueued at once and the last ${profile.latecomerDelayMs / 1000} s later, 3 worker processes`,
      counted: {
        'orgs completed': done.filter((entry) => entry.report.status === 'completed').length,
        'completion, fastest (s)': fastest.toFixed(1),
        'completion, median (s)': median.toFixed(1),
        'completion, slowest (s)': slowest.toFixed(1),
        'latecomer, from its enqueue (s)': late.toFixed(1),
        'highest calls at once in one org': Math.max(
          ...[...emulators.values()].map((e) => e.state.inFlight.highWaterMark),
        ),
        'workers that did work': workersUsed,
        'accounts checked against the model': checked,
      },
      ...verdict(
        problems,
        `every org completed and matches the model; the slowest within ${FAIR_SPREAD} x the fastest; the latecomer within 1.25 x the slowest; every org within its limit`,
      ),
    };
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    for (const queue of queues.values()) await queue.close();
    connection.disconnect();
    for (const emulator of emulators.values()) await emulator.close();
    await deleteScenarioKeys(prefix);
  }
}
