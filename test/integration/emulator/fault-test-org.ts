/**
 * The org the fault tests share: test endpoints on (faults are swapped per test through PUT
 * /__emulator/faults and reset to none after each), ten account ids, and a raw single-record
 * update whose network errors the tests inspect.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, expect } from 'vitest';

import { startEmulator, type FaultProfileInput, type RunningEmulator } from '../../../emulator/index.js';
import { api, call, login, soql } from './rest-client.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
export const reference = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(PAYLOADS, name), 'utf8'));

/** The `code` of a fetch failure's cause (`UND_ERR_SOCKET`, `ECONNRESET`), else the error's name. */
export const causeCode = (error: unknown): string =>
  (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;

export interface FaultOrg {
  readonly emulator: RunningEmulator;
  readonly token: string;
  /** The n-th account id (by Id). */
  readonly id: (n: number) => string;
  readonly setFaults: (faults: string | FaultProfileInput) => Promise<void>;
  /** Only this fault, at rate 1. */
  readonly only: (kind: string, extra?: FaultProfileInput) => Promise<void>;
  readonly employees: (n: number) => unknown;
  /** PATCH NumberOfEmployees of the n-th account, as a raw fetch. */
  readonly update: (n: number, value: number, signal?: AbortSignal) => Promise<Response>;
}

export function useFaultOrg(): FaultOrg {
  let emulator: RunningEmulator | undefined;
  let token = '';
  let ids: string[] = [];
  const running = (): RunningEmulator => {
    if (!emulator) throw new Error('the fault test org is not running');
    return emulator;
  };
  const org: FaultOrg = {
    get emulator() {
      return running();
    },
    get token() {
      return token;
    },
    id: (n) => ids[n] ?? '',
    setFaults: async (faults) => {
      const response = await call(running(), 'PUT', '/__emulator/faults', { body: { faults } });
      expect(response.status).toBe(200);
    },
    only: (kind, extra = {}) => org.setFaults({ ...extra, rates: { [kind]: 1, ...extra.rates } }),
    employees: (n) => running().state.store.recordById(org.id(n))?.['NumberOfEmployees'],
    update: (n, value, signal) =>
      fetch(`${running().url}${api(`/sobjects/Account/${org.id(n)}`)}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ NumberOfEmployees: value }),
        ...(signal ? { signal } : {}),
      }),
  };
  beforeAll(async () => {
    emulator = await startEmulator({ accounts: 20, testEndpoints: true, bulkProcessingMs: 1 });
    token = await login(emulator);
    ids = (await call(emulator, 'GET', soql('SELECT Id FROM Account ORDER BY Id LIMIT 10'), { token }))
      .json<{ records: { Id: string }[] }>()
      .records.map((record) => record.Id);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  afterEach(async () => {
    await org.setFaults('none');
  });
  return org;
}
