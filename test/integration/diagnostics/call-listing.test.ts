/**
 * Listing failed calls by cursor where it is hard: a filter so sparse that one request cannot scan
 * to the next match, and hundreds of calls started in the same millisecond. Following the cursors
 * must give every matching call once, newest first, and nothing else.
 */
import { describe, expect } from 'vitest';

import { createCallStore, type CallFilter } from '../../../src/diagnostics/call-store/call-store.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { redisTest } from '../../support/redis.js';

const KEY = 'a-test-signing-key-of-32-characters-or-more';
const T0 = Date.parse('2026-11-01T00:00:00Z');

function failedCall(org: string, i: number, at: number, sObject: string): StoredCall {
  return {
    id: `${org}-${String(i).padStart(5, '0')}`,
    orgId: org,
    attempt: 1,
    kind: 'api',
    startedAt: new Date(at).toISOString(),
    durationMs: 20,
    method: 'GET',
    origin: 'https://acme.my.salesforce.com',
    path: `/services/data/v64.0/sobjects/${sObject}/describe`,
    query: '',
    requestHeaders: {},
    status: 503,
    responseBody: '[{"errorCode":"SERVER_UNAVAILABLE","message":"Server unavailable"}]',
    sObject,
    failed: true,
    errorCodes: ['SERVER_UNAVAILABLE'],
    errorClass: 'transient',
  };
}

async function everyPage(
  store: ReturnType<typeof createCallStore>,
  org: string,
  filter: CallFilter,
  limit: number,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.listFailed(org, filter, limit, cursor);
    pages += 1;
    ids.push(...page.lines.map((line) => line.id));
    cursor = page.nextCursor;
  } while (cursor && pages < 1000);
  return { ids, pages };
}

describe('listing failed calls by cursor', () => {
  redisTest('a sparse second filter: every match is reached by following the cursor', async ({ redis }) => {
    const store = createCallStore(redis, KEY);
    // 12,000 Account calls a second apart, and 3 Case calls among the oldest: the code index
    // is read, the object is checked on each line, so the Case calls lie beyond one request's scan.
    const calls = Array.from({ length: 12_000 }, (_, i) =>
      failedCall('sparse', i, T0 + i * 1000, [5, 6, 7].includes(i) ? 'Case' : 'Account'),
    );
    for (let i = 0; i < calls.length; i += 2000) await store.save(calls.slice(i, i + 2000));
    const { ids, pages } = await everyPage(
      store,
      'sparse',
      { errorCode: 'SERVER_UNAVAILABLE', sObject: 'Case' },
      50,
    );
    expect(ids).toEqual(['sparse-00007', 'sparse-00006', 'sparse-00005']);
    expect(pages).toBeGreaterThan(1);
  });

  redisTest('calls sharing one millisecond are each listed once, newest first', async ({ redis }) => {
    const store = createCallStore(redis, KEY);
    // 700 calls: 500 in one millisecond (more than a scan batch), the rest a millisecond apart.
    const calls = Array.from({ length: 700 }, (_, i) =>
      failedCall('burst', i, T0 + Math.max(0, i - 499), 'Account'),
    );
    await store.save(calls);
    const { ids } = await everyPage(store, 'burst', {}, 37);
    expect(ids).toHaveLength(700);
    expect(new Set(ids).size).toBe(700);
    const expected = [...calls]
      .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt) || (a.id < b.id ? 1 : -1))
      .map((call) => call.id);
    expect(ids).toEqual(expected);
  });
});
