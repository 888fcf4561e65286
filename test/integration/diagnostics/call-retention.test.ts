/**
 * Retention of the call store, per org: by count, age and bytes the oldest calls go — from every
 * index, the id lookup and the byte total — the newest stay, and other orgs are untouched.
 */
import type { Redis } from 'ioredis';
import { describe, expect } from 'vitest';

import { callKeys, CALL_ORGS_KEY } from '../../../src/diagnostics/call-store/call-keys.js';
import { enforceRetention } from '../../../src/diagnostics/call-store/call-retention.js';
import { createCallStore } from '../../../src/diagnostics/call-store/call-store.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { redisTest } from '../../support/redis.js';

const KEY = 'a-test-signing-key-of-32-characters-or-more';
const T0 = Date.parse('2026-11-01T00:00:00Z');
const MINUTE = 60_000;

/** `count` calls a minute apart, every third failed (UNABLE_TO_LOCK_ROW on Account). */
function calls(org: string, count: number): StoredCall[] {
  return Array.from({ length: count }, (_, i) => {
    const failed = i % 3 === 0;
    return {
      id: `${org}-${String(i).padStart(4, '0')}`,
      orgId: org,
      runId: `run-${Math.floor(i / 50)}`,
      attempt: 1,
      kind: 'api',
      startedAt: new Date(T0 + i * MINUTE).toISOString(),
      durationMs: 20,
      method: 'PATCH',
      origin: 'https://acme.my.salesforce.com',
      path: '/services/data/v64.0/composite/sobjects',
      query: '',
      requestHeaders: {},
      // Not ASCII: the byte total must count bytes as Redis does, not characters.
      requestBody: 'é'.repeat(200),
      status: 200,
      sObject: 'Account',
      failed,
      ...(failed ? { errorCodes: ['UNABLE_TO_LOCK_ROW'], errorClass: 'transient' as const } : {}),
    };
  });
}

async function storedBytes(redis: Redis, org: string): Promise<number> {
  const ids = await redis.zrange(callKeys(org).all, '0', '-1');
  let total = 0;
  for (const id of ids)
    total += (await redis.strlen(callKeys(org).call(id))) + (await redis.strlen(callKeys(org).line(id)));
  return total;
}

describe('call store retention', () => {
  redisTest('keeps the newest calls by count, age and bytes, everywhere', async ({ redis }) => {
    const store = createCallStore(redis, KEY);
    await store.save(calls('acme', 300));
    await store.save(calls('beta', 30));
    const keys = callKeys('acme');
    const now = new Date(T0 + 300 * MINUTE);
    const generous = { maxAgeMs: 10 * 24 * 3600_000, maxCalls: 1000, maxBytes: 1e9 };
    expect(await enforceRetention(redis, 'acme', generous, now)).toBe(0);

    // By count: the newest 100 stay.
    expect(await enforceRetention(redis, 'acme', { ...generous, maxCalls: 100 }, now)).toBe(200);
    expect(await redis.zcard(keys.all)).toBe(100);
    expect(await redis.zrange(keys.all, '0', '0')).toEqual(['acme-0200']);
    expect(Number(await redis.get(keys.bytes))).toBe(await storedBytes(redis, 'acme'));
    expect(await redis.exists(keys.call('acme-0000'), keys.line('acme-0000'))).toBe(0);
    expect(await redis.hget(CALL_ORGS_KEY, 'acme-0000')).toBeNull();
    expect(await redis.hget(CALL_ORGS_KEY, 'acme-0299')).toBe('acme');
    // Every index lost the same calls; an index left empty (run-0's) is forgotten.
    expect(await redis.zcard(keys.failed)).toBe(33);
    expect(await redis.zcard(keys.index('code', 'UNABLE_TO_LOCK_ROW'))).toBe(33);
    expect(await redis.exists(keys.index('run', 'run-0'))).toBe(0);
    expect(await redis.sismember(keys.indexes, keys.index('run', 'run-0'))).toBe(0);
    const listed = await store.listFailed('acme', {}, 200);
    expect(listed.lines).toHaveLength(33);
    expect(listed.lines.at(-1)?.id).toBe('acme-0201');

    // By age: calls started 60 minutes or more before now go.
    expect(await enforceRetention(redis, 'acme', { ...generous, maxAgeMs: 60 * MINUTE }, now)).toBe(41);
    expect(await redis.zrange(keys.all, '0', '0')).toEqual(['acme-0241']);

    // By bytes: over the limit, the oldest go until a tenth of it is free.
    const bytes = Number(await redis.get(keys.bytes));
    const limit = Math.floor(bytes / 2);
    await enforceRetention(redis, 'acme', { ...generous, maxBytes: limit }, now);
    const after = Number(await redis.get(keys.bytes));
    expect(after).toBeLessThanOrEqual(limit * 0.9);
    expect(after).toBeGreaterThan(limit * 0.7);
    expect(after).toBe(await storedBytes(redis, 'acme'));
    expect(await redis.zrange(keys.all, '-1', '-1')).toEqual(['acme-0299']);

    // The other org kept everything.
    expect(await redis.zcard(callKeys('beta').all)).toBe(30);
  });
});
