/**
 * A Pulse sync against the plain-jsforce script a user would otherwise write (query everything
 * with paging, score, update every account in collections of 200, every time), on the same
 * emulated org with 50 ms latency per call: API calls, wall time, records/s and peak RSS, for a
 * first run and for a rerun after 1% of cases changed.
 * Usage: node --expose-gc --import tsx bench/sync.bench.ts [accounts]   (default 5000)
 */
import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import jsforce from 'jsforce';

import { FieldMapping, OrgConfig } from '../src/config/index.js';
import { evaluateAccount } from '../src/health/index.js';
import { createLogger } from '../src/logging/logger.js';
import { loadHealthModel } from '../src/main/load-health-model.js';
import { createRedactor } from '../src/redaction/redactor.js';
import { createSalesforceClient } from '../src/salesforce/salesforce-client.js';
import { createRunStore } from '../src/sync/run-store.js';
import { runSync } from '../src/sync/run-sync.js';
import { toHealthSnapshot } from '../src/sync/score/to-health-snapshot.js';
import { createSnapshotStore } from '../src/sync/snapshot/snapshot-store.js';
import { writtenValues } from '../src/sync/write/written-values.js';
import { deleteBenchKeys, repoRoot, startEmulatorProcess } from './support/processes.js';

const root = repoRoot;
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const accounts = Number(process.argv[2] ?? 5000);
const model = loadHealthModel({ cwd: root });
const mapping = FieldMapping.parse({});
const logger = createLogger({ level: 'error', format: 'json', redactor: createRedactor() });

const { child, info } = await startEmulatorProcess([
  '--accounts',
  String(accounts),
  '--latency-ms',
  '50',
  '--api-limit',
  '100000000',
  '--test-endpoints',
]);
const url = info['loginUrl'] ?? '';
const control = async (method: string, route: string, body?: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(`${url}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return (await response.json()) as Record<string, unknown>;
};
const apiUsed = async (): Promise<number> =>
  ((await control('GET', 'calls'))['apiUsage'] as { used: number }).used;

async function measure(label: string, work: () => Promise<{ records: number; note: string }>): Promise<void> {
  globalThis.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const callsBefore = await apiUsed();
  const started = process.hrtime.bigint();
  const { records, note } = await work();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const calls = (await apiUsed()) - callsBefore;
  console.log(
    `${label.padEnd(34)} ${String(calls).padStart(6)} API calls  ${seconds.toFixed(1).padStart(6)} s  ${Math.round(
      records / seconds,
    )
      .toLocaleString('en-US')
      .padStart(8)} records/s  peak RSS ${(peak / 1048576).toFixed(0)} MiB  ${note}`,
  );
}

// Pulse.
const prefix = `pulse-bench:${randomUUID()}:`;
const redis = new Redis(REDIS_URL, { keyPrefix: prefix });
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
const client = await createSalesforceClient({
  orgName: 'bench',
  org,
  redis,
  limiterRedis: new Redis(REDIS_URL),
  keyPrefix: prefix,
  recorder: { record: () => undefined },
  redactor: createRedactor(),
  logger,
});
const deps = {
  orgName: 'bench',
  org,
  client,
  store: createSnapshotStore(redis, 'bench', { ignoredFields: [mapping.updatedAt] }),
  runs: createRunStore(redis, 'bench'),
  redis,
  model,
  mapping,
  logger,
  apiCalls: () => 0,
};
const settings = {
  commitLagMs: 120_000,
  overlapMs: 300_000,
  pageSize: 2000,
  deletedRetentionMs: 15 * 86_400_000,
};
console.log(`${accounts.toLocaleString('en-US')} accounts, 50 ms latency per call, Node ${process.version}`);
await control('POST', 'clock/advance', { ms: 180_000 });
await measure('Pulse, first run', async () => {
  const report = await runSync(deps, settings);
  const records = Object.values(report.pulled).reduce((sum, n) => sum + n, 0);
  return { records, note: `(written ${report.written}, unchanged ${report.unchanged})` };
});
await control('POST', 'changes/Case', { percent: 1 });
await control('POST', 'clock/advance', { ms: 180_000 });
await measure('Pulse, rerun after 1% of cases', async () => {
  const report = await runSync(deps, settings);
  const records = Object.values(report.pulled).reduce((sum, n) => sum + n, 0);
  return { records, note: `(written ${report.written}, unchanged ${report.unchanged})` };
});
await client.close();

// The plain-jsforce script: everything, every time.
async function plainScript(): Promise<{ records: number; note: string }> {
  const conn = new jsforce.Connection({
    version: '64.0',
    oauth2: { loginUrl: url, clientId: info['clientId'] ?? '', clientSecret: info['clientSecret'] ?? '' },
  });
  await conn.loginByOAuth2(info['username'] ?? '', info['password'] ?? '');
  const readAll = async (soql: string): Promise<Record<string, unknown>[]> => {
    let page = await conn.query<Record<string, unknown>>(soql, { autoFetch: false });
    const rows = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
      page = await conn.queryMore<Record<string, unknown>>(page.nextRecordsUrl);
      rows.push(...page.records);
    }
    return rows;
  };
  const accountRows = await readAll(
    `SELECT Id, Name, Type, AnnualRevenue, OwnerId, CreatedDate, LastActivityDate, ${mapping.override} FROM Account`,
  );
  const opportunities = await readAll(
    'SELECT Id, AccountId, StageName, IsClosed, IsWon, CloseDate, Amount, Probability, Type FROM Opportunity',
  );
  const cases = await readAll(
    'SELECT Id, AccountId, Priority, Status, IsClosed, IsEscalated, CreatedDate, ClosedDate FROM Case',
  );
  const now = new Date();
  const updates = accountRows.map((account) => {
    const result = evaluateAccount(
      toHealthSnapshot(
        {
          account,
          opportunities: opportunities.filter((o) => o['AccountId'] === account['Id']),
          cases: cases.filter((c) => c['AccountId'] === account['Id']),
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
  for (let i = 0; i < updates.length; i += 200) {
    await conn.sobject('Account').update(updates.slice(i, i + 200) as never[], { allOrNone: false });
  }
  return {
    records: accountRows.length + opportunities.length + cases.length,
    note: `(written ${updates.length})`,
  };
}
await measure('plain jsforce, first run', plainScript);
await control('POST', 'changes/Case', { percent: 1 });
await measure('plain jsforce, rerun after 1% of cases', plainScript);

const raw = new Redis(REDIS_URL);
await deleteBenchKeys(raw, prefix);
await raw.quit();
await redis.quit();
child.kill('SIGTERM');
