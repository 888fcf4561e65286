/**
 * A Pulse sync (`syncOnce`: a run job on the org's BullMQ queue, worked by a worker in this
 * process) against the plain-jsforce script a user would otherwise write (query everything with
 * paging, score, update every account in collections of 200, every time), on the same emulated org
 * with 50 ms latency per call, for a first run and for a rerun after 1% of cases changed: API calls
 * as the org counts them (token calls apart), against the minimum possible for what Pulse read and
 * wrote; wall time, records/s, peak RSS of this process and of the emulator.
 *
 * The generated org has about 3.5 opportunities and 1.7 cases per account; before measuring, the
 * bench tops every account up to about 4 opportunities and 10 cases (the shape) through the
 * emulator's seeding endpoint, which costs no API call.
 *
 * Usage: node --expose-gc [--max-old-space-size=8192] --import tsx bench/sync.bench.ts [accounts]
 *   (default 5000; the larger heap for 200,000 accounts, where the plain script holds ~3M rows).
 *   BENCH_SYNC_SIDES=pulse or =plain measures one side only (default: both, on the same org).
 *   BENCH_SYNC_PLAYBOOKS=off runs Pulse without its customer-success playbooks (default: on).
 */
import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import jsforce from 'jsforce';

import { Config, FieldMapping, OrgConfig } from '../src/config/index.js';
import { evaluateAccount } from '../src/health/index.js';
import { createLogger } from '../src/logging/logger.js';
import { loadHealthModel } from '../src/main/load-health-model.js';
import { syncOnce } from '../src/main/sync-once.js';
import { createRedactor } from '../src/redaction/redactor.js';
import type { SyncReport } from '../src/sync/run/sync-report.js';
import { toHealthSnapshot } from '../src/sync/score/to-health-snapshot.js';
import { writtenValues } from '../src/sync/write/written-values.js';
import {
  deleteBenchKeys,
  repoRoot,
  residentMemory,
  resetPeakMemory,
  startEmulatorProcess,
} from './support/processes.js';
import { topUpOrg } from './support/top-up-org.js';

const root = repoRoot;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const accounts = Number(process.argv[2] ?? 5000);
const LATENCY_MS = 50;
/** REST query page (no query locator needed below it), sObject Collections batch, Pulse's Bulk result set. */
const PAGE = 2000;
const WRITE_BATCH = 200;
const BULK_SET = 10_000;
const OBJECTS = ['Account', 'Opportunity', 'Case'] as const;
const TOKEN_ENDPOINT = 'POST /services/oauth2/token';
const MiB = 1048576;

const model = loadHealthModel({ cwd: root });
const mapping = FieldMapping.parse({});
const redactor = createRedactor();
const logger = createLogger({ level: 'error', format: 'json', redactor });
const prefix = `pulse-bench:${randomUUID()}:`;
const config = Config.parse({
  redis: { url: REDIS_URL, keyPrefix: prefix },
  log: { level: 'error', format: 'json' },
  // The bench moves the org's clock 3 minutes ahead before each run, past the 2-minute commit lag.
  sync: { commitLag: '2m' },
  worker: { concurrency: 4 },
  // The customer-success playbooks run with each sync (their Tasks count as API calls); off to compare.
  success: { enabled: process.env['BENCH_SYNC_PLAYBOOKS'] !== 'off' },
});

const { child, info } = await startEmulatorProcess(
  [
    '--accounts',
    String(accounts),
    '--latency-ms',
    String(LATENCY_MS),
    '--api-limit',
    '100000000',
    '--test-endpoints',
  ],
  [`--max-old-space-size=${process.env['BENCH_EMULATOR_HEAP_MB'] ?? '16384'}`],
);
const emulatorPid = child.pid ?? 0;
const url = info['loginUrl'] ?? '';

const control = async (method: string, route: string, body?: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(`${url}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} /__emulator/${route}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
};

interface CallCounts {
  readonly used: number;
  readonly byEndpoint: Record<string, number>;
}
const callCounts = async (): Promise<CallCounts> => {
  const answer = await control('GET', 'calls');
  return {
    used: (answer['apiUsage'] as { used: number }).used,
    byEndpoint: answer['byEndpoint'] as Record<string, number>,
  };
};

async function login(): Promise<jsforce.Connection> {
  const conn = new jsforce.Connection({
    version: '64.0',
    oauth2: { loginUrl: url, clientId: info['clientId'] ?? '', clientSecret: info['clientSecret'] ?? '' },
  });
  await conn.loginByOAuth2(info['username'] ?? '', info['password'] ?? '');
  return conn;
}

/** A query read page by page (2,000 records each), as jsforce's queryMore gives them. */
async function readAll(conn: jsforce.Connection, soql: string): Promise<Record<string, unknown>[]> {
  let page = await conn.query<Record<string, unknown>>(soql, { autoFetch: false });
  const rows = [...page.records];
  while (!page.done && page.nextRecordsUrl) {
    page = await conn.queryMore<Record<string, unknown>>(page.nextRecordsUrl);
    for (const row of page.records) rows.push(row);
  }
  return rows;
}

async function countRecords(conn: jsforce.Connection): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const object of OBJECTS)
    counts[object] = (await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize;
  return counts;
}

/** Brings the org to about 4 opportunities and 10 cases per account (see bench/support/top-up-org.ts). */
async function topUp(): Promise<void> {
  const conn = await login();
  const before = await countRecords(conn);
  const { seconds } = await topUpOrg(url);
  const after = await countRecords(conn);
  const per = (object: string): string => ((after[object] ?? 0) / accounts).toFixed(1);
  console.log(
    `org generated: ${JSON.stringify(before)}; topped up in ${seconds.toFixed(0)} s to ${JSON.stringify(after)} ` +
      `(${per('Opportunity')} opportunities, ${per('Case')} cases per account); ` +
      `emulator RSS ${(residentMemory(emulatorPid).rss / MiB).toFixed(0)} MiB`,
  );
}

/** The fewest calls that read and write what a run read and wrote, item by item. */
type Minimum = Readonly<Record<string, number>>;
/** Counted API calls: token calls are not (Salesforce does not count them against the limit). */
const apiTotal = (minimum: Minimum): number =>
  Object.entries(minimum).reduce((sum, [kind, n]) => (kind === 'token' ? sum : sum + n), 0);
const pagesOf = (records: number): number => Math.max(1, Math.ceil(records / PAGE));

/**
 * For a Pulse run: one describe per object; on a full pull the COUNT() Pulse sizes each object
 * with, then REST pages of 2,000, or for an object of at least `bulkQueryThreshold` records one
 * Bulk API 2.0 job (create, one status poll, one call per 10,000-row set, delete); on an
 * incremental pull REST pages of what the window returned; one write per 200 accounts written;
 * one token call when the run had no session yet.
 */
function pulseMinimum(report: SyncReport, needsToken: boolean): Minimum {
  const full = report.mode === 'full';
  let pages = 0;
  let bulk = 0;
  for (const object of OBJECTS) {
    const records = report.pulled[object] ?? 0;
    if (full && records >= config.sync.bulkQueryThreshold) bulk += 3 + Math.ceil(records / BULK_SET);
    else pages += pagesOf(records);
  }
  return {
    token: needsToken ? 1 : 0,
    describe: OBJECTS.length,
    count: full ? OBJECTS.length : 0,
    pages,
    bulk,
    writes: Math.ceil(report.written / WRITE_BATCH),
  };
}

/** The calls of a run by kind, from the org's per-endpoint counts. */
function kindsOf(byEndpoint: Record<string, number>): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const [endpoint, calls] of Object.entries(byEndpoint)) {
    const path = endpoint.replace('/services/data/vXX.X', '');
    const kind =
      endpoint === TOKEN_ENDPOINT
        ? 'token'
        : /\/describe$/.test(path)
          ? 'describe'
          : /\/jobs\/query/.test(path)
            ? 'bulk'
            : /\/query(All)?(\/|$)/.test(path)
              ? 'query'
              : /\/composite\/sobjects/.test(path)
                ? 'writes'
                : /^GET \/services\/data\/?$/.test(endpoint)
                  ? 'versions (not counted)'
                  : path;
    kinds[kind] = (kinds[kind] ?? 0) + calls;
  }
  return kinds;
}

interface Row {
  readonly label: string;
  readonly apiCalls: number;
  readonly tokenCalls: number;
  readonly minimum?: Minimum;
  readonly seconds: number;
  readonly records: number;
  readonly peakRss: number;
  readonly startRss: number;
  readonly emulatorPeakRss: number;
  readonly note: string;
}
const rows: Row[] = [];

async function measure(
  label: string,
  work: () => Promise<{ records: number; note: string; minimum?: Minimum }>,
): Promise<void> {
  globalThis.gc?.();
  const before = await callCounts();
  resetPeakMemory('self');
  resetPeakMemory(emulatorPid);
  const startRss = residentMemory('self').rss;
  const started = process.hrtime.bigint();
  const { records, note, minimum } = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakRss = residentMemory('self').peak;
  const emulatorPeakRss = residentMemory(emulatorPid).peak;
  const after = await callCounts();
  const delta: Record<string, number> = {};
  for (const [endpoint, calls] of Object.entries(after.byEndpoint)) {
    const made = calls - (before.byEndpoint[endpoint] ?? 0);
    if (made > 0) delta[endpoint] = made;
  }
  const row: Row = {
    label,
    apiCalls: after.used - before.used,
    tokenCalls: delta[TOKEN_ENDPOINT] ?? 0,
    ...(minimum ? { minimum } : {}),
    seconds,
    records,
    peakRss,
    startRss,
    emulatorPeakRss,
    note,
  };
  rows.push(row);
  console.log(
    `${label}: ${row.apiCalls} API calls + ${row.tokenCalls} token` +
      (minimum
        ? ` (minimum ${apiTotal(minimum)} + ${minimum['token'] ?? 0} token: ${JSON.stringify(minimum)})`
        : '') +
      `, ${seconds.toFixed(1)} s, ${Math.round(records / seconds).toLocaleString('en-US')} records/s, ` +
      `peak RSS ${(peakRss / MiB).toFixed(0)} MiB (start ${(startRss / MiB).toFixed(0)}), ` +
      `emulator peak RSS ${(emulatorPeakRss / MiB).toFixed(0)} MiB\n  calls by kind ${JSON.stringify(kindsOf(delta))}\n  ${note}`,
  );
}

const redisUsedMemory = async (redis: Redis): Promise<number> =>
  Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? 0);

// Pulse: a run job on the org's queue, worked by this process's worker (as `pulse sync --once`).
async function pulseRun(firstRun: boolean): Promise<{ records: number; note: string; minimum: Minimum }> {
  const org = OrgConfig.parse({
    loginUrl: url,
    authFlow: 'password',
    clientId: info['clientId'],
    clientSecret: info['clientSecret'],
    username: info['username'],
    password: info['password'],
    writeBack: true,
    requestLimits: { maxConcurrent: 4, perSecond: 100 },
  });
  const started = Date.now();
  const phases: Record<string, number> = {};
  const report = await syncOnce({
    config,
    orgName: 'bench',
    org,
    full: false,
    logger,
    redactor,
    cwd: root,
    onProgress: (progress) => {
      phases[progress.phase] ??= Date.now() - started;
    },
  });
  const phaseSeconds = (phase: string): string => ((phases[phase] ?? 0) / 1000).toFixed(1);
  if (report.status !== 'completed') throw new Error(`the Pulse run failed: ${report.error ?? '?'}`);
  const records = Object.values(report.pulled).reduce((sum, n) => sum + n, 0);
  return {
    records,
    minimum: pulseMinimum(report, firstRun),
    note:
      `${report.mode}: pulled ${JSON.stringify(report.pulled)}, scored ${report.scored}, written ${report.written}, ` +
      `unchanged ${report.unchanged}, failed ${report.failed.length}; the report counts ${report.apiCalls} API + ` +
      `${report.tokenCalls} token calls, ${report.durationMs} ms; jobs ${JSON.stringify(report.workers)}; ` +
      `scoring began at ${phaseSeconds('score')} s (seen every 200 ms)`,
  };
}

// The plain-jsforce script: everything, every time.
async function plainScript(): Promise<{ records: number; note: string; minimum: Minimum }> {
  const conn = await login();
  const accountRows = await readAll(
    conn,
    `SELECT Id, Name, Type, AnnualRevenue, OwnerId, CreatedDate, LastActivityDate, ${mapping.override} FROM Account`,
  );
  const opportunities = await readAll(
    conn,
    'SELECT Id, AccountId, StageName, IsClosed, IsWon, CloseDate, Amount, Probability, Type FROM Opportunity',
  );
  const cases = await readAll(
    conn,
    'SELECT Id, AccountId, Priority, Status, IsClosed, IsEscalated, CreatedDate, ClosedDate FROM Case',
  );
  // Children grouped by account once (a filter per account would be quadratic in the org's size).
  const byAccount = (children: Record<string, unknown>[]): Map<unknown, Record<string, unknown>[]> => {
    const groups = new Map<unknown, Record<string, unknown>[]>();
    for (const row of children) {
      const group = groups.get(row['AccountId']);
      if (group) group.push(row);
      else groups.set(row['AccountId'], [row]);
    }
    return groups;
  };
  const opportunitiesOf = byAccount(opportunities);
  const casesOf = byAccount(cases);
  const now = new Date();
  let retried = 0;
  const updates = accountRows.map((account) => {
    const result = evaluateAccount(
      toHealthSnapshot(
        {
          account,
          opportunities: opportunitiesOf.get(account['Id']) ?? [],
          cases: casesOf.get(account['Id']) ?? [],
        },
        mapping,
        model,
      ),
      model,
      now,
    );
    return {
      Id: account['Id'],
      ...writtenValues(result, mapping, model),
      [mapping.updatedAt]: now.toISOString(),
    };
  });
  for (let i = 0; i < updates.length; i += WRITE_BATCH) {
    const batch = updates.slice(i, i + WRITE_BATCH) as never[];
    // Scoring 200,000 accounts holds the event loop longer than the server keeps an idle
    // connection (30 s): the first write may go out on a socket the server closed meanwhile and
    // never reach it. The update is idempotent, so the script sends it again once.
    await conn
      .sobject('Account')
      .update(batch, { allOrNone: false })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'ECONNRESET') throw error;
        retried += 1;
        return conn.sobject('Account').update(batch, { allOrNone: false });
      });
  }
  return {
    records: accountRows.length + opportunities.length + cases.length,
    minimum: {
      token: 1,
      pages: pagesOf(accountRows.length) + pagesOf(opportunities.length) + pagesOf(cases.length),
      writes: Math.ceil(updates.length / WRITE_BATCH),
    },
    note: `read ${accountRows.length} accounts, ${opportunities.length} opportunities, ${cases.length} cases; written ${updates.length}; writes sent again after ECONNRESET ${retried}`,
  };
}

const raw = new Redis(REDIS_URL);
try {
  console.log(
    `${accounts.toLocaleString('en-US')} accounts, ${LATENCY_MS} ms latency per call, Node ${process.version}, ` +
      `worker concurrency ${config.worker.concurrency}, bulkQueryThreshold ${config.sync.bulkQueryThreshold}`,
  );
  await topUp();
  const sides = process.env['BENCH_SYNC_SIDES'] ?? 'pulse,plain';
  // Past the commit lag and the next run's 5-minute overlap: the rerun's windows then hold what
  // changed since the first run (and Pulse's own writes), not the whole freshly seeded org.
  await control('POST', 'clock/advance', { ms: 600_000 });
  if (sides.includes('pulse')) {
    const redisBefore = await redisUsedMemory(raw);
    await measure('Pulse, first run', () => pulseRun(true));
    const redisGrowth = (await redisUsedMemory(raw)) - redisBefore;
    console.log(
      `  Redis used_memory +${(redisGrowth / MiB).toFixed(0)} MiB (the snapshot; a shared Redis, so approximate)`,
    );
    await control('POST', 'changes/Case', { percent: 1 });
    await control('POST', 'clock/advance', { ms: 180_000 });
    await measure('Pulse, rerun after 1% of cases changed', () => pulseRun(false));
  }
  if (sides.includes('plain')) {
    await measure('plain jsforce, first run', plainScript);
    await control('POST', 'changes/Case', { percent: 1 });
    await measure('plain jsforce, rerun after 1% of cases changed', plainScript);
  }

  console.log(
    '\n| run | API calls | minimum | token calls (minimum) | wall time | records read | records/s | peak RSS (start) | emulator peak RSS |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.apiCalls.toLocaleString('en-US')} | ${
        row.minimum ? apiTotal(row.minimum).toLocaleString('en-US') : ''
      } | ${row.tokenCalls} (${row.minimum?.['token'] ?? ''}) | ${row.seconds.toFixed(1)} s | ${row.records.toLocaleString('en-US')} | ${Math.round(
        row.records / row.seconds,
      ).toLocaleString('en-US')} | ${(row.peakRss / MiB).toFixed(0)} MiB (${(row.startRss / MiB).toFixed(
        0,
      )}) | ${(row.emulatorPeakRss / MiB).toFixed(0)} MiB |`,
    );
  }
} finally {
  await deleteBenchKeys(raw, prefix);
  await raw.quit();
  child.kill('SIGTERM');
}
