/**
 * /metrics across processes, against the real Redis: call records counted by one recorder (as a
 * worker's) are what another process's reader (as serve's) shows, with the org's queue depths,
 * API budget, limiter load and run totals read from where Pulse keeps them.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, vi } from 'vitest';

import { Config } from '../../../src/config/index.js';
import { createLogger, type Logger } from '../../../src/logging/logger.js';
import { createRedis } from '../../../src/main/create-redis.js';
import { createCallMetricsRecorder } from '../../../src/metrics/call-metrics-recorder.js';
import { createMetricsReader, type MetricsReader } from '../../../src/metrics/metrics-reader.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createApiBudget } from '../../../src/salesforce/pipeline/api-budget.js';
import { createOrgLimiter } from '../../../src/salesforce/pipeline/org-limiter.js';
import { createRunStore } from '../../../src/sync/run-store.js';
import type { SyncReport } from '../../../src/sync/run/sync-report.js';
import { callRecord } from '../../support/call-record.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const logger: Logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

const ORG = {
  loginUrl: 'https://login.salesforce.com',
  clientId: 'client',
  authFlow: 'password',
  clientSecret: 'secret',
  username: 'pulse@example.com',
  password: 'password',
  apiBudget: { reservePercent: 20 },
};

interface Sample {
  readonly name: string;
  readonly labels: Record<string, string>;
  readonly value: number;
}

/** The exposition's sample lines (this test's own reading; the format is checked by exact lines). */
function samplesOf(text: string, name: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) return [];
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[label[1] ?? ''] = label[2] ?? '';
    return [{ name, labels, value: Number(match[3]) }];
  });
}

const sum = (samples: readonly Sample[]): number =>
  samples.reduce((total, sample) => total + sample.value, 0);

/** Real calls of a sync, and their failures, as the recording transport records them. */
const CALLS = [
  callRecord({ path: '/services/oauth2/token', method: 'POST', durationMs: 180 }),
  callRecord({ path: '/services/data/v64.0/sobjects/Account/describe', durationMs: 95 }),
  callRecord({ durationMs: 40 }),
  callRecord({ durationMs: 310 }),
  callRecord({ path: '/services/data/v64.0/query/01g000000000001AAA-2000', durationMs: 120 }),
  callRecord({ status: 503, errorCodes: ['SERVER_UNAVAILABLE'], durationMs: 2200 }),
  callRecord({ attempt: 2, durationMs: 60 }),
  callRecord({ status: undefined, errorCodes: ['ECONNRESET'], durationMs: 15 }),
  callRecord({ attempt: 2, durationMs: 75 }),
  callRecord({
    method: 'PATCH',
    path: '/services/data/v64.0/composite/sobjects',
    errorCodes: ['FIELD_CUSTOM_VALIDATION_EXCEPTION'],
    durationMs: 700,
  }),
  callRecord({ orgId: 'beta', path: '/services/data/v64.0/limits', durationMs: 30 }),
];

function report(runId: string, overrides: Partial<SyncReport> = {}): SyncReport {
  return {
    runId,
    startedAt: '2025-01-01T00:00:00.000Z',
    org: 'acme',
    status: 'completed',
    mode: 'incremental',
    writeBack: 'on',
    pulled: { Account: 120, Opportunity: 40, Case: 15 },
    scored: 100,
    written: 30,
    unchanged: 68,
    wouldWrite: 0,
    slaRescored: 0,
    failed: [
      { id: '001000000000001AAA', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Locked' },
      { id: '001000000000002AAA', errorCode: 'STRING_TOO_LONG', message: 'Too long' },
    ],
    failing: 2,
    apiCalls: 12,
    tokenCalls: 1,
    durationMs: 45_000,
    modelVersion: 'm1',
    workers: { w1: 3 },
    ...overrides,
  };
}

describe('metrics through Redis', () => {
  // serve's side, opened once for the file (under its key prefix) by the first test that needs it.
  let serve: { config: Config; redis: Redis; connection: Redis; reader: MetricsReader } | undefined;
  function openServe(redisPrefix: string) {
    if (!serve) {
      const config = Config.parse({
        redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
        orgs: { acme: ORG, beta: ORG },
      });
      const redis = createRedis(config.redis, logger);
      const connection = createQueueConnection(config.redis, logger);
      const reader = createMetricsReader({ config, redis, connection, logger, processMetrics: false });
      serve = { config, redis, connection, reader };
    }
    return serve;
  }
  afterAll(async () => {
    if (!serve) return;
    await serve.reader.close();
    serve.redis.disconnect();
    serve.connection.disconnect();
  });

  // rawRedis: its teardown deletes the file's keys (and the limiter's `b_` ones).
  redisTest('a worker records calls; serve reads them', async ({ redisPrefix, rawRedis: _cleanup }) => {
    const { config, reader } = openServe(redisPrefix);

    const worker = createRedis(config.redis, logger);
    const recorder = createCallMetricsRecorder({ redis: worker, logger, flushIntervalMs: 60_000 });
    for (const call of CALLS.slice(0, 5)) recorder.record(call);
    await recorder.flush();
    for (const call of CALLS.slice(5)) recorder.record(call);
    await recorder.close();
    worker.disconnect();

    const text = await reader.render();
    expect(reader.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(text).toContain('\npulse_metrics_redis_up 1\n');
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# TYPE pulse_salesforce_calls_total counter',
        'pulse_salesforce_calls_total{org="acme",endpoint="query",method="GET",status="200",error_code=""} 4',
        'pulse_salesforce_calls_total{org="acme",endpoint="query",method="GET",status="503",error_code="SERVER_UNAVAILABLE"} 1',
        'pulse_salesforce_calls_total{org="acme",endpoint="query",method="GET",status="network",error_code="ECONNRESET"} 1',
        'pulse_salesforce_calls_total{org="acme",endpoint="query/more",method="GET",status="200",error_code=""} 1',
        'pulse_salesforce_calls_total{org="acme",endpoint="token",method="POST",status="200",error_code=""} 1',
        'pulse_salesforce_calls_total{org="acme",endpoint="sobjects/describe",method="GET",status="200",error_code=""} 1',
        'pulse_salesforce_calls_total{org="acme",endpoint="composite/sobjects",method="PATCH",status="200",error_code="FIELD_CUSTOM_VALIDATION_EXCEPTION"} 1',
        'pulse_salesforce_calls_total{org="beta",endpoint="limits",method="GET",status="200",error_code=""} 1',
        'pulse_salesforce_call_retries_total{org="acme",endpoint="query"} 2',
        '# TYPE pulse_salesforce_call_duration_seconds histogram',
        'pulse_salesforce_call_duration_seconds_bucket{org="acme",endpoint="query",le="0.05"} 2',
        'pulse_salesforce_call_duration_seconds_bucket{org="acme",endpoint="query",le="0.1"} 4',
        'pulse_salesforce_call_duration_seconds_bucket{org="acme",endpoint="query",le="0.5"} 5',
        'pulse_salesforce_call_duration_seconds_bucket{org="acme",endpoint="query",le="2.5"} 6',
        'pulse_salesforce_call_duration_seconds_bucket{org="acme",endpoint="query",le="+Inf"} 6',
        'pulse_salesforce_call_duration_seconds_sum{org="acme",endpoint="query"} 2.7',
        'pulse_salesforce_call_duration_seconds_count{org="acme",endpoint="query"} 6',
      ]),
    );
    // No id, object name or query string became a label.
    expect(text).not.toMatch(/001000000000001AAA|01g000000000001AAA|Account\/describe|SELECT/);

    const calls = samplesOf(text, 'pulse_salesforce_calls_total');
    expect(sum(calls)).toBe(CALLS.length);
    const buckets = samplesOf(text, 'pulse_salesforce_call_duration_seconds_bucket');
    const counts = samplesOf(text, 'pulse_salesforce_call_duration_seconds_count');
    for (const count of counts) {
      const { org: orgName, endpoint } = count.labels;
      const series = buckets.filter((b) => b.labels['org'] === orgName && b.labels['endpoint'] === endpoint);
      const values = series.map((bucket) => bucket.value);
      // Cumulative: never decreasing, ending at the count, which is the calls to the endpoint.
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(series.at(-1)).toMatchObject({ labels: { le: '+Inf' }, value: count.value });
      expect(count.value).toBe(
        sum(calls.filter((call) => call.labels['org'] === orgName && call.labels['endpoint'] === endpoint)),
      );
    }
  });

  redisTest('a flush Redis refuses is kept and written by the next one, once', async ({ redisPrefix }) => {
    const { config, reader } = openServe(redisPrefix);
    const worker = createRedis(config.redis, logger);
    const warnings: string[] = [];
    const warnLogger: Logger = { ...logger, warn: (message) => warnings.push(message) };
    let refuse = 2;
    const flaky = new Proxy(worker, {
      get(target, property, receiver) {
        if (property !== 'multi') return Reflect.get(target, property, receiver) as unknown;
        return () => {
          const multi = target.multi();
          if (refuse-- > 0)
            multi.exec = () =>
              Promise.reject(new Error('READONLY You cannot write against a read only replica.'));
          return multi;
        };
      },
    });
    const recorder = createCallMetricsRecorder({ redis: flaky, logger: warnLogger, flushIntervalMs: 60_000 });
    const calls = [callRecord({ orgId: 'beta', path: '/services/data/v64.0/jobs/query', method: 'POST' })];
    recorder.record(calls[0]!);
    await recorder.flush();
    recorder.record(calls[0]!);
    await recorder.flush();
    expect(warnings).toEqual(['could not write call metrics to Redis: kept for the next try']);
    expect(await worker.hget('org:{beta}:metrics:calls', '["jobs/query","POST","200",""]')).toBeNull();
    await recorder.close();
    worker.disconnect();
    const text = await reader.render();
    expect(text).toContain(
      'pulse_salesforce_calls_total{org="beta",endpoint="jobs/query",method="POST",status="200",error_code=""} 2',
    );
  });

  redisTest('queue depths, API budget and limiter load per org', async ({ redisPrefix }) => {
    const { redis, connection, reader } = openServe(redisPrefix);
    const queue = openOrgQueue(connection, redisPrefix, 'acme', logger);
    await queue.add('probe', {});
    await queue.add('probe', {});
    await queue.add('probe', {}, { delay: 60_000 });
    await queue.add('probe', {}, { priority: 5 });

    const budget = createApiBudget(redis, 'acme', 20, 120_000);
    const settled = await budget.debit();
    await budget.settle(settled.callId, { used: 1234, max: 15_000 });
    await budget.debit(); // in flight

    const limiter = await createOrgLimiter(new Redis(TEST_REDIS_URL), redisPrefix, 'acme', {
      maxConcurrent: 1,
      perSecond: 100,
    });
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduled = [0, 1, 2].map(() => limiter.schedule(30_000, () => held));
    try {
      await vi.waitFor(async () => {
        expect(await reader.render()).toContain('pulse_salesforce_limiter_queued{org="acme"} 2');
      });
      const text = await reader.render();
      expect(text.split('\n')).toEqual(
        expect.arrayContaining([
          'pulse_queue_jobs{org="acme",state="waiting"} 2',
          'pulse_queue_jobs{org="acme",state="active"} 0',
          'pulse_queue_jobs{org="acme",state="delayed"} 1',
          'pulse_queue_jobs{org="acme",state="prioritized"} 1',
          'pulse_queue_jobs{org="acme",state="waiting-children"} 0',
          'pulse_queue_jobs{org="acme",state="failed"} 0',
          'pulse_queue_jobs{org="beta",state="waiting"} 0',
          'pulse_salesforce_api_requests_used{org="acme"} 1234',
          'pulse_salesforce_api_requests_limit{org="acme"} 15000',
          'pulse_salesforce_api_budget_reserve_requests{org="acme"} 3000',
          'pulse_salesforce_api_budget_reserve_ratio{org="acme"} 0.2',
          'pulse_salesforce_api_budget_inflight{org="acme"} 1',
          'pulse_salesforce_limiter_queued{org="acme"} 2',
          'pulse_salesforce_limiter_running{org="acme"} 1',
        ]),
      );
      // beta never reported usage nor started a limiter: nothing is made up for it.
      expect(text).not.toContain('pulse_salesforce_api_requests_used{org="beta"}');
      expect(text).not.toContain('pulse_salesforce_limiter_queued{org="beta"}');
      expect(text).toContain('pulse_salesforce_api_budget_reserve_ratio{org="beta"} 0.2');
    } finally {
      release();
      await Promise.all(scheduled);
      await limiter.close();
      await queue.close();
    }
  });

  redisTest('runs: totals grow once per finished run, gauges show the last run', async ({ redisPrefix }) => {
    const { redis, reader } = openServe(redisPrefix);
    const runs = createRunStore(redis, 'acme');
    const first = report('run-1');
    await runs.countFinished(first);
    await runs.countFinished(first); // a finish redone after a crash
    await runs.save(first.runId, first);
    const second = report('run-2', {
      status: 'failed',
      error: 'the pull failed',
      mode: 'full',
      pulled: { Account: 10 },
      scored: 0,
      written: 0,
      unchanged: 0,
      failed: [],
      durationMs: 400_000,
      startedAt: '2025-01-02T00:00:00.000Z',
    });
    await runs.countFinished(second);
    await runs.save(second.runId, second);

    const text = await reader.render();
    expect(text.split('\n')).toEqual(
      expect.arrayContaining([
        'pulse_sync_runs_total{org="acme",status="completed",mode="incremental"} 1',
        'pulse_sync_runs_total{org="acme",status="failed",mode="full"} 1',
        'pulse_sync_records_pulled_total{org="acme",object="Account"} 130',
        'pulse_sync_records_pulled_total{org="acme",object="Case"} 15',
        'pulse_sync_accounts_scored_total{org="acme"} 100',
        'pulse_sync_accounts_total{org="acme",outcome="written"} 30',
        'pulse_sync_accounts_total{org="acme",outcome="unchanged"} 68',
        'pulse_sync_accounts_total{org="acme",outcome="failed"} 2',
        'pulse_sync_run_duration_seconds_bucket{org="acme",status="completed",le="30"} 0',
        'pulse_sync_run_duration_seconds_bucket{org="acme",status="completed",le="60"} 1',
        'pulse_sync_run_duration_seconds_bucket{org="acme",status="completed",le="+Inf"} 1',
        'pulse_sync_run_duration_seconds_sum{org="acme",status="completed"} 45',
        'pulse_sync_run_duration_seconds_count{org="acme",status="failed"} 1',
        'pulse_sync_last_run_success{org="acme"} 0',
        'pulse_sync_last_run_duration_seconds{org="acme"} 400',
        `pulse_sync_last_run_timestamp_seconds{org="acme"} ${Date.parse('2025-01-02T00:00:00.000Z') / 1000 + 400}`,
        'pulse_sync_last_run_records_pulled{org="acme",object="Account"} 10',
        'pulse_sync_last_run_accounts_scored{org="acme"} 0',
        'pulse_sync_last_run_accounts{org="acme",outcome="failed"} 0',
        'pulse_sync_last_run_salesforce_calls{org="acme",kind="api"} 12',
      ]),
    );
  });

  redisTest('when Redis does not answer, a scrape still answers in time, without Redis figures', async () => {
    const deadConfig = Config.parse({
      redis: { url: 'redis://127.0.0.1:1', keyPrefix: 'pulse-test:dead:' },
      orgs: { acme: ORG },
    });
    const deadRedis = createRedis(deadConfig.redis, logger);
    const deadConnection = createQueueConnection(deadConfig.redis, logger);
    const warnings: string[] = [];
    const dead = createMetricsReader({
      config: deadConfig,
      redis: deadRedis,
      connection: deadConnection,
      logger: { ...logger, warn: (message) => warnings.push(message) },
      timeoutMs: 300,
    });
    try {
      const started = Date.now();
      const text = await dead.render();
      await dead.render();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(text).toContain('\npulse_metrics_redis_up 0\n');
      expect(samplesOf(text, 'pulse_salesforce_calls_total')).toEqual([]);
      expect(samplesOf(text, 'pulse_queue_jobs')).toEqual([]);
      // serve's own process metrics are there all the same.
      expect(text).toContain('process_cpu_user_seconds_total');
      expect(warnings).toEqual(['metrics: could not read the figures from Redis']);
    } finally {
      deadRedis.disconnect();
      deadConnection.disconnect();
      await dead.close();
    }
  });
});
