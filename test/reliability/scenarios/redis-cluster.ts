/**
 * Pulse on a Redis Cluster: a three-master cluster of the scenario's own, three `pulse worker`
 * processes pointed at one of its nodes (`PULSE_REDIS_CLUSTER=true`), a run of every org at once.
 * Checked: every run completes with every account matching the model; each org's calls are in
 * the diagnostics store; a `pulse serve` on the cluster answers its read endpoints and takes a run
 * request; the orgs' queues sit on more than one master (each org's keys share its hash tag, so
 * they spread by org); no process logs a warning or an error.
 */
import { Redis } from 'ioredis';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { enqueueRun } from '../../../jobs/sync-run.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createQueueConnection, openOrgQueue, orgQueuePrefix } from '../../../src/queue/org-queue.js';
import { waitForRun } from '../../../src/queue/wait-for-run.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { startRedisCluster } from '../../support/own-redis-cluster.js';
import { startServeProcess, type ServeProcess } from '../../support/serve-process.js';
import { emulatorOrgYaml, startWorkerProcess, workerConfigDir } from '../../support/worker-processes.js';
import { verdict, type ScenarioResult } from '../support/scenario.js';

export interface RedisClusterProfile {
  readonly orgs: number;
  readonly accounts: number;
}

const PREFIX = 'pulse-reliability:';
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

/** GETs a `pulse serve` answers from what the runs left in Redis, for one org. */
function readPaths(org: string): string[] {
  return [
    '/metrics',
    '/api/v1/orgs',
    `/api/v1/orgs/${org}/runs`,
    `/api/v1/orgs/${org}/failing`,
    `/api/v1/diagnostics/orgs/${org}/calls`,
    `/api/v1/diagnostics/orgs/${org}/summary`,
    '/api/v1/audit',
  ];
}

async function askServe(
  serve: ServeProcess,
  orgs: readonly string[],
): Promise<{ ok: number; failed: string[] }> {
  const headers = { authorization: `Bearer ${serve.token}` };
  const failed: string[] = [];
  let ok = 0;
  // As a readiness probe would: the cluster client is ready once it has read the slot map.
  let ready = false;
  for (let i = 0; i < 50 && !ready; i += 1) {
    ready = (await fetch(`${serve.baseUrl}/readyz`)).ok;
    if (!ready) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (ready) ok += 1;
  else failed.push('/readyz never said ready');
  for (const org of orgs)
    for (const path of readPaths(org)) {
      const response = await fetch(`${serve.baseUrl}${path}`, { headers });
      if (response.ok) ok += 1;
      else failed.push(`GET ${path}: ${response.status} ${(await response.text()).slice(0, 200)}`);
    }
  const first = orgs[0] ?? '';
  const runs = (await (await fetch(`${serve.baseUrl}/api/v1/orgs/${first}/runs`, { headers })).json()) as {
    runs?: { runId?: string }[];
  };
  const runId = runs.runs?.[0]?.runId;
  if (runId === undefined) failed.push(`no run of ${first} listed`);
  else {
    const response = await fetch(`${serve.baseUrl}/api/v1/orgs/${first}/runs/${runId}`, { headers });
    if (response.ok) ok += 1;
    else failed.push(`GET the run ${runId}: ${response.status}`);
  }
  const sync = await fetch(`${serve.baseUrl}/api/v1/orgs/${first}/syncs`, { method: 'POST', headers });
  if (sync.status === 202 || sync.status === 200 || sync.status === 409) ok += 1;
  else failed.push(`POST syncs: ${sync.status} ${(await sync.text()).slice(0, 200)}`);
  return { ok, failed };
}

/** The port of the master serving a key's slot, from the cluster's own slot map. */
async function masterOf(node: Redis, key: string): Promise<number | undefined> {
  const slot = Number(await node.call('CLUSTER', 'KEYSLOT', key));
  const ranges = (await node.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
  return ranges.find(([from, to]) => slot >= from && slot <= to)?.[2][1];
}

export async function redisCluster(profile: RedisClusterProfile): Promise<ScenarioResult> {
  const cluster = await startRedisCluster(3);
  const names = Array.from({ length: profile.orgs }, (_, i) => `cluster-org-${i + 1}`);
  const emulators = new Map<string, RunningEmulator>();
  for (const [i, name] of names.entries())
    emulators.set(name, await startEmulator({ accounts: profile.accounts, seed: 300 + i, latencyMs: 10 }));
  const orgsYaml = [
    'orgs:',
    ...names.flatMap((name) => {
      const emulator = emulators.get(name);
      return emulator ? emulatorOrgYaml(name, emulator, { maxConcurrent: 2, perSecond: 50 }) : [];
    }),
  ].join('\n');
  const cwd = workerConfigDir(
    ['sync:', '  batchSize: 200', 'worker:', '  concurrency: 2', '  lockDuration: 10s'].join('\n'),
    orgsYaml,
  );
  const env = {
    REDIS_URL: cluster.url,
    PULSE_REDIS_CLUSTER: 'true',
    PULSE_REDIS_PREFIX: PREFIX,
    // Warnings too: a write the cluster refused (a call not stored, a metric lost) is logged as one.
    LOG_LEVEL: 'warn',
  };
  const workers = [0, 1, 2].map(() => startWorkerProcess(cwd, env));
  const redisTarget = { url: cluster.url, keyPrefix: PREFIX, cluster: true };
  const connection = createQueueConnection(redisTarget, logger);
  const queues = new Map(names.map((name) => [name, openOrgQueue(connection, PREFIX, name, logger)]));
  const nodes = cluster.ports.map((port) => new Redis(port, '127.0.0.1'));
  let serve: ServeProcess | undefined;
  const problems: string[] = [];
  try {
    await Promise.all(workers.map((worker) => worker.ready));
    for (const emulator of emulators.values()) emulator.state.clock.advance(3 * 60_000);
    const startedAt = Date.now();
    const done = await Promise.all(
      names.map(async (name) => {
        const queue = queues.get(name);
        if (!queue) throw new Error(`no queue for ${name}`);
        const job = await enqueueRun(queue, { full: true });
        return { name, report: await waitForRun(queue, job.id ?? '') };
      }),
    );
    const seconds = (Date.now() - startedAt) / 1000;
    let checked = 0;
    for (const { name, report } of done) {
      const emulator = emulators.get(name);
      if (!emulator) continue;
      if (report.status !== 'completed') problems.push(`${name}: ${report.status} ${report.error ?? ''}`);
      try {
        checked += expectAccountsMatchModel(emulator, new Set(report.failed.map((failure) => failure.id)));
      } catch (error) {
        problems.push(
          `${name} differs from the model: ${error instanceof Error ? error.message.slice(0, 200) : ''}`,
        );
      }
    }
    const queueMasters = new Map<string, number | undefined>();
    for (const name of names)
      queueMasters.set(
        name,
        await masterOf(nodes[0] ?? connection, `${orgQueuePrefix(PREFIX, name)}:sync:meta`),
      );
    const mastersUsed = new Set([...queueMasters.values()].filter((port) => port !== undefined)).size;
    if (mastersUsed < 2) problems.push(`the orgs' queues sit on ${mastersUsed} master(s), not spread`);
    serve = await startServeProcess({
      settings: {
        redis: { url: cluster.url, keyPrefix: PREFIX, cluster: true },
        log: { level: 'warn', format: 'json' },
      },
      orgs: Object.fromEntries(
        names.map((name) => {
          const emulator = emulators.get(name);
          const credentials = emulator?.credentials;
          return [
            name,
            {
              loginUrl: emulator?.url,
              authFlow: 'password',
              clientId: credentials?.clientId,
              clientSecret: credentials?.clientSecret,
              username: credentials?.username,
              password: credentials?.password,
              writeBack: true,
            },
          ];
        }),
      ),
      role: 'admin',
    });
    const answers = await askServe(serve, names);
    problems.push(...answers.failed);
    const keysPerMaster = await Promise.all(nodes.map((node) => node.dbsize()));
    const workerErrors = [...workers.map((worker) => worker.output()), serve.output()]
      .flatMap((output) => output.split('\n'))
      .filter((line) =>
        /"level":"(warn|error)"|CROSSSLOT|same slot|slots allocation group|ClusterAllFailedError/.test(line),
      )
      // A busy machine's stalls are not the cluster's doing.
      .filter((line) => !line.includes('event loop stalled'));
    if (workerErrors.length > 0)
      problems.push(
        `${workerErrors.length} warnings or errors logged, the first: ${workerErrors[0]?.slice(0, 300) ?? ''}`,
      );
    const storedCalls = await Promise.all(
      names.map((name) => connection.zcard(`${PREFIX}diag:{${name}}:all`)),
    );
    if (storedCalls.some((count) => count === 0))
      problems.push(`an org has no stored calls: ${storedCalls.join(', ')}`);
    return {
      name: 'Redis Cluster',
      injected: `a 3-master Redis Cluster (no replicas) instead of one server; ${profile.orgs} orgs of ${profile.accounts} accounts, runs of all enqueued at once, 3 worker processes`,
      counted: {
        'orgs completed': done.filter((entry) => entry.report.status === 'completed').length,
        'all runs done in (s)': seconds.toFixed(1),
        'masters holding an org queue': mastersUsed,
        'keys per master': keysPerMaster.join(' / '),
        'pulse serve requests answered': answers.ok,
        'accounts checked against the model': checked,
        'calls in the diagnostics store, per org': storedCalls.join(' / '),
        'warnings and errors logged': workerErrors.length,
      },
      ...verdict(
        problems,
        'every org completed on the cluster and matches the model; pulse serve answered on it; the orgs’ queues spread over more than one master; no warning or error logged',
      ),
    };
  } finally {
    await serve?.stop();
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    for (const queue of queues.values()) await queue.close().catch(() => undefined);
    connection.disconnect();
    for (const node of nodes) node.disconnect();
    for (const emulator of emulators.values()) await emulator.close();
    await cluster.stop();
  }
}
