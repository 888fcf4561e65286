/**
 * bisect: finds the records whose presence makes a batch fail in about k·log2(n) calls — every
 * placement of 2 poisoned records among 200 in at most 20 — says when a failure does not reproduce,
 * never re-sends a record cleared once, returns the sub-batches it committed, and stops at maxCalls.
 */
import { describe, expect, it } from 'vitest';

import { toStoredCall } from '../../../src/diagnostics/call-store/call-facts.js';
import {
  bisect,
  bisectCommitNotice,
  BisectInterruptedError,
  isRefusal,
  replayTarget,
  succeeded,
  verdictOf,
  withRecords,
  type BatchOutcome,
  type CollectionRecord,
  type ReplayTarget,
} from '../../../src/diagnostics/replay/index.js';
import { errorsOf } from '../../../src/salesforce/transport/describe-response.js';
import { callRecord } from '../../support/call-record.js';

/** A batch fails iff it holds a poisoned record; every call is counted and kept. */
function oracle(poisoned: ReadonlySet<number>) {
  const sent: number[][] = [];
  const tryBatch = (batch: readonly number[]): Promise<BatchOutcome> => {
    sent.push([...batch]);
    return Promise.resolve(batch.some((record) => poisoned.has(record)) ? 'fail' : 'ok');
  };
  return { tryBatch, sent };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, index) => index);

/** Deterministic, so a failure names its placement and can be re-run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
}

function placements(n: number, k: number, trials: number, seed: number): Set<number>[] {
  const next = random(seed);
  return Array.from({ length: trials }, () => {
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(Math.floor(next() * n));
    return chosen;
  });
}

/**
 * Runs bisect on one placement and returns what is wrong with its answer (nothing, when correct):
 * plain checks, not `expect`, so that tens of thousands of placements stay fast.
 */
async function solve(n: number, poisoned: ReadonlySet<number>) {
  const { tryBatch, sent } = oracle(poisoned);
  const result = await bisect(range(n), tryBatch, { maxCalls: 1000 });
  const problems: string[] = [];
  const where = `n=${n} poisoned=${[...poisoned].join(',')}`;
  const expected = [...poisoned].sort((a, b) => a - b).join(',');
  if (result.culprits.join(',') !== expected) problems.push(`${where}: found ${result.culprits.join(',')}`);
  if (!result.complete || result.unresolved.length > 0) problems.push(`${where}: incomplete`);
  if (result.calls !== sent.length)
    problems.push(`${where}: ${result.calls} calls reported, ${sent.length} made`);
  // Every record is committed once or is a culprit; a committed record is never sent again.
  const committed = result.committed.flat();
  if (new Set(committed).size !== committed.length) problems.push(`${where}: a record committed twice`);
  if (committed.length + result.culprits.length !== n) problems.push(`${where}: records unaccounted for`);
  if (committed.some((record) => poisoned.has(record)))
    problems.push(`${where}: a poisoned record committed`);
  const cleared = new Set<number>();
  for (const batch of sent) {
    if (batch.some((record) => cleared.has(record))) problems.push(`${where}: a cleared record re-sent`);
    if (!batch.some((record) => poisoned.has(record))) for (const record of batch) cleared.add(record);
  }
  return { result, problems };
}

/** Every placement given, solved; the largest number of calls, the mean, and any wrong answer. */
async function solveAll(n: number, all: Iterable<ReadonlySet<number>>) {
  let max = 0;
  let total = 0;
  let count = 0;
  const problems: string[] = [];
  for (const poisoned of all) {
    const solved = await solve(n, poisoned);
    max = Math.max(max, solved.result.calls);
    total += solved.result.calls;
    count += 1;
    problems.push(...solved.problems);
  }
  return { max, mean: total / count, count, problems };
}

function* pairs(n: number): Generator<Set<number>> {
  for (let first = 0; first < n; first += 1)
    for (let second = first + 1; second < n; second += 1) yield new Set([first, second]);
}

describe('bisect', () => {
  it('finds 2 poisoned records among 200 in at most 20 calls, for every one of the 19,900 placements', async () => {
    const { max, mean, count, problems } = await solveAll(200, pairs(200));
    console.log(`bisect n=200 k=2, all ${count} placements: max ${max} calls, mean ${mean.toFixed(2)}`);
    expect(problems).toEqual([]);
    expect(count).toBe(19_900);
    expect(max).toBeLessThanOrEqual(20);
    // Exhaustive: about 360,000 simulated calls.
  }, 60_000);

  it('k = 1 among 200: at most ⌈log2 200⌉ + 2 = 10 calls, for every placement', async () => {
    const { max, problems } = await solveAll(
      200,
      range(200).map((at) => new Set([at])),
    );
    console.log(`bisect n=200 k=1, all 200 placements: max ${max} calls`);
    expect(problems).toEqual([]);
    expect(max).toBeLessThanOrEqual(10);
  });

  it('k = 3 and k = 4 among 200, over random placements: within 1 + k·(⌈log2 n⌉ + 1) calls', async () => {
    for (const k of [3, 4]) {
      const { max, problems } = await solveAll(200, placements(200, k, 2000, 7 + k));
      console.log(`bisect n=200 k=${k}, 2000 random placements: max ${max} calls`);
      expect(problems).toEqual([]);
      expect(max).toBeLessThanOrEqual(1 + k * 9);
    }
  }, 30_000);

  it('k = 2 in batches of other sizes stays within 1 + 2·(⌈log2 n⌉ + 1)', async () => {
    for (const n of [2, 3, 7, 50, 199, 1000]) {
      const { max, problems } = await solveAll(n, n <= 50 ? pairs(n) : placements(n, 2, 500, n));
      expect(problems).toEqual([]);
      expect(max).toBeLessThanOrEqual(1 + 2 * (Math.ceil(Math.log2(n)) + 1));
    }
  }, 30_000);

  it('k = 0: the batch succeeds whole, is reported as not reproducing, in one call (committed)', async () => {
    const { tryBatch } = oracle(new Set());
    expect(await bisect(range(200), tryBatch)).toEqual({
      culprits: [],
      calls: 1,
      reproduced: false,
      complete: true,
      unresolved: [],
      committed: [range(200)],
    });
  });

  it('every record poisoned: finds them all, committing nothing', async () => {
    const { result, problems } = await solve(8, new Set(range(8)));
    expect(problems).toEqual([]);
    expect(result.committed).toEqual([]);
    expect(result.reproduced).toBe(true);
  });

  it('n = 1 and n = 0', async () => {
    expect((await solve(1, new Set([0]))).result).toMatchObject({
      culprits: [0],
      calls: 1,
      reproduced: true,
    });
    expect(await bisect([7], oracle(new Set()).tryBatch)).toMatchObject({ calls: 1, reproduced: false });
    expect(await bisect([], oracle(new Set()).tryBatch)).toMatchObject({
      calls: 0,
      reproduced: false,
      complete: true,
    });
  });

  it('tells equal records apart by position', async () => {
    const records = ['same', 'same', 'poison', 'same'];
    const result = await bisect(records, (batch) =>
      Promise.resolve(batch.includes('poison') ? 'fail' : 'ok'),
    );
    expect(result.culprits).toEqual(['poison']);
    expect(result.committed.flat()).toEqual(['same', 'same', 'same']);
  });

  it('stops at maxCalls with a partial answer, flagged, and what it could not clear', async () => {
    const { tryBatch, sent } = oracle(new Set([10, 150]));
    const result = await bisect(range(200), tryBatch, { maxCalls: 5 });
    expect(sent).toHaveLength(5);
    expect(result).toMatchObject({ calls: 5, complete: false, reproduced: true });
    expect(result.unresolved).toContain(10);
    expect(result.unresolved).toContain(150);
    // Nothing committed is unresolved, nothing unresolved was committed.
    expect(result.committed.flat().some((record) => result.unresolved.includes(record))).toBe(false);
    expect(result.culprits.length + result.unresolved.length + result.committed.flat().length).toBe(200);
  });

  it('a failing call stops it with a typed error that still lists what was committed', async () => {
    let calls = 0;
    const flaky = (batch: readonly number[]): Promise<BatchOutcome> => {
      calls += 1;
      if (calls === 4) return Promise.reject(new Error('INVALID_SESSION_ID'));
      return Promise.resolve(batch.includes(199) ? 'fail' : 'ok');
    };
    const error: unknown = await bisect(range(200), flaky).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BisectInterruptedError);
    const { partial, message, code } = error as BisectInterruptedError<number>;
    expect(code).toBe('bisect_interrupted');
    expect(partial).toMatchObject({ calls: 4, complete: false });
    expect(partial.committed.flat()).toHaveLength(150);
    expect(message).toMatch(/150 record\(s\) in 2 successful sub-batch\(es\) were already sent/);
  });

  it('rejects a maxCalls that is not a whole number of at least 1', async () => {
    await expect(bisect([1], oracle(new Set()).tryBatch, { maxCalls: 0 })).rejects.toThrow(RangeError);
  });

  it('words the warning to give before a write bisect', () => {
    expect(bisectCommitNotice(200)).toMatch(/these 200 records .* succeeds is written to Salesforce/);
  });
});

describe('bisect of a recorded collection update that failed as a whole', () => {
  const INSTANCE = 'https://acme.my.salesforce.com';
  const ids = range(200).map((index) => `001000000000${String(index).padStart(3, '0')}AAA`);
  const LIMIT_ERROR = {
    statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    message:
      'AccountHealthTrigger: execution of AfterUpdate caused by: System.LimitException: Too many SOQL queries: 101',
    fields: [],
  };

  /** A trigger that blows a governor limit whenever a poisoned account is in the transaction. */
  function fakeOrg(poisoned: ReadonlySet<string>) {
    const requests: ReplayTarget[] = [];
    const send = (request: ReplayTarget): { status: number; responseBody: string } => {
      requests.push(request);
      const records = request.records ?? [];
      const fails = records.some((record) => poisoned.has(String(record['id'])));
      const results = records.map((record) =>
        fails ? { success: false, errors: [LIMIT_ERROR] } : { id: record['id'], success: true, errors: [] },
      );
      return { status: 200, responseBody: JSON.stringify(results) };
    };
    return { send, requests };
  }

  /** A call as the recording transport stores it: error codes read from the answer. */
  function recorded(exchange: { body?: string; status: number; responseBody: string }) {
    const { codes } = errorsOf(exchange.status, exchange.responseBody, 'application/json');
    return toStoredCall(
      callRecord({
        method: 'PATCH',
        path: '/services/data/v64.0/composite/sobjects',
        query: '',
        ...(exchange.body === undefined ? {} : { requestBody: exchange.body }),
        status: exchange.status,
        responseBody: exchange.responseBody,
        ...(codes.length > 0 ? { errorCodes: codes } : {}),
      }),
    );
  }

  function recordedCall(poisoned: ReadonlySet<string>) {
    const requestBody = JSON.stringify({
      allOrNone: false,
      records: ids.map((id, index) => ({
        id,
        attributes: { type: 'Account' },
        Health_Score__c: index % 100,
        Health_Status__c: index % 3 === 0 ? 'At Risk' : 'Healthy',
      })),
    });
    const records = (JSON.parse(requestBody) as { records: CollectionRecord[] }).records;
    const answer = fakeOrg(poisoned).send({
      replayable: true,
      method: 'PATCH',
      url: '',
      headers: {},
      kind: 'write',
      shape: 'collection-update',
      records,
    });
    return recorded({ body: requestBody, ...answer });
  }

  async function bisectRecorded(poisoned: ReadonlySet<string>) {
    const stored = recordedCall(poisoned);
    const target = replayTarget(stored, INSTANCE);
    if (isRefusal(target)) throw new Error(target.reason);
    const org = fakeOrg(poisoned);
    const result = await bisect(target.records ?? [], (batch) => {
      const request = withRecords(target, batch);
      const outcome = recorded({ ...request, ...org.send(request) });
      return Promise.resolve(succeeded(outcome) ? 'ok' : 'fail');
    });
    return { stored, result, org };
  }

  it('finds the 2 poisoned accounts in at most 20 calls, every call to the instance URL', async () => {
    const poisoned = new Set([ids[37]!, ids[163]!]);
    const { stored, result, org } = await bisectRecorded(poisoned);
    expect(stored.recordErrors).toHaveLength(200);
    expect(result.reproduced).toBe(true);
    expect(result.culprits.map((record) => record['id'])).toEqual([ids[37], ids[163]]);
    expect(result.calls).toBeLessThanOrEqual(20);
    expect(
      org.requests.every((request) => request.url === `${INSTANCE}/services/data/v64.0/composite/sobjects`),
    ).toBe(true);
    // The 198 others were written once each, by the sub-batches that succeeded.
    expect(result.committed.flat().map((record) => record['id'])).toHaveLength(198);
    // Replaying the original alone still fails the same way: persistent.
    const again = replayTarget(stored, INSTANCE) as ReplayTarget;
    const replayed = recorded({ ...again, ...org.send(again) });
    expect(verdictOf(stored, replayed).verdict).toBe('persistent');
  });

  it('reports a batch without a poisoned record as not reproducing, after one call', async () => {
    const { result, org } = await bisectRecorded(new Set());
    expect(result).toMatchObject({ reproduced: false, culprits: [], calls: 1 });
    expect(org.requests).toHaveLength(1);
  });
});
