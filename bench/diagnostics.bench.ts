/**
 * The diagnostics routes at 100,000 stored calls, under concurrent load from a second process, and
 * what a stored call costs Redis.
 *
 * One org (`bench`) is filled with a week of calls (`bench/support/diagnostic-calls.ts`: ~500 runs
 * and their jobs; mostly incremental queryAll pages, full pages and describes cut at the 64 KiB
 * answer bound, 200-account Collections PATCHes, and 10% failures over six codes), each made a
 * StoredCall by `toStoredCall` and saved through `createCallStore(...).save()` a batch at a time,
 * as the recorder saves them. Then: Redis bytes per stored call — the org's byte counter, STRLEN
 * and MEMORY USAGE of every call key, MEMORY USAGE of every other key of the prefix (indexes, hourly
 * counters, the call-to-org hash), and INFO used_memory before and after (a shared Redis: others'
 * writes are in it). Then `pulse serve` runs as a process of its own over that Redis and this
 * process loads it with autocannon, route by route, at 10 and 50 keep-alive connections: latency
 * percentiles, requests/s, non-2xx answers (there must be none), the server's CPU and peak RSS.
 * Before the load each listing is also run once in this process to show what it reads from Redis.
 * At the default size the org takes ~1.7 GiB of Redis while the bench runs (its keys are deleted
 * at the end); the deep page (page 21) needs 1,051 failed calls, so at least ~11,000 calls.
 *
 * Usage: npx tsx bench/diagnostics.bench.ts [calls]   (default 100000, or BENCH_DIAG_CALLS)
 *   BENCH_DIAG_DURATION_S   seconds of load per route and connection count (default 10)
 *   BENCH_DIAG_CONNECTIONS  connection counts, comma-separated (default 10,50)
 *   BENCH_DIAG_WARMUP_S     seconds of unrecorded load per route before the first (default 2)
 *   BENCH_DIAG_RUNS         runs the calls belong to (default 500)
 *   BENCH_DIAG_BATCH        calls per save() (default 1000)
 *   BENCH_DIAG_SERVE_NODE_FLAGS  flags for the server's node, space-separated (e.g. `--cpu-prof
 *     --cpu-prof-dir=/tmp/pulse-prof` for a profile of the server, written when it stops)
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';

import autocannon from 'autocannon';
import { Redis } from 'ioredis';

import { callKeys } from '../src/diagnostics/call-store/call-keys.js';
import { toStoredCall } from '../src/diagnostics/call-store/call-facts.js';
import { createCallStore, type CallFilter } from '../src/diagnostics/call-store/call-store.js';
import { summarizeCalls } from '../src/diagnostics/call-store/call-summary.js';
import type { StoredCall } from '../src/diagnostics/call-store/stored-call.js';
import {
  explainingFailure,
  failuresOfCall,
  loadPlaybooks,
  matchPlaybook,
} from '../src/diagnostics/playbooks/index.js';
import { startServeProcess, type ServeProcess } from '../test/support/serve-process.js';
import {
  CALL_SHAPES,
  FAILED_SHAPE_CODES,
  REQUEST_BODY_BOUND,
  RESPONSE_BODY_BOUND,
  weekOfCalls,
} from './support/diagnostic-calls.js';
import {
  cpuSeconds,
  deleteBenchKeys,
  repoRoot,
  residentMemory,
  resetPeakMemory,
} from './support/processes.js';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name}: expected a number, got ${process.env[name]}`);
  return value;
};
const CALLS = Number(process.argv[2] ?? envNumber('BENCH_DIAG_CALLS', 100_000));
const RUNS = envNumber('BENCH_DIAG_RUNS', 500);
const BATCH = Math.max(1, envNumber('BENCH_DIAG_BATCH', 1000));
const DURATION_S = envNumber('BENCH_DIAG_DURATION_S', 10);
const WARMUP_S = envNumber('BENCH_DIAG_WARMUP_S', 2);
const CONNECTIONS = (process.env['BENCH_DIAG_CONNECTIONS'] ?? '10,50')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const ORG = 'bench';
const API = '/api/v1/diagnostics';
const HOUR_MS = 3600_000;
const KEEP_MS = 7 * 24 * HOUR_MS;
const MiB = 1048576;
const LIMIT = 50;
const DEEP_PAGES = 20;
const SIGNING_KEY = 'pulse-bench-diagnostics-signing-key-0123456789';

const prefix = `pulse-bench-diag-${process.pid}:`;
const raw = new Redis(REDIS_URL);
const redis = new Redis(REDIS_URL, { keyPrefix: prefix });
const keys = callKeys(ORG);
let serve: ServeProcess | undefined;
/** Redis's pid when it runs on this machine (its CPU is shown beside the server's), else undefined. */
const redisPid = await raw
  .info('server')
  .then((text) => Number(/process_id:(\d+)/.exec(text)?.[1] ?? 0))
  .then((pid) => (pid > 0 && existsSync(`/proc/${pid}/stat`) ? pid : undefined));
const redisCpu = (): number | undefined => (redisPid === undefined ? undefined : cpuSeconds(redisPid));
const usedMemory = async (): Promise<number> =>
  Number(/used_memory:(\d+)/.exec(await raw.info('memory'))?.[1] ?? 0);

const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
/** autocannon's latencies are whole milliseconds. */
const ms = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const percent = (cores: number | undefined): string =>
  cores === undefined ? '?' : `${(cores * 100).toFixed(0)}%`;
const load1 = (): string => (loadavg()[0] ?? 0).toFixed(1);
const mib = (bytes: number): string => (bytes / MiB).toFixed(0);
const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

interface Filled {
  readonly ids: string[];
  readonly shapes: Uint8Array;
  readonly failedIds: string[];
  readonly from: Date;
  readonly to: Date;
}

/** A week of calls, saved a batch at a time as the recorder saves them. */
async function fill(): Promise<Filled> {
  const now = Date.now();
  // 166 whole hours and this one so far: every call is in the 168 hours a summary reads, with an
  // hour to spare before the oldest leaves it.
  const from = new Date(Math.floor(now / HOUR_MS) * HOUR_MS - 166 * HOUR_MS);
  const to = new Date(now - 60_000);
  const store = createCallStore(redis, SIGNING_KEY, KEEP_MS);
  const ids: string[] = [];
  const shapes = new Uint8Array(CALLS);
  const failedIds: string[] = [];
  let batch: StoredCall[] = [];
  let saveSeconds = 0;
  const started = process.hrtime.bigint();
  const save = async (): Promise<void> => {
    const at = process.hrtime.bigint();
    await store.save(batch);
    saveSeconds += seconds(at);
    batch = [];
  };
  for (const { record, shape } of weekOfCalls({ org: ORG, calls: CALLS, runs: RUNS, from, to })) {
    const call = toStoredCall(record);
    shapes[ids.length] = CALL_SHAPES.indexOf(shape);
    ids.push(call.id);
    if (call.failed) failedIds.push(call.id);
    batch.push(call);
    if (batch.length >= BATCH) await save();
  }
  if (batch.length > 0) await save();
  const total = seconds(started);
  console.log(
    `filled ${count(CALLS)} calls (${count(failedIds.length)} failed) in ${total.toFixed(1)} s: save() ${saveSeconds.toFixed(1)} s ` +
      `(${count(CALLS / saveSeconds)} calls/s, batches of ${count(BATCH)}), generating and toStoredCall ${(total - saveSeconds).toFixed(1)} s; ` +
      `${from.toISOString()} to ${to.toISOString()}`,
  );
  return { ids, shapes, failedIds, from, to };
}

/** Runs `command` for every key in pipelines of 1,000; answers the replies in order. */
async function perKey(fullKeys: readonly string[], command: (key: string) => string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let i = 0; i < fullKeys.length; i += 1000) {
    const pipeline = raw.pipeline();
    for (const key of fullKeys.slice(i, i + 1000)) {
      const [name = '', ...args] = command(key);
      pipeline.call(name, ...args);
    }
    for (const [error, value] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      out.push(value);
    }
  }
  return out;
}

/** Redis bytes per stored call: the org's counter, every call key's size, every other key's. */
async function measureMemory(filled: Filled, usedBefore: number, usedAfter: number): Promise<void> {
  const { ids, shapes } = filled;
  const counter = Number((await redis.get(keys.bytes)) ?? 0);
  const callKeyNames = ids.map((id) => `${prefix}${keys.call(id)}`);
  const lengths = (await perKey(callKeyNames, (key) => ['STRLEN', key])).map(Number);
  const usages = (await perKey(callKeyNames, (key) => ['MEMORY', 'USAGE', key])).map(Number);
  const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
  const valueBytes = sum(lengths);
  const callMemory = sum(usages);

  // Every other key of the prefix, by what it is.
  const callPrefix = `${prefix}${keys.call('')}`;
  const others: string[] = [];
  let seen = 0;
  let cursor = '0';
  do {
    const [next, found] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 2000);
    cursor = next;
    for (const key of found) {
      seen += 1;
      if (!key.startsWith(callPrefix)) others.push(key);
    }
  } while (cursor !== '0');
  const otherUsage = (await perKey(others, (key) => ['MEMORY', 'USAGE', key, 'SAMPLES', '0'])).map(Number);
  const groupOf = (key: string): string => {
    const name = key.slice(prefix.length);
    if (name === keys.all) return '`all` (every call, sorted set)';
    if (name === keys.failed) return '`failed` (sorted set)';
    if (name === keys.indexes) return '`indexes` (set of index keys)';
    if (name === keys.bytes) return '`bytes` (counter)';
    if (name.startsWith(`${keys.failed}:code:`)) return '`failed:code:*` indexes';
    if (name.startsWith(`${keys.failed}:class:`)) return '`failed:class:*` indexes';
    if (name.startsWith(`${keys.failed}:sobject:`)) return '`failed:sobject:*` indexes';
    if (name.startsWith(`${keys.failed}:run:`)) return '`failed:run:*` indexes';
    if (name.startsWith(`${keys.failed}:job:`)) return '`failed:job:*` indexes';
    if (name.startsWith(`diag:{${ORG}}:line:`)) return '`line:*` listing lines of failed calls (strings)';
    if (name.startsWith(`diag:{${ORG}}:hour:`)) return '`hour:*` summary counters (hashes)';
    if (name === `diag:{${ORG}}:usage`) return '`usage` (hash)';
    if (name === 'diag:call-orgs') return '`diag:call-orgs` (call id -> org, hash)';
    return name;
  };
  const groups = new Map<string, { keys: number; bytes: number }>();
  others.forEach((key, i) => {
    const group = groupOf(key);
    const entry = groups.get(group) ?? { keys: 0, bytes: 0 };
    groups.set(group, { keys: entry.keys + 1, bytes: entry.bytes + (otherUsage[i] ?? 0) });
  });
  const indexMemory = sum(otherUsage);
  const n = ids.length;

  console.log(
    `\nRedis memory (${count(seen)} keys under ${prefix}, ${count(others.length)} of them not calls):`,
  );
  console.log(
    `  byte counter diag:{${ORG}}:bytes ${count(counter)} = ${count(counter / n)} per call; STRLEN of the call keys ` +
      `${count(valueBytes)} = ${count(valueBytes / n)} per call (the counter also counts the failed calls' listing lines)`,
  );
  console.log(
    `  MEMORY USAGE of every call key: ${mib(callMemory)} MiB = ${count(callMemory / n)} per call ` +
      `(${((callMemory / valueBytes - 1) * 100).toFixed(1)}% over the value bytes: key, allocator size classes)`,
  );
  console.log('\n| keys | count | MEMORY USAGE | per stored call |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| \`call:*\` (one signed call each, string) | ${count(n)} | ${mib(callMemory)} MiB | ${count(callMemory / n)} B |`,
  );
  for (const [group, entry] of [...groups].sort(([, a], [, b]) => b.bytes - a.bytes))
    console.log(
      `| ${group} | ${count(entry.keys)} | ${(entry.bytes / MiB).toFixed(2)} MiB | ${(entry.bytes / n).toFixed(1)} B |`,
    );
  console.log(
    `| **total** | ${count(n + others.length)} | ${mib(callMemory + indexMemory)} MiB | **${count((callMemory + indexMemory) / n)} B** |`,
  );
  console.log(
    `\nINFO used_memory: ${mib(usedBefore)} MiB before the fill, ${mib(usedAfter)} MiB after: ` +
      `+${mib(usedAfter - usedBefore)} MiB = ${count((usedAfter - usedBefore) / n)} per call (a shared Redis: others' keys come and go in it)`,
  );

  console.log('\n| call shape | calls | share | mean value (STRLEN) | mean MEMORY USAGE |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  CALL_SHAPES.forEach((shape, index) => {
    let calls = 0;
    let bytes = 0;
    let memory = 0;
    for (let i = 0; i < n; i += 1) {
      if (shapes[i] !== index) continue;
      calls += 1;
      bytes += lengths[i] ?? 0;
      memory += usages[i] ?? 0;
    }
    const code = FAILED_SHAPE_CODES[shape];
    if (calls > 0)
      console.log(
        `| ${shape}${code ? ` (${code})` : ''} | ${count(calls)} | ${((100 * calls) / n).toFixed(1)}% | ${kb(bytes / calls)} | ${kb(memory / calls)} |`,
      );
  });
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
  readonly loadAverage: string;
}

async function get(path: string): Promise<{ status: number; text: string }> {
  if (!serve) throw new Error('pulse serve is not running');
  const response = await fetch(`${serve.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${serve.token}` },
  });
  return { status: response.status, text: await response.text() };
}

/** One request before the load, to see the route answers what it should. */
async function checkRoute(
  path: string,
  check: (body: Record<string, unknown>) => string | undefined,
): Promise<Record<string, unknown>> {
  const { status, text } = await get(path);
  const body = status === 200 ? (JSON.parse(text) as Record<string, unknown>) : {};
  const problem = status === 200 ? check(body) : `answered ${status}: ${text.slice(0, 500)}`;
  if (problem) throw new Error(`GET ${path} ${problem}`);
  console.log(
    `  GET ${path.length > 110 ? `${path.slice(0, 110)}...` : path}: 200, ${count(Buffer.byteLength(text))} bytes`,
  );
  return body;
}

interface Line {
  readonly id: string;
  readonly startedAt: string;
  readonly errorCodes: string[];
  readonly errorClass: string | null;
  readonly sObject: string | null;
  readonly playbook: { id: string } | null;
}

/**
 * A page of the listing: `every` holds for every line, each has a playbook; the page is full with a
 * next cursor, or (`maybeLast`) it may be the last, shorter one.
 */
const pageCheck =
  (every: (line: Line) => boolean, maybeLast = false) =>
  (body: Record<string, unknown>): string | undefined => {
    const lines = body['calls'] as Line[] | undefined;
    const last = typeof body['nextCursor'] !== 'string';
    if (
      !lines ||
      lines.length === 0 ||
      lines.length > LIMIT ||
      (!maybeLast && (lines.length < LIMIT || last))
    )
      return `answered ${lines?.length ?? 'no'} calls (a full page is ${LIMIT}), ${last ? 'no' : 'a'} next cursor`;
    const wrong = lines.find((line) => !every(line) || line.playbook === null);
    return wrong ? `answered a call it should not have: ${JSON.stringify(wrong)}` : undefined;
  };

async function load(route: Route, connections: number, duration: number): Promise<autocannon.Result> {
  if (!serve) throw new Error('pulse serve is not running');
  let next = 0;
  return autocannon({
    url: serve.baseUrl,
    connections,
    duration,
    // A saturated server answers late rather than not at all: a request counts as lost after 60 s.
    timeout: 60,
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

/**
 * What one listing costs before any HTTP: listFailed on a client that counts what it reads
 * (ZRANGE rounds, lines fetched by MGET and their bytes), then the route's per-line work (the
 * line's best playbook). Medians of 5.
 */
async function anatomy(label: string, filter: CallFilter, cursor?: string): Promise<void> {
  const stats = { zrange: 0, mgetKeys: 0, mgetBytes: 0 };
  const counting = new Proxy(redis, {
    get(target, property) {
      if (property === 'zrange')
        return (...args: Parameters<Redis['zrange']>) => {
          stats.zrange += 1;
          return target.zrange(...args);
        };
      if (property === 'mget')
        return async (...args: (string | string[])[]) => {
          const names = args.flat();
          const values = await target.mget(names);
          stats.mgetKeys += names.length;
          for (const value of values) stats.mgetBytes += value === null ? 0 : Buffer.byteLength(value);
          return values;
        };
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  const store = createCallStore(counting, SIGNING_KEY, KEEP_MS);
  const playbooks = loadPlaybooks({ packageRoot: repoRoot });
  const storeTimes: number[] = [];
  const playbookTimes: number[] = [];
  let returned = 0;
  let recordErrors = 0;
  let more = false;
  for (let i = 0; i < 5; i += 1) {
    stats.zrange = 0;
    stats.mgetKeys = 0;
    stats.mgetBytes = 0;
    let at = process.hrtime.bigint();
    const page = await store.listFailed(ORG, filter, LIMIT, cursor);
    storeTimes.push(seconds(at) * 1000);
    // As the route's lineOf: the line's explaining failure (kept with it), its best playbook.
    at = process.hrtime.bigint();
    for (const line of page.lines) if (line.failure) matchPlaybook(playbooks, line.failure);
    playbookTimes.push(seconds(at) * 1000);
    returned = page.lines.length;
    more = page.nextCursor !== undefined;
    recordErrors = page.lines.reduce((sum, line) => sum + line.recordErrors, 0);
  }
  console.log(
    `  ${label}: listFailed ${median(storeTimes).toFixed(1)} ms (${stats.zrange} ZRANGE, MGET of ${stats.mgetKeys} lines = ` +
      `${kb(stats.mgetBytes)}, ${returned} returned with ${recordErrors} record errors, ${more ? 'a' : 'no'} next cursor); ` +
      `matchPlaybook ${median(playbookTimes).toFixed(1)} ms for the page`,
  );
}

/** What `GET /calls/:callId` does for `ids` before any HTTP: get, failures and playbook, attempts. */
async function anatomyOfCalls(ids: readonly string[]): Promise<void> {
  const store = createCallStore(redis, SIGNING_KEY, KEEP_MS);
  const playbooks = loadPlaybooks({ packageRoot: repoRoot });
  const times = { get: 0, failures: 0, playbook: 0, attempts: 0, bytes: 0 };
  for (const id of ids) {
    let at = process.hrtime.bigint();
    const found = await store.get(id);
    times.get += seconds(at);
    if (!found) throw new Error(`call ${id} is not in the store`);
    times.bytes += Buffer.byteLength(JSON.stringify(found.call));
    // As the route: every failure with its playbook, then the explaining one's again.
    at = process.hrtime.bigint();
    const failures = failuresOfCall(found.call);
    const explaining = explainingFailure(failures);
    times.failures += seconds(at);
    at = process.hrtime.bigint();
    for (const failure of failures) matchPlaybook(playbooks, failure);
    if (explaining) matchPlaybook(playbooks, explaining);
    times.playbook += seconds(at);
    at = process.hrtime.bigint();
    if (found.call.jobId) await store.listFailed(ORG, { jobId: found.call.jobId }, 50);
    times.attempts += seconds(at);
  }
  const each = (total: number): string => ((total * 1000) / ids.length).toFixed(2);
  console.log(
    `  calls/:callId over ${count(ids.length)} failed calls, mean per call: get ${each(times.get)} ms (${kb(times.bytes / ids.length)}), ` +
      `failuresOfCall ${each(times.failures)} ms, matchPlaybook ${each(times.playbook)} ms, the job's attempts (listFailed) ${each(times.attempts)} ms`,
  );
}

/** Waits until the server has finished what a load left in hand (under 5% of a core for 1 s). */
async function waitIdle(pid: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const before = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    if (cpuSeconds(pid) - before < 0.05 || Date.now() > deadline) return;
  }
}

try {
  console.log(
    `${count(CALLS)} calls over 7 days in ${RUNS} runs, answers bounded at ${RESPONSE_BODY_BOUND / 1024} KiB and requests at ` +
      `${REQUEST_BODY_BOUND / 1024} KiB; ${DURATION_S} s per case at ${CONNECTIONS.join(' and ')} connections; ` +
      `Node ${process.version}; load average ${load1()}; Redis prefix ${prefix}`,
  );
  const usedBefore = await usedMemory();
  const filled = await fill();
  const usedAfter = await usedMemory();
  await measureMemory(filled, usedBefore, usedAfter);
  console.log('');

  for (const hours of [24, 168]) {
    const times: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      const at = process.hrtime.bigint();
      await summarizeCalls(redis, ORG, hours);
      times.push(seconds(at) * 1000);
    }
    console.log(
      `summarizeCalls(${hours} hours) in this process: median ${median(times).toFixed(1)} ms of 11`,
    );
  }

  serve = await startServeProcess({
    settings: {
      redis: { url: REDIS_URL, keyPrefix: prefix },
      log: { level: 'error', format: 'json' },
      diagnostics: { signingKey: SIGNING_KEY, maxCalls: 200_000, maxMiB: 4096 },
    },
    orgs: {
      [ORG]: {
        loginUrl: `https://${ORG}.my.salesforce.com`,
        authFlow: 'client_credentials',
        clientId: 'bench-client-id',
        clientSecret: 'bench-client-secret-never-used',
      },
    },
    nodeFlags: (process.env['BENCH_DIAG_SERVE_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
  });
  const idleRss = residentMemory(serve.pid).rss;
  console.log(`\npulse serve (pid ${serve.pid}) on ${serve.baseUrl}, RSS ${mib(idleRss)} MiB`);

  const calls = `${API}/orgs/${ORG}/calls`;
  const windowFrom = new Date(filled.from.getTime() + 83 * HOUR_MS);
  const windowTo = new Date(windowFrom.getTime() + HOUR_MS);
  const window = `from=${windowFrom.toISOString()}&to=${windowTo.toISOString()}`;
  const newest = await checkRoute(
    `${calls}?limit=${LIMIT}`,
    pageCheck(() => true),
  );
  await checkRoute(
    `${calls}?errorCode=UNABLE_TO_LOCK_ROW&limit=${LIMIT}`,
    pageCheck((line) => line.errorCodes.includes('UNABLE_TO_LOCK_ROW')),
  );
  await checkRoute(
    `${calls}?sObject=Case&errorClass=transient&limit=${LIMIT}`,
    pageCheck((line) => line.sObject === 'Case' && line.errorClass === 'transient'),
  );
  await checkRoute(
    `${calls}?${window}&limit=${LIMIT}`,
    pageCheck(
      (line) =>
        Date.parse(line.startedAt) >= windowFrom.getTime() &&
        Date.parse(line.startedAt) <= windowTo.getTime(),
      true,
    ),
  );
  // The deep page: DEEP_PAGES cursors followed from the newest.
  let deepCursor = String(newest['nextCursor']);
  for (let page = 2; page <= DEEP_PAGES; page += 1) {
    const { text } = await get(`${calls}?limit=${LIMIT}&cursor=${deepCursor}`);
    deepCursor = String((JSON.parse(text) as { nextCursor: unknown }).nextCursor);
  }
  const newestLines = newest['calls'] as Line[];
  const deepAfter = filled.failedIds.length - 1 - DEEP_PAGES * LIMIT;
  await checkRoute(
    `${calls}?limit=${LIMIT}&cursor=${deepCursor}`,
    pageCheck(
      (line) =>
        Date.parse(line.startedAt) < Date.parse(newestLines.at(-1)?.startedAt ?? '') &&
        filled.failedIds.indexOf(line.id) <= deepAfter,
    ),
  );
  const someFailed = filled.failedIds[Math.floor(filled.failedIds.length / 2)] ?? '';
  await checkRoute(`${API}/calls/${someFailed}`, (body) => {
    const call = body['call'] as { id?: string } | undefined;
    const failures = body['failures'] as unknown[] | undefined;
    return call?.id === someFailed &&
      body['intact'] === true &&
      (failures?.length ?? 0) > 0 &&
      body['playbook']
      ? undefined
      : `answered an unexpected body: ${JSON.stringify(body).slice(0, 500)}`;
  });
  for (const hours of [24, 168])
    await checkRoute(`${API}/orgs/${ORG}/summary?hours=${hours}`, (body) => {
      const all = Number(body['calls']);
      const failed = Number(body['failed']);
      const expected = hours === 168 ? all === CALLS && failed === filled.failedIds.length : all > 0;
      return expected
        ? undefined
        : `answered ${all} calls and ${failed} failed: ${JSON.stringify(body).slice(0, 500)}`;
    });

  console.log('\nIn this process, before any HTTP (what each listing reads):');
  await anatomy('no filter', {});
  await anatomy('errorCode=UNABLE_TO_LOCK_ROW', { errorCode: 'UNABLE_TO_LOCK_ROW' });
  await anatomy('sObject=Case&errorClass=transient', { sObject: 'Case', errorClass: 'transient' });
  await anatomy('one hour', { from: windowFrom, to: windowTo });
  await anatomy(`page ${DEEP_PAGES + 1}`, {}, deepCursor);
  // Not loaded below: a post-filter few calls of the index pass, and one none pass.
  await anatomy('sObject=Account&errorClass=auth (sparse post-filter)', {
    sObject: 'Account',
    errorClass: 'auth',
  });
  await anatomy('sObject=Account&errorClass=config (no call matches)', {
    sObject: 'Account',
    errorClass: 'config',
  });
  await anatomyOfCalls(filled.failedIds.filter((_, i) => i % 50 === 0));

  const routes: Route[] = [
    { label: 'calls (no filter)', paths: [`${calls}?limit=${LIMIT}`] },
    {
      label: 'calls?errorCode=UNABLE_TO_LOCK_ROW',
      paths: [`${calls}?errorCode=UNABLE_TO_LOCK_ROW&limit=${LIMIT}`],
    },
    {
      label: 'calls?sObject=Case&errorClass=transient',
      paths: [`${calls}?sObject=Case&errorClass=transient&limit=${LIMIT}`],
    },
    { label: 'calls?from=&to= (one hour)', paths: [`${calls}?${window}&limit=${LIMIT}`] },
    {
      label: `calls?cursor= (page ${DEEP_PAGES + 1})`,
      paths: [`${calls}?limit=${LIMIT}&cursor=${deepCursor}`],
    },
    { label: 'calls/:callId (failed calls)', paths: filled.failedIds.map((id) => `${API}/calls/${id}`) },
    { label: 'summary?hours=24', paths: [`${API}/orgs/${ORG}/summary?hours=24`] },
    { label: 'summary?hours=168', paths: [`${API}/orgs/${ORG}/summary?hours=168`] },
  ];
  const rows: Row[] = [];
  let servePeakRss = residentMemory(serve.pid).peak;
  console.log('');
  for (const route of routes) {
    if (WARMUP_S > 0) await load(route, CONNECTIONS[0] ?? 10, WARMUP_S);
    for (const connections of CONNECTIONS) {
      // Requests a load left in hand (autocannon stops at its duration) would slow the next.
      await waitIdle(serve.pid);
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
          `p99 ${ms(latency.p99)}, max ${ms(latency.max)}; ${count(result.requests.average)} requests/s ` +
          `(${count(result.requests.total)} in ${result.duration.toFixed(1)} s, ${kb(result.throughput.average / Math.max(1, result.requests.average))} each); ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}; serve CPU ${percent(row.serveCpu)}, ` +
          `autocannon CPU ${percent(row.benchCpu)}, Redis CPU ${percent(row.redisCpu)}, ` +
          `serve peak RSS ${mib(row.servePeakRss)} MiB; load average ${row.loadAverage}`,
      );
    }
  }

  const endRss = residentMemory(serve.pid).rss;
  console.log(
    `\npulse serve: RSS ${mib(idleRss)} MiB before the load, ${mib(endRss)} MiB after; peak (VmHWM) ${mib(servePeakRss)} MiB`,
  );
  const cpuPerRequest = (row: Row): string =>
    ((row.serveCpu * 1000) / (row.result.requests.total / row.result.duration)).toFixed(2);
  console.log(
    '\n| route | connections | p50 | p90 | p99 | max | requests/s | non-2xx | serve CPU (per request) | Redis CPU | serve peak RSS |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    const { latency } = row.result;
    console.log(
      `| \`${row.route}\` | ${row.connections} | ${ms(latency.p50)} ms | ${ms(latency.p90)} ms | ${ms(latency.p99)} ms | ` +
        `${ms(latency.max)} ms | ${count(row.result.requests.average)} | ${row.result.non2xx} | ` +
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
  const started = process.hrtime.bigint();
  await deleteBenchKeys(raw, prefix);
  console.log(`\nthe bench's keys deleted in ${seconds(started).toFixed(1)} s`);
  redis.disconnect();
  await raw.quit();
}
