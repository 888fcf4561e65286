/**
 * Call records added up between flushes: one call counter per label set, retries, cumulative
 * latency buckets with their sum; a batch that could not be written goes back within the bound;
 * and what the reader parses back is what was counted.
 */
import { describe, expect, it } from 'vitest';

import {
  callSeriesLabels,
  CallTally,
  incrementsOf,
  type TallyBatch,
} from '../../../src/metrics/call-tally.js';
import { toCallFigures } from '../../../src/metrics/read-call-figures.js';
import { callRecord } from '../../support/call-record.js';

/** A batch as plain objects, as Redis would hold it after one flush. */
function asHashes(batch: TallyBatch, org: string) {
  const hashes = batch.get(org);
  const hash = (name: 'calls' | 'retries' | 'latency') =>
    Object.fromEntries([...(hashes?.get(name) ?? new Map<string, number>())].map(([f, v]) => [f, String(v)]));
  return { calls: hash('calls'), retries: hash('retries'), latency: hash('latency') };
}

describe('callSeriesLabels', () => {
  it('labels a call by endpoint, method, status and first error code', () => {
    expect(
      callSeriesLabels(
        callRecord({
          method: 'patch',
          path: '/services/data/v64.0/composite/sobjects',
          errorCodes: ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'STRING_TOO_LONG'],
        }),
      ),
    ).toEqual({
      endpoint: 'composite/sobjects',
      method: 'PATCH',
      status: '200',
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    });
  });

  it('labels a network failure `network`, a token call `token`, and odd codes or methods as OTHER', () => {
    expect(callSeriesLabels(callRecord({ status: undefined, errorCodes: ['ECONNRESET'] }))).toMatchObject({
      status: 'network',
      errorCode: 'ECONNRESET',
    });
    expect(callSeriesLabels(callRecord({ path: '/services/oauth2/token', method: 'POST' })).endpoint).toBe(
      'token',
    );
    expect(
      callSeriesLabels(callRecord({ errorCodes: ['weird code with spaces'], method: 'PROPFIND' })),
    ).toMatchObject({
      method: 'OTHER',
      errorCode: 'OTHER',
    });
    expect(callSeriesLabels(callRecord()).errorCode).toBe('');
  });
});

describe('incrementsOf', () => {
  it('counts the call, a retry after the first attempt, and every latency bucket at or above it', () => {
    const increments = incrementsOf(callRecord({ attempt: 2, durationMs: 300 }));
    const latency = increments
      .filter((increment) => increment.hash === 'latency')
      .map((i) => [JSON.parse(i.field) as string[], i.by]);
    expect(increments.filter((increment) => increment.hash !== 'latency')).toEqual([
      { hash: 'calls', field: JSON.stringify(['query', 'GET', '200', '']), by: 1 },
      { hash: 'retries', field: JSON.stringify(['query']), by: 1 },
    ]);
    expect(latency).toEqual([
      [['query', '0.5'], 1],
      [['query', '1'], 1],
      [['query', '2.5'], 1],
      [['query', '5'], 1],
      [['query', '10'], 1],
      [['query', '30'], 1],
      [['query', '60'], 1],
      [['query', '+Inf'], 1],
      [['query', 'sum_ms'], 300],
    ]);
  });

  it('counts no retry for a token call made during a retried attempt (a refreshed session)', () => {
    const increments = incrementsOf(
      callRecord({ attempt: 2, kind: 'token', path: '/services/oauth2/token', method: 'POST' }),
    );
    expect(increments.some((increment) => increment.hash === 'retries')).toBe(false);
    expect(increments[0]).toMatchObject({ hash: 'calls' });
  });

  it('counts no retry on a first attempt, and a call on a bound in that bucket', () => {
    const increments = incrementsOf(callRecord({ durationMs: 100 }));
    expect(increments.some((increment) => increment.hash === 'retries')).toBe(false);
    expect(increments.map((increment) => JSON.parse(increment.field) as string[])).toContainEqual([
      'query',
      '0.1',
    ]);
    expect(increments.map((increment) => JSON.parse(increment.field) as string[])).not.toContainEqual([
      'query',
      '0.05',
    ]);
  });
});

describe('CallTally', () => {
  const calls = [
    callRecord({ durationMs: 40 }),
    callRecord({ durationMs: 1200 }),
    callRecord({ status: 503, errorCodes: ['SERVER_UNAVAILABLE'], durationMs: 90 }),
    callRecord({ attempt: 2, durationMs: 70 }),
    callRecord({ path: '/services/oauth2/token', method: 'POST', durationMs: 200 }),
    callRecord({ orgId: 'beta' }),
  ];

  it('adds calls up per org and label set; what the reader parses back matches', () => {
    const tally = new CallTally(1000);
    for (const call of calls) tally.add(call);
    const batch = tally.take();
    expect(tally.size).toBe(0);
    expect([...batch.keys()].sort()).toEqual(['acme', 'beta']);
    const figures = toCallFigures(asHashes(batch, 'acme'));
    expect(figures.calls).toEqual(
      expect.arrayContaining([
        { labels: { endpoint: 'query', method: 'GET', status: '200', errorCode: '' }, count: 3 },
        {
          labels: { endpoint: 'query', method: 'GET', status: '503', errorCode: 'SERVER_UNAVAILABLE' },
          count: 1,
        },
        { labels: { endpoint: 'token', method: 'POST', status: '200', errorCode: '' }, count: 1 },
      ]),
    );
    expect(figures.calls).toHaveLength(3);
    expect(figures.retries).toEqual([{ endpoint: 'query', count: 1 }]);
    const query = figures.latency.find((entry) => entry.endpoint === 'query');
    expect(query).toMatchObject({ count: 4, sumSeconds: 1.4 });
    expect(query?.buckets.find((bucket) => bucket.le === 0.05)?.count).toBe(1);
    expect(query?.buckets.find((bucket) => bucket.le === 0.1)?.count).toBe(3);
    expect(query?.buckets.find((bucket) => bucket.le === 2.5)?.count).toBe(4);
    const counts = query?.buckets.map((bucket) => bucket.count) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
  });

  it('takes back a batch that could not be written, merged with what came since', () => {
    const tally = new CallTally(1000);
    tally.add(calls[0]!);
    const failed = tally.take();
    tally.add(calls[0]!);
    tally.restore(failed);
    const figures = toCallFigures(asHashes(tally.take(), 'acme'));
    expect(figures.calls).toEqual([
      { labels: { endpoint: 'query', method: 'GET', status: '200', errorCode: '' }, count: 2 },
    ]);
  });

  it('keeps growing counts of known label sets when full, and drops only new ones', () => {
    const tally = new CallTally(13); // a 10 ms call: 1 call counter, 10 buckets, +Inf and the sum
    tally.add(callRecord({ durationMs: 10 }));
    const size = tally.size;
    tally.add(callRecord({ durationMs: 10 }));
    expect(tally.size).toBe(size);
    expect(tally.dropped).toBe(0);
    expect(size).toBe(13);
    // A new status is a new call counter: the call is dropped whole, not half counted.
    tally.add(callRecord({ status: 500, errorCodes: ['UNKNOWN_EXCEPTION'], durationMs: 10 }));
    expect(tally.size).toBe(13);
    expect(tally.dropped).toBe(1);
    tally.restore(new Map([['other-org', new Map([['calls', new Map([['["x","GET","200",""]', 5]])]])]]));
    expect(tally.size).toBe(13);
    expect(tally.dropped).toBe(2);
  });

  it('parses no label out of a field it did not write', () => {
    expect(
      toCallFigures({
        calls: { 'not json': '3', '["a","b"]': '1', '[1,2,3,4]': '1' },
        retries: { '{}': '1' },
        latency: { '["query"]': '2' },
      }),
    ).toEqual({ calls: [], retries: [], latency: [] });
  });
});
