/**
 * The same seed and profile give the same faults: 120 different requests (queries, describes,
 * limits, single and collection writes) fired all at once at two emulators, in opposite orders,
 * meet the same faults and get the same answers — faults come from (seed, identity, attempt),
 * never from arrival order.
 */
import { describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { api, login, soql } from './rest-client.js';

interface Planned {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
}

function plan(ids: readonly string[]): Planned[] {
  const requests: Planned[] = [];
  for (let i = 0; i < 40; i += 1)
    requests.push({ method: 'GET', path: soql(`SELECT Id, Name FROM Account ORDER BY Id LIMIT ${i + 1}`) });
  for (const object of ['Account', 'Opportunity', 'Case', 'Task', 'User']) {
    requests.push({ method: 'GET', path: api(`/sobjects/${object}/describe`) });
    requests.push({ method: 'GET', path: api(`/sobjects/${object}`) });
  }
  // Not /limits: its DailyApiRequests count depends on how many calls came first.
  for (let i = 0; i < 10; i += 1) requests.push({ method: 'GET', path: `${api('/sobjects')}?n=${i}` });
  ids.forEach((id, i) => {
    requests.push({
      method: 'PATCH',
      path: api(`/sobjects/Account/${id}`),
      body: { NumberOfEmployees: 1000 + i },
    });
  });
  for (let i = 0; i < 30; i += 1) {
    const records = ids.slice(i % 10, (i % 10) + 10).map((id) => ({
      attributes: { type: 'Account' },
      id,
      AnnualRevenue: i * 1000,
    }));
    requests.push({ method: 'PATCH', path: api('/composite/sobjects'), body: { records } });
  }
  return requests;
}

async function outcome(emulator: RunningEmulator, request: Planned): Promise<string> {
  const token = await login(emulator);
  try {
    const response = await fetch(`${emulator.url}${request.path}`, {
      method: request.method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    // Describe answers name the instance URL, whose port differs between the two emulators (a
    // truncated answer may end inside it).
    const text = (await response.text()).replace(/127\.0\.0\.1:\d*/g, 'INSTANCE');
    return `${response.status} ${response.headers.get('content-type') ?? ''} ${text}`;
  } catch (error) {
    return `network error ${String((error as { cause?: { code?: string } }).cause?.code)}`;
  }
}

async function run(
  reverse: boolean,
): Promise<{ outcomes: string[]; injected: string[]; counts: Record<string, number> }> {
  const emulator = await startEmulator({
    accounts: 25,
    seed: 11,
    faults: { extends: 'chaos', slowResponseMs: 40, rates: { unableToLockRow: 0.1, poisonedRecords: 0.02 } },
    faultSeed: 99,
    latencyMs: { kind: 'uniform', minMs: 0, maxMs: 15 },
  });
  try {
    const ids = [...emulator.state.store.recordsOf('Account')]
      .slice(0, 20)
      .map((record) => String(record['Id']));
    const requests = plan(ids);
    const order = requests.map((_, i) => i);
    if (reverse) order.reverse();
    const outcomes: string[] = new Array<string>(requests.length);
    await Promise.all(
      order.map(async (i) => {
        const request = requests[i];
        if (request) outcomes[i] = await outcome(emulator, request);
      }),
    );
    const injected = emulator.state.faults.injected
      .map((fault) => `${fault.kind} ${fault.identity} #${fault.attempt} ${fault.record ?? ''}`)
      .sort();
    return { outcomes, injected, counts: emulator.state.faults.counts() };
  } finally {
    await emulator.close();
  }
}

describe('fault determinism', () => {
  it('gives the same faults and answers to the same requests sent in parallel, in any order', async () => {
    const first = await run(false);
    const second = await run(true);
    expect(first.injected.length).toBeGreaterThan(10);
    expect(Object.keys(first.counts).length).toBeGreaterThanOrEqual(5);
    expect(second.injected).toEqual(first.injected);
    expect(second.counts).toEqual(first.counts);
    expect(second.outcomes).toEqual(first.outcomes);
  });
});
