/**
 * The org the Bulk API 2.0 contract tests share: processing paced at 60 s of org clock a batch
 * (moved with /__emulator/clock/advance), batches of 5 rows, and helpers to call it and read the
 * reference payloads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { api, call, login, type RawResponse } from './rest-client.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
export const payloadText = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');
export const reference = (name: string): unknown => JSON.parse(payloadText(name));

export const BATCH_MS = 60_000;
export const BULK_ORG_OPTIONS = {
  testEndpoints: true,
  bulkProcessingMs: BATCH_MS,
  bulkBatchSize: 5,
} as const;

export interface BulkOrg {
  readonly emulator: RunningEmulator;
  readonly token: string;
  /** A fresh access token (after the clock moved past its lifetime). */
  readonly relogin: () => Promise<void>;
  readonly rest: (method: string, rest: string, body?: unknown, contentType?: string) => Promise<RawResponse>;
  readonly advance: (ms: number) => Promise<RawResponse>;
  readonly jobInfo: (kind: 'ingest' | 'query', id: string) => Promise<Record<string, unknown>>;
  readonly accountIds: (count: number) => Promise<string[]>;
  /** Creates, uploads and closes an ingest job; its id. */
  readonly ingest: (body: Record<string, unknown>, csv: string) => Promise<string>;
}

/** Starts the org before the file's tests and stops it after. */
export function useBulkOrg(): BulkOrg {
  let emulator: RunningEmulator | undefined;
  let token = '';
  beforeAll(async () => {
    emulator = await startEmulator({
      accounts: 30,
      now: new Date('2026-11-22T09:00:00Z'),
      ...BULK_ORG_OPTIONS,
    });
    token = await login(emulator);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const running = (): RunningEmulator => {
    if (!emulator) throw new Error('the Bulk test org is not running');
    return emulator;
  };
  const org: BulkOrg = {
    get emulator() {
      return running();
    },
    get token() {
      return token;
    },
    relogin: async () => {
      token = await login(running());
    },
    rest: (method, rest, body, contentType) =>
      call(running(), method, api(rest), {
        token,
        ...(body === undefined ? {} : { body }),
        ...(contentType ? { contentType } : {}),
      }),
    advance: (ms) => call(running(), 'POST', '/__emulator/clock/advance', { body: { ms } }),
    jobInfo: async (kind, id) =>
      (await org.rest('GET', `/jobs/${kind}/${id}`)).json<Record<string, unknown>>(),
    accountIds: async (count) => {
      const soql = `SELECT Id FROM Account ORDER BY Id LIMIT ${count}`;
      const response = await org.rest('GET', `/query?q=${encodeURIComponent(soql)}`);
      return response.json<{ records: { Id: string }[] }>().records.map((record) => record.Id);
    },
    ingest: async (body, csv) => {
      const id = (await org.rest('POST', '/jobs/ingest', body)).json<{ id: string }>().id;
      expect((await org.rest('PUT', `/jobs/ingest/${id}/batches`, csv, 'text/csv')).status).toBe(201);
      expect((await org.rest('PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' })).status).toBe(200);
      return id;
    },
  };
  return org;
}
