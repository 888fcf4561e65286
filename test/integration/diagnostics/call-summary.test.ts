/**
 * The per-org call summary from the store's hourly counters: totals, counts by code, object, class
 * and hour, latency percentiles and the verdict; and, with a cache, settled hours read once while
 * the current hour stays live.
 */
import { describe, expect } from 'vitest';

import type { ErrorClass } from '../../../src/errors/app-error.js';

import { HourTallyCache, summarizeCalls } from '../../../src/diagnostics/call-store/call-summary.js';
import { createCallStore } from '../../../src/diagnostics/call-store/call-store.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { redisTest } from '../../support/redis.js';

const KEY = 'a-test-signing-key-of-32-characters-or-more';
const NOW = new Date('2026-11-22T10:30:00Z');
const HOUR = 3600_000;

function call(org: string, i: number, at: number, failure?: [string, ErrorClass]): StoredCall {
  return {
    id: `${org}-${i}`,
    orgId: org,
    attempt: 1,
    kind: 'api',
    startedAt: new Date(at).toISOString(),
    durationMs: failure ? 900 : 80,
    method: 'GET',
    origin: 'https://acme.my.salesforce.com',
    path: '/services/data/v64.0/query',
    query: '?q=SELECT+Id+FROM+Case',
    requestHeaders: {},
    status: failure ? 503 : 200,
    sObject: 'Case',
    failed: failure !== undefined,
    ...(failure ? { errorCodes: [failure[0]], errorClass: failure[1] } : {}),
    apiUsage: { used: 1200 + i, max: 15_000 },
  };
}

describe('call summary', () => {
  redisTest('counts by code, object, class and hour, with a verdict', async ({ redis }) => {
    const store = createCallStore(redis, KEY);
    const twoHoursAgo = NOW.getTime() - 2 * HOUR;
    const calls = [
      ...Array.from({ length: 90 }, (_, i) => call('sum', i, twoHoursAgo + i * 1000)),
      ...Array.from({ length: 10 }, (_, i) =>
        call('sum', 100 + i, NOW.getTime() - 60_000 + i, ['SERVER_UNAVAILABLE', 'transient']),
      ),
    ];
    await store.save(calls);
    const summary = await summarizeCalls(redis, 'sum', 3, NOW);
    expect(summary).toMatchObject({
      calls: 100,
      apiCalls: 100,
      failed: 10,
      failureRate: 0.1,
      byCode: { SERVER_UNAVAILABLE: 10 },
      byObject: { Case: 10 },
      byClass: { transient: 10 },
      latencyMs: { p50: 100, p90: 100, p99: 1000 },
      apiUsage: { max: 15_000 },
      verdict: { status: 'degraded', reasons: ['10% of calls failed'] },
    });
    expect(summary.byHour).toEqual([
      { hour: '2026-11-22T08:00:00.000Z', calls: 90, failed: 0, byCode: {}, apiUsed: 1289 },
      { hour: '2026-11-22T09:00:00.000Z', calls: 0, failed: 0, byCode: {}, apiUsed: null },
      {
        hour: '2026-11-22T10:00:00.000Z',
        calls: 10,
        failed: 10,
        byCode: { SERVER_UNAVAILABLE: 10 },
        apiUsed: 1309,
      },
    ]);
    expect(await summarizeCalls(redis, 'nobody', 24, NOW)).toMatchObject({
      calls: 0,
      verdict: { status: 'idle' },
      apiUsage: null,
    });
  });

  redisTest('a cache keeps settled hours; the current hour is read afresh', async ({ redis }) => {
    const store = createCallStore(redis, KEY);
    const cache = new HourTallyCache();
    const earlier = NOW.getTime() - 3 * HOUR;
    await store.save([call('cached', 1, earlier), call('cached', 2, NOW.getTime() - 1000)]);
    const first = await summarizeCalls(redis, 'cached', 4, NOW, cache);
    expect(first.calls).toBe(2);
    // Both hours change in Redis; only the live one is read again.
    await store.save([call('cached', 3, earlier + 1000), call('cached', 4, NOW.getTime() - 500)]);
    const second = await summarizeCalls(redis, 'cached', 4, NOW, cache);
    expect(second.byHour.map((hour) => hour.calls)).toEqual([1, 0, 0, 2]);
    // Without the cache, everything is read.
    expect((await summarizeCalls(redis, 'cached', 4, NOW)).byHour.map((hour) => hour.calls)).toEqual([
      2, 0, 0, 2,
    ]);
  });
});
