/**
 * The API in-process on a random port, over two orgs (`acme`, `beta`) in real Redis, with a
 * finished run each, a run under way, a failing record, an account with its cases and score
 * history, and one token per kind of caller. `apiTest` gives a test file one such app.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { hasFlag } from '@ioredis/commands';
import type { Redis } from 'ioredis';

import { Config, OrgConfig } from '../../src/config/index.js';
import { createAuditLog } from '../../src/http/audit-log.js';
import { createApp } from '../../src/http/create-app.js';
import type { HttpDeps } from '../../src/http/http-deps.js';
import { createOrgAccess } from '../../src/http/org-access.js';
import { createLogger } from '../../src/logging/logger.js';
import { loadHealthModel } from '../../src/main/load-health-model.js';
import { toStoredCall } from '../../src/diagnostics/call-store/call-facts.js';
import { createCallStore, type CallStore } from '../../src/diagnostics/call-store/call-store.js';
import { summarizeCalls } from '../../src/diagnostics/call-store/call-summary.js';
import { loadPlaybooks } from '../../src/diagnostics/playbooks/index.js';
import { replayCall } from '../../src/diagnostics/replay/replay-call.js';
import { createMetricsReader } from '../../src/metrics/metrics-reader.js';
import { createQueueConnection } from '../../src/queue/org-queue.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import type { SyncReport } from '../../src/sync/run/sync-report.js';
import type { SalesforceClient } from '../../src/salesforce/salesforce-client.js';
import { redisTest, TEST_REDIS_URL } from './redis.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export const TOKENS = {
  viewer: 'tok-viewer',
  operator: 'tok-operator',
  admin: 'tok-admin',
  betaViewer: 'tok-beta',
} as const;
export type CallerName = 'anonymous' | keyof typeof TOKENS;
export const CALLERS: readonly CallerName[] = ['anonymous', 'viewer', 'operator', 'admin', 'betaViewer'];

export const ACCOUNT_ID = '0015e000000001AAAA';
export const CALLS = { refused: 'call-refused-1', dropped: 'call-dropped-1' } as const;
export const RUNS = { acme: 'run-1', beta: 'run-2', running: '20261122T061500-1a2b3c4d' } as const;
const NOW = new Date('2026-11-20T12:00:00.000Z');

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

export interface ApiCall {
  readonly status: number;
  readonly contentType: string;
  readonly body: Record<string, unknown>;
}

export interface ApiApp {
  readonly base: string;
  readonly deps: HttpDeps;
  readonly app: ReturnType<typeof createApp>;
  /** Orgs a sync was enqueued for, in order. */
  readonly enqueued: string[];
  /** Every write command the app sent to Redis (`lpush <key>`), the audit log's aside. */
  readonly redisWrites: string[];
  call(caller: CallerName, method: string, url: string, body?: unknown): Promise<ApiCall>;
  close(): Promise<void>;
}

function report(org: string, runId: string): SyncReport {
  return {
    runId,
    startedAt: '2026-11-20T11:00:00.000Z',
    org,
    status: 'completed',
    mode: 'incremental',
    writeBack: 'on',
    pulled: { Account: 3, Opportunity: 2, Case: 4 },
    scored: 3,
    written: 2,
    unchanged: 0,
    wouldWrite: 0,
    slaRescored: 0,
    failed: [{ id: ACCOUNT_ID, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Locked' }],
    failing: 1,
    apiCalls: 9,
    tokenCalls: 1,
    durationMs: 1234,
    modelVersion: '1.0.0',
    workers: { 'host-1': 5 },
  };
}

/** Answers as Salesforce would to a replay that now succeeds; reads find the records as written. */
const standInClient = {
  session: { current: () => Promise.resolve({ instanceUrl: 'https://acme.my.salesforce.com' }) },
  query: () => Promise.resolve({ records: [], done: true, totalSize: 0 }),
  send: (request: { method: string; path: string; body?: string }) =>
    Promise.resolve({
      id: `replayed-${Date.now()}`,
      orgId: 'acme',
      attempt: 1,
      kind: 'api' as const,
      startedAt: new Date().toISOString(),
      durationMs: 5,
      method: request.method,
      origin: 'https://acme.my.salesforce.com',
      path: request.path,
      query: '',
      requestHeaders: {},
      status: 200,
      responseBody: JSON.stringify([{ id: ACCOUNT_ID, success: true, errors: [] }]),
    }),
} as unknown as SalesforceClient;

/** Two failed calls of acme's run: a collection update a validation rule refused, a dropped query. */
async function seedCalls(calls: CallStore): Promise<void> {
  const common = {
    orgId: 'acme',
    runId: RUNS.acme,
    jobId: `${RUNS.acme}-score-0`,
    kind: 'api' as const,
    origin: 'https://acme.my.salesforce.com',
    requestHeaders: { Authorization: '[REDACTED]', 'Sforce-Call-Options': 'client=Pulse' },
  };
  await calls.save([
    toStoredCall({
      ...common,
      id: CALLS.refused,
      attempt: 1,
      startedAt: '2026-11-20T11:00:05.000Z',
      durationMs: 120,
      method: 'PATCH',
      path: '/services/data/v64.0/composite/sobjects',
      query: '',
      requestBody: JSON.stringify({
        allOrNone: false,
        records: [{ attributes: { type: 'Account' }, id: ACCOUNT_ID, Health_Status__c: 'Red' }],
      }),
      status: 200,
      responseBody: JSON.stringify([
        {
          id: ACCOUNT_ID,
          success: false,
          errors: [
            {
              statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
              message: 'Locked',
              fields: ['Health_Status__c'],
            },
          ],
        },
      ]),
      errorCodes: ['FIELD_CUSTOM_VALIDATION_EXCEPTION'],
      errorClass: 'data',
    }),
    toStoredCall({
      ...common,
      id: CALLS.dropped,
      attempt: 2,
      startedAt: '2026-11-20T11:00:01.000Z',
      durationMs: 30,
      method: 'GET',
      path: '/services/data/v64.0/query',
      query: '?q=SELECT+Id+FROM+Account',
      errorCodes: ['ECONNRESET'],
      errorClass: 'transient',
    }),
  ]);
}

async function seed(deps: HttpDeps): Promise<void> {
  const acme = deps.orgs.get('acme')!;
  await acme.runs.save(RUNS.acme, report('acme', RUNS.acme));
  await deps.orgs.get('beta')!.runs.save(RUNS.beta, report('beta', RUNS.beta));
  await acme.runs.markFailing(RUNS.acme, NOW, report('acme', RUNS.acme).failed);
  await acme.alerts.raise('auth-lost', 'invalid_grant: expired access/refresh token', NOW);
  const running = acme.runState(RUNS.running);
  await running.begin({ runId: RUNS.running, startedAt: NOW.toISOString(), full: false, writeBack: 'on' });
  await running.setPhase('pull');
  await running.recordPullProgress('Account', 120);
  const checkpoint = { mode: 'full', to: '2026-11-20T00:00:00.000Z', pages: 1, done: true } as const;
  await acme.store.applyPage(
    'Account',
    [
      {
        Id: ACCOUNT_ID,
        Name: 'Acme Corp',
        AnnualRevenue: 250000,
        SystemModstamp: '2026-11-01T00:00:00.000+0000',
      },
    ],
    { ...checkpoint, records: 1 },
  );
  await acme.store.applyPage(
    'Case',
    [
      {
        Id: '5005e000000001AAAA',
        AccountId: ACCOUNT_ID,
        Priority: 'High',
        Status: 'New',
        IsClosed: false,
        CreatedDate: '2026-11-18T09:00:00.000+0000',
        SystemModstamp: '2026-11-18T09:00:00.000+0000',
      },
    ],
    { ...checkpoint, records: 1 },
  );
  await acme.store.applyPage(
    'Opportunity',
    [
      {
        Id: '0065e000000001AAAA',
        AccountId: ACCOUNT_ID,
        Type: 'Renewal',
        StageName: 'Negotiation',
        IsClosed: false,
        IsWon: false,
        CloseDate: '2027-01-15',
        Amount: 120000,
        Probability: 60,
        SystemModstamp: '2026-11-10T09:00:00.000+0000',
      },
    ],
    { ...checkpoint, records: 1 },
  );
  await acme.store.recordScores([{ accountId: ACCOUNT_ID, score: 71 }], new Date('2026-10-20T12:00:00.000Z'));
}

/** Records the write commands sent on `redis` (pipelines and transactions send theirs one by one). */
function recordWrites(redis: Redis): string[] {
  const writes: string[] = [];
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = (command: { name: string; args: unknown[] }, ...rest: unknown[]) => {
    const key = String(command.args[0]);
    if (hasFlag(command.name, 'write') && !key.endsWith(':audit')) writes.push(`${command.name} ${key}`);
    return (send as (...args: unknown[]) => unknown)(command, ...rest);
  };
  return writes;
}

export async function startApiApp(redis: Redis, redisPrefix: string): Promise<ApiApp> {
  const orgFields = {
    loginUrl: 'https://acme.my.salesforce.com',
    authFlow: 'client_credentials',
    clientId: 'x',
    clientSecret: 'y',
  } as const;
  const org = OrgConfig.parse(orgFields);
  const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
  const config = Config.parse({
    redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
    orgs: { acme: orgFields, beta: orgFields },
  });
  const connection = createQueueConnection(config.redis, logger);
  const metrics = createMetricsReader({ config, redis, connection, logger, processMetrics: false });
  const calls = createCallStore(redis, 'a-test-signing-key-of-32-characters-or-more');
  await seedCalls(calls);
  const enqueued: string[] = [];
  const deps: HttpDeps = {
    tokens: [
      { name: 'viewer', sha256: sha(TOKENS.viewer), role: 'viewer' },
      { name: 'operator', sha256: sha(TOKENS.operator), role: 'operator' },
      { name: 'admin', sha256: sha(TOKENS.admin), role: 'admin' },
      { name: 'beta-viewer', sha256: sha(TOKENS.betaViewer), role: 'viewer', orgs: ['beta'] },
    ],
    orgs: new Map(['acme', 'beta'].map((name) => [name, createOrgAccess(redis, name, org)])),
    model: loadHealthModel({ cwd: repoRoot }),
    audit: createAuditLog(redis),
    logger,
    metrics,
    diagnostics: {
      calls,
      playbooks: loadPlaybooks({ packageRoot: repoRoot }),
      summary: (org, hours) => summarizeCalls(redis, org, hours, NOW),
      // The engine for real, over a stand-in Salesforce that accepts every write (the emulator
      // tests replay against Salesforce's behaviour; these test the API around it).
      replay: (found, replayOptions) =>
        replayCall({ calls, client: () => Promise.resolve(standInClient) }, found, replayOptions),
    },
    ready: () => Promise.resolve({ ok: true, checks: { redis: 'ok', config: 'ok' } }),
    enqueueSync: (orgName) => {
      enqueued.push(orgName);
      return Promise.resolve({ jobId: `job-${enqueued.length}`, runId: `run-${enqueued.length}` });
    },
    now: () => NOW,
    version: '0.1.0-test',
    webDir: path.join(repoRoot, 'web'),
  };
  await seed(deps);
  const redisWrites = recordWrites(redis);
  const app = createApp(deps);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    deps,
    app,
    enqueued,
    redisWrites,
    async call(caller, method, url, body) {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: {
          ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${TOKENS[caller]}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      const text = await response.text();
      const contentType = response.headers.get('content-type') ?? '';
      return {
        status: response.status,
        contentType,
        body: contentType.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : { text },
      };
    },
    async close() {
      await new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      });
      await metrics.close();
      connection.disconnect();
    },
  };
}

/** A test whose file shares one API app (closed, and its keys deleted, after the file). */
export const apiTest = redisTest.extend(
  'api',
  { scope: 'file' },
  async ({ redis, redisPrefix }, { onCleanup }) => {
    const api = await startApiApp(redis, redisPrefix);
    onCleanup(() => api.close());
    return api;
  },
);
