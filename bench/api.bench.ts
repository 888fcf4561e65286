/**
 * The API's read routes under concurrent load from a second process: `pulse serve` runs as a real
 * process of its own, over the Redis of an org that one Pulse sync filled (its snapshot, run
 * reports and score history), and this process loads it with autocannon, route by route, with 10
 * and 50 keep-alive connections: latency percentiles, requests/s, non-2xx answers (there must be
 * none), the server's CPU and peak RSS.
 *
 * The org: `pulse emulator --accounts N` (seed 42) in its own process, topped up to about 4
 * opportunities and 10 cases per account as in `bench/sync.bench.ts` (BENCH_API_TOP_UP=0: the
 * generator's ~3.5 and ~1.7), synced in this process (`syncOnce`, as `pulse sync --once`), with
 * write-back on. Before the sync each account is given a daily score history
 * (BENCH_API_HISTORY_DAYS, default 90 days; the store keeps up to 400); after it the run list is
 * filled to BENCH_API_RUNS reports (default 200, the most the run store keeps, as an org synced
 * every 15 minutes has after two days) with copies of the first run's report, then a real
 * incremental rerun after 1% of cases changed is the newest. The emulator is stopped before the
 * load: `pulse serve` reads Redis only. `npm run bench` runs it with the defaults.
 *
 * Usage: npx tsx bench/api.bench.ts [accounts]   (default 5000)
 *   BENCH_API_DURATION_S   seconds of load per route and connection count (default 10)
 *   BENCH_API_CONNECTIONS  connection counts, comma-separated (default 10,50)
 *   BENCH_API_WARMUP_S     seconds of unrecorded load per route before the first (default 2)
 *   BENCH_API_RUNS, BENCH_API_HISTORY_DAYS, BENCH_API_TOP_UP   see above
 *   BENCH_API_SERVE_NODE_FLAGS  flags for the server's node, space-separated (e.g. `--cpu-prof
 *     --cpu-prof-dir=/tmp/pulse-prof` for a profile of the server, written when it stops)
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';

import autocannon from 'autocannon';
import { Redis } from 'ioredis';

import { Config, OrgConfig } from '../src/config/index.js';
import { createLogger } from '../src/logging/logger.js';
import { syncOnce } from '../src/main/sync-once.js';
import { createRedactor } from '../src/redaction/redactor.js';
import { createRunStore } from '../src/sync/run-store.js';
import { newRunId } from '../src/sync/run/run-state.js';
import type { SyncReport } from '../src/sync/run/sync-report.js';
import { createSnapshotStore } from '../src/sync/snapshot/snapshot-store.js';
import { startServeProcess, type ServeProcess } from '../test/support/serve-process.js';
import {
  cpuSeconds,
  deleteBenchKeys,
  repoRoot,
  residentMemory,
  resetPeakMemory,
  startEmulatorProcess,
} from './support/processes.js';
import { topUpOrg } from './support/top-up-org.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const accounts = Number(process.argv[2] ?? 5000);
const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name}: expected a number, got ${process.env[name]}`);
  return value;
};
const DURATION_S = envNumber('BENCH_API_DURATION_S', 10);
const WARMUP_S = envNumber('BENCH_API_WARMUP_S', 2);
const RUNS = Math.min(200, envNumber('BENCH_API_RUNS', 200));
const HISTORY_DAYS = Math.min(399, envNumber('BENCH_API_HISTORY_DAYS', 90));
const TOP_UP = process.env['BENCH_API_TOP_UP'] !== '0';
const CONNECTIONS = (process.env['BENCH_API_CONNECTIONS'] ?? '10,50')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ORG = 'bench';
const API = '/api/v1';
const DAY_MS = 86_400_000;
const RUN_EVERY_MS = 15 * 60_000;
const MiB = 1048576;

const prefix = `pulse-bench-api-${process.pid}:`;
const redactor = createRedactor();
const logger = createLogger({ level: 'error', format: 'json', redactor });
const config = Config.parse({
  redis: { url: REDIS_URL, keyPrefix: prefix },
  log: { level: 'error', format: 'json' },
  // The bench moves the org's clock past the 2-minute commit lag before each run.
  sync: { commitLag: '2m' },
});

const raw = new Redis(REDIS_URL);
const redis = new Redis(REDIS_URL, { keyPrefix: prefix });
const { child: emulator, info } = await startEmulatorProcess([
  '--accounts',
  String(accounts),
  '--api-limit',
  '100000000',
  '--test-endpoints',
]);
const emulatorUrl = info['loginUrl'] ?? '';
const orgSettings = {
  loginUrl: emulatorUrl,
  authFlow: 'password',
  clientId: info['clientId'],
  clientSecret: info['clientSecret'],
  username: info['username'],
  password: info['password'],
  writeBack: true,
};
let serve: ServeProcess | undefined;
/** Redis's pid when it runs on this machine (its CPU is shown beside the server's), else undefined. */
const redisPid = await raw
  .info('server')
  .then((text) => Number(/process_id:(\d+)/.exec(text)?.[1] ?? 0))
  .then((pid) => (pid > 0 && existsSync(`/proc/${pid}/stat`) ? pid : undefined));
const redisCpu = (): number | undefined => (redisPid === undefined ? undefined : cpuSeconds(redisPid));

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${emulatorUrl}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} /__emulator/${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function sync(): Promise<SyncReport> {
  const started = process.hrtime.bigint();
  const report = await syncOnce({
    config,
    orgName: ORG,
    org: OrgConfig.parse(orgSettings),
    full: false,
    logger,
    redactor,
    cwd: repoRoot,
  });
  if (report.status !== 'completed') throw new Error(`the sync failed: ${report.error ?? '?'}`);
  console.log(
    `  ${report.mode} run ${report.runId}: pulled ${JSON.stringify(report.pulled)}, scored ${report.scored}, ` +
      `written ${report.written}, ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`,
  );
  return report;
}

/** A daily score history for every account, oldest day first (the sync adds today's point). */
async function backfillHistory(accountIds: readonly string[]): Promise<void> {
  const store = createSnapshotStore(redis, ORG);
  const today = Date.now();
  for (let day = HISTORY_DAYS; day >= 1; day -= 1) {
    await store.recordScores(
      accountIds.map((accountId, index) => ({
        accountId,
        score: Math.max(
          0,
          Math.min(100, 40 + ((index * 37) % 50) + Math.round(6 * Math.sin(day / 9 + index))),
        ),
      })),
      new Date(today - day * DAY_MS),
    );
  }
}

interface Route {
  readonly label: string;
  /** The path of each request in turn. */
  readonly paths: readonly string[];
}

interface Row {
  readonly route: string;
  readonly connections: number;
  readonly result: autocannon.Result;
  readonly serveCpu: number;
  readonly benchCpu: number;
  /** Redis's CPU (cores), when it runs on this machine; a shared Redis, so others' work is in it. */
  readonly redisCpu: number | undefined;
  readonly servePeakRss: number;
  /** The machine's 1-minute load average before and after. */
  readonly loadAverage: string;
}

async function load(route: Route, connections: number, seconds: number): Promise<autocannon.Result> {
  if (!serve) throw new Error('pulse serve is not running');
  let next = 0;
  return autocannon({
    url: serve.baseUrl,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${serve.token}` },
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const path = route.paths[next % route.paths.length] ?? '';
          next += 1;
          return { ...request, path };
        },
      },
    ],
  });
}

/** One request per route before the load, to see each answers what it should. */
async function checkRoute(path: string, check: (body: Record<string, unknown>) => string | undefined) {
  if (!serve) throw new Error('pulse serve is not running');
  const response = await fetch(`${serve.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${serve.token}` },
  });
  const text = await response.text();
  const problem =
    response.status === 200
      ? check(JSON.parse(text) as Record<string, unknown>)
      : `answered ${response.status}: ${text.slice(0, 500)}`;
  if (problem) throw new Error(`GET ${path} ${problem}`);
  console.log(`  GET ${path}: 200, ${Buffer.byteLength(text).toLocaleString('en-US')} bytes`);
}

/** autocannon's latencies are whole milliseconds. */
const ms = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const percent = (cores: number | undefined): string =>
  cores === undefined ? '?' : `${(cores * 100).toFixed(0)}%`;
const cpuPerRequest = (row: Row): string =>
  ((row.serveCpu * 1000) / (row.result.requests.total / row.result.duration)).toFixed(2);
const load1 = (): string => (loadavg()[0] ?? 0).toFixed(1);
const mib = (bytes: number): string => (bytes / MiB).toFixed(0);

try {
  console.log(
    `${accounts.toLocaleString('en-US')} accounts, ${HISTORY_DAYS} days of score history, ${RUNS} runs kept; ` +
      `${DURATION_S} s per case at ${CONNECTIONS.join(' and ')} connections; Node ${process.version}; load average ${load1()}; Redis prefix ${prefix}`,
  );
  if (TOP_UP) {
    const topUp = await topUpOrg(emulatorUrl);
    console.log(
      `org topped up in ${topUp.seconds.toFixed(0)} s: +${topUp.cases.toLocaleString('en-US')} cases, ` +
        `+${topUp.opportunities.toLocaleString('en-US')} opportunities on ${topUp.accounts.toLocaleString('en-US')} accounts`,
    );
  }
  const seeded = (await control('GET', 'records/Account')) as { Id: string }[];
  const started = process.hrtime.bigint();
  await backfillHistory(seeded.map((record) => record.Id));
  console.log(
    `score history backfilled: ${HISTORY_DAYS} days x ${seeded.length} accounts in ${(
      Number(process.hrtime.bigint() - started) / 1e9
    ).toFixed(1)} s`,
  );

  // Past the commit lag: the first run reads the whole freshly seeded org.
  await control('POST', 'clock/advance', { ms: 600_000 });
  const first = await sync();
  const runs = createRunStore(redis, ORG);
  const copies = Math.max(0, RUNS - 2);
  const { runId: _firstId, ...template } = first;
  for (let k = copies; k >= 1; k -= 1) {
    const at = new Date(Date.parse(first.startedAt) - k * RUN_EVERY_MS);
    await runs.save(newRunId(at), { ...template, startedAt: at.toISOString() });
  }
  if (RUNS >= 2) {
    await control('POST', 'changes/Case', { percent: 1 });
    await control('POST', 'clock/advance', { ms: 180_000 });
    await sync();
  }
  emulator.kill('SIGTERM');

  const store = createSnapshotStore(redis, ORG);
  const accountIds = await store.accountIds();
  const runIds = ((await runs.recent(200)) as { runId: string }[]).map((run) => run.runId);
  const sample = (await store.readAccounts(accountIds.slice(0, 1))).get(accountIds[0] ?? '');
  console.log(
    `Redis holds ${accountIds.length.toLocaleString('en-US')} accounts (${sample?.opportunities.length ?? 0} opportunities, ` +
      `${sample?.cases.length ?? 0} cases and ${sample?.history.length ?? 0} history points on the first), ${runIds.length} runs`,
  );

  serve = await startServeProcess({
    settings: { redis: { url: REDIS_URL, keyPrefix: prefix }, log: { level: 'warn', format: 'json' } },
    orgs: { [ORG]: orgSettings },
    nodeFlags: (process.env['BENCH_API_SERVE_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
  });
  const idleRss = residentMemory(serve.pid).rss;
  console.log(`pulse serve (pid ${serve.pid}) on ${serve.baseUrl}, RSS ${mib(idleRss)} MiB`);

  const newest = runIds[0] ?? '';
  await checkRoute(`${API}/orgs`, (body) => {
    const orgs = body['orgs'] as { name?: string; lastRun?: { runId?: string } }[] | undefined;
    return orgs?.length === 1 && orgs[0]?.name === ORG && orgs[0].lastRun?.runId === newest
      ? undefined
      : `answered an unexpected body: ${JSON.stringify(body).slice(0, 500)}`;
  });
  await checkRoute(`${API}/orgs/${ORG}/runs`, (body) => {
    const listed = body['runs'] as { runId?: string }[] | undefined;
    return listed?.length === Math.min(20, runIds.length) && listed[0]?.runId === newest
      ? undefined
      : `answered an unexpected body: ${JSON.stringify(body).slice(0, 500)}`;
  });
  const oldest = runIds[runIds.length - 1] ?? '';
  await checkRoute(`${API}/orgs/${ORG}/runs/${oldest}`, (body) =>
    body['runId'] === oldest
      ? undefined
      : `answered an unexpected body: ${JSON.stringify(body).slice(0, 500)}`,
  );
  const firstAccount = accountIds[0] ?? '';
  await checkRoute(`${API}/orgs/${ORG}/accounts/${firstAccount}`, (body) => {
    const health = body['health'] as { score?: unknown } | undefined;
    const history = body['history'] as unknown[] | undefined;
    return body['accountId'] === firstAccount &&
      typeof health?.score === 'number' &&
      history?.length === sample?.history.length
      ? undefined
      : `answered an unexpected body: ${JSON.stringify(body).slice(0, 500)}`;
  });

  const routes: Route[] = [
    {
      label: `GET ${API}/orgs/:org/accounts/:accountId`,
      paths: accountIds.map((id) => `${API}/orgs/${ORG}/accounts/${id}`),
    },
    { label: `GET ${API}/orgs/:org/runs`, paths: [`${API}/orgs/${ORG}/runs`] },
    { label: `GET ${API}/orgs/:org/runs/:runId`, paths: runIds.map((id) => `${API}/orgs/${ORG}/runs/${id}`) },
    { label: `GET ${API}/orgs`, paths: [`${API}/orgs`] },
  ];
  const rows: Row[] = [];
  let servePeakRss = residentMemory(serve.pid).peak;
  for (const route of routes) {
    if (WARMUP_S > 0) await load(route, CONNECTIONS[0] ?? 10, WARMUP_S);
    for (const connections of CONNECTIONS) {
      resetPeakMemory(serve.pid);
      const serveCpuBefore = cpuSeconds(serve.pid);
      const benchCpuBefore = process.cpuUsage();
      const redisCpuBefore = redisCpu();
      const loadBefore = load1();
      const result = await load(route, connections, DURATION_S);
      const benchCpu = process.cpuUsage(benchCpuBefore);
      const redisCpuAfter = redisCpu();
      const row: Row = {
        route: route.label,
        connections,
        result,
        serveCpu: (cpuSeconds(serve.pid) - serveCpuBefore) / result.duration,
        benchCpu: (benchCpu.user + benchCpu.system) / 1e6 / result.duration,
        redisCpu:
          redisCpuBefore === undefined || redisCpuAfter === undefined
            ? undefined
            : (redisCpuAfter - redisCpuBefore) / result.duration,
        servePeakRss: residentMemory(serve.pid).peak,
        loadAverage: `${loadBefore}-${load1()}`,
      };
      servePeakRss = Math.max(servePeakRss, row.servePeakRss);
      rows.push(row);
      const { latency } = result;
      console.log(
        `${route.label}, ${connections} connections: p50 ${ms(latency.p50)} ms, p90 ${ms(latency.p90)}, ` +
          `p99 ${ms(latency.p99)}, max ${ms(latency.max)}; ${Math.round(result.requests.average).toLocaleString('en-US')} requests/s ` +
          `(${result.requests.total.toLocaleString('en-US')} in ${result.duration.toFixed(1)} s); non-2xx ${result.non2xx}, ` +
          `errors ${result.errors}, timeouts ${result.timeouts}; serve CPU ${(row.serveCpu * 100).toFixed(0)}%, ` +
          `autocannon CPU ${(row.benchCpu * 100).toFixed(0)}%, Redis CPU ${percent(row.redisCpu)}, ` +
          `serve CPU per request ${cpuPerRequest(row)} ms, serve peak RSS ${mib(row.servePeakRss)} MiB; ` +
          `load average ${row.loadAverage}`,
      );
    }
  }

  const endRss = residentMemory(serve.pid).rss;
  console.log(
    `\npulse serve: RSS ${mib(idleRss)} MiB before the load, ${mib(endRss)} MiB after; peak (VmHWM) ${mib(servePeakRss)} MiB`,
  );
  console.log(
    '\n| route | connections | p50 | p90 | p99 | max | requests/s | non-2xx | serve CPU (per request) | Redis CPU | serve peak RSS |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const { latency } = row.result;
    console.log(
      `| \`${row.route}\` | ${row.connections} | ${ms(latency.p50)} ms | ${ms(latency.p90)} ms | ${ms(latency.p99)} ms | ` +
        `${ms(latency.max)} ms | ${Math.round(row.result.requests.average).toLocaleString('en-US')} | ${row.result.non2xx} | ` +
        `${percent(row.serveCpu)} (${cpuPerRequest(row)} ms) | ${percent(row.redisCpu)} | ${mib(row.servePeakRss)} MiB |`,
    );
  }
  const failed = rows.filter(
    (row) => row.result.non2xx > 0 || row.result.errors > 0 || row.result.timeouts > 0,
  );
  if (failed.length > 0) {
    throw new Error(
      `the API did not answer every request with 2xx: ${failed
        .map(
          (row) =>
            `${row.route} at ${row.connections} connections: non-2xx ${row.result.non2xx} ` +
            `${JSON.stringify(row.result.statusCodeStats ?? {})}, errors ${row.result.errors}, timeouts ${row.result.timeouts}`,
        )
        .join('; ')}\n${serve.output().slice(-2000)}`,
    );
  }
} finally {
  if (serve) {
    const { code, signal } = await serve.stop();
    if (code !== 0)
      console.error(`pulse serve exited with ${code ?? signal ?? '?'}:\n${serve.output().slice(-2000)}`);
  }
  if (emulator.exitCode === null && emulator.signalCode === null) emulator.kill('SIGTERM');
  await deleteBenchKeys(raw, prefix);
  redis.disconnect();
  await raw.quit();
}
