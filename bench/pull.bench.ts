/**
 * The pull's memory must not grow with the org: pulls a generated org of 5,000 and of 50,000
 * accounts (the emulator in its own process) into a Redis snapshot, and prints records/s, this
 * process's peak RSS, and API calls per object against the minimum (pages + the fixed calls).
 * Usage: npx tsx bench/pull.bench.ts [accounts...]   (default: 5000 50000)
 */
import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';

import { FieldMapping, OrgConfig } from '../src/config/index.js';
import { createLogger } from '../src/logging/logger.js';
import { loadHealthModel } from '../src/main/load-health-model.js';
import { createRedactor } from '../src/redaction/redactor.js';
import { createSalesforceClient } from '../src/salesforce/salesforce-client.js';
import type { CallRecord } from '../src/salesforce/transport/call-record.js';
import { reconcile } from '../src/sync/pull/reconcile.js';
import { runPull } from '../src/sync/pull/run-pull.js';
import { createSnapshotStore } from '../src/sync/snapshot/snapshot-store.js';
import { deleteBenchKeys, repoRoot, startEmulatorProcess } from './support/processes.js';

const root = repoRoot;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PAGE_SIZE = 2000;
const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);

async function pullOnce(accounts: number): Promise<void> {
  const { child, info } = await startEmulatorProcess([
    '--accounts',
    String(accounts),
    '--api-limit',
    '10000000',
  ]);
  const prefix = `pulse-bench:${randomUUID()}:`;
  const redis = new Redis(REDIS_URL, { keyPrefix: prefix });
  const raw = new Redis(REDIS_URL);
  const calls: CallRecord[] = [];
  const logger = createLogger({ level: 'error', format: 'json', redactor: createRedactor() });
  const org = OrgConfig.parse({
    loginUrl: info['loginUrl'],
    authFlow: 'password',
    clientId: info['clientId'],
    clientSecret: info['clientSecret'],
    username: info['username'],
    password: info['password'],
  });
  const client = await createSalesforceClient({
    orgName: 'bench',
    org,
    redis,
    limiterRedis: new Redis(REDIS_URL),
    keyPrefix: prefix,
    recorder: {
      record: (call) => calls.push({ ...call, responseBody: '', requestHeaders: {}, responseHeaders: {} }),
    },
    redactor: createRedactor(),
    logger,
  });
  const store = createSnapshotStore(redis, 'bench');
  const model = loadHealthModel({ cwd: root });
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const started = process.hrtime.bigint();
  const summary = await runPull(
    { client, store, mapping: FieldMapping.parse({}), model, logger },
    { commitLagMs: 0, overlapMs: 5 * 60_000, pageSize: PAGE_SIZE, deletedRetentionMs: 15 * 86_400_000 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const windowEnd = new Date((await store.readCheckpoint('Case'))?.to ?? Date.now());
  const drift = (await reconcile({ client, store }, windowEnd)).filter((entry) => entry.drift);
  clearInterval(sampler);
  const records = summary.reduce((sum, entry) => sum + entry.records, 0);
  console.log(
    `${accounts.toLocaleString('en-US')} accounts: ${records.toLocaleString('en-US')} records in ${seconds.toFixed(1)} s (${Math.round(records / seconds).toLocaleString('en-US')} records/s); ` +
      `peak RSS ${(peakRss / 1048576).toFixed(0)} MiB (${((peakRss - rssBefore) / 1048576).toFixed(0)} MiB above the start); drift: ${drift.length === 0 ? 'none' : drift.map((d) => d.object).join(', ')}`,
  );
  const objectOf = (call: CallRecord): string =>
    /FROM\+?%20?(\w+)|FROM\s+(\w+)/i
      .exec(decodeURIComponent(call.query.replace(/\+/g, ' ')))
      ?.slice(1)
      .find(Boolean) ?? '';
  for (const entry of summary) {
    const api = calls.filter((call) => call.kind === 'api');
    const pages = api.filter(
      (call) =>
        /\/query(All)?$/.test(call.path) &&
        objectOf(call) === entry.object &&
        !/COUNT\(\)/.test(decodeURIComponent(call.query)),
    ).length;
    const describes = api.filter((call) => call.path.endsWith(`/sobjects/${entry.object}/describe`)).length;
    const counts = api.filter(
      (call) =>
        objectOf(call) === entry.object &&
        /COUNT\(\)/.test(decodeURIComponent(call.query.replace(/\+/g, ' '))),
    ).length;
    const minimumPages = Math.floor(entry.records / PAGE_SIZE) + 1;
    console.log(
      `  ${entry.object.padEnd(12)} ${entry.records.toLocaleString('en-US').padStart(8)} records: ${pages} pages (minimum ${minimumPages}), ${describes} describe, ${counts} COUNT()`,
    );
  }
  const fixed = calls.filter((call) => call.kind === 'token').length;
  const serverTime = calls.filter((call) => call.kind === 'api' && call.path === '/services/data/').length;
  console.log(
    `  fixed: ${fixed} token call, ${serverTime} server-time calls (not counted by Salesforce); all API calls: ${calls.filter((c) => c.kind === 'api').length}`,
  );
  await client.close();
  await deleteBenchKeys(raw, prefix);
  await redis.quit();
  await raw.quit();
  child.kill('SIGTERM');
}

for (const accounts of sizes.length > 0 ? sizes : [5000, 50000]) await pullOnce(accounts);
