/**
 * Writing changed accounts against a fake org whose trigger fails in the ways real ones do: a few
 * bad records failing their whole batch, a trigger that fails any batch above a size (not
 * bulkified), one that fails every record, and rows locked for a moment. What lands, what is
 * reported failed, and how many calls it took.
 */
import { describe, expect, it } from 'vitest';

import type { SalesforceClient } from '../../../src/salesforce/salesforce-client.js';
import type { RecordResult } from '../../../src/salesforce/types.js';
import { writeAccounts, type AccountChange } from '../../../src/sync/write/write-accounts.js';

const TRIGGER = 'PulseAccountTrigger: System.LimitException: Too many SOQL queries: 101';
const triggerFailure: RecordResult = {
  success: false,
  errors: [{ statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: TRIGGER, fields: [] }],
};

type Batch = readonly Record<string, unknown>[];

/** A fake org: `batchFails` decides whether the trigger fails the whole batch; else each record lands unless `recordResult` says. */
function fakeOrg(
  batchFails: (ids: readonly string[]) => boolean,
  recordResult: (id: string, attempt: number) => RecordResult | undefined = () => undefined,
) {
  const stored = new Map<string, unknown>();
  const sizes: number[] = [];
  const attempts = new Map<string, number>();
  const client = {
    updateRecords(_object: string, records: Batch): Promise<RecordResult[]> {
      const ids = records.map((record) => String(record['Id']));
      sizes.push(ids.length);
      if (batchFails(ids)) return Promise.resolve(ids.map(() => triggerFailure));
      return Promise.resolve(
        records.map((record) => {
          const id = String(record['Id']);
          const attempt = (attempts.get(id) ?? 0) + 1;
          attempts.set(id, attempt);
          const own = recordResult(id, attempt);
          if (own) return own;
          stored.set(id, record['Health_Score__c']);
          return { id, success: true, errors: [] };
        }),
      );
    },
  } as unknown as SalesforceClient;
  return { client, stored, sizes };
}

const changes = (count: number): AccountChange[] =>
  Array.from({ length: count }, (_, i) => ({
    id: `001${String(i).padStart(15, '0')}`,
    values: { Health_Score__c: 50 },
  }));

describe('writing accounts through a failing trigger', () => {
  it('one bad record among 200 costs about log2(200) + 2 calls, and only it fails', async () => {
    const all = changes(200);
    const bad = all[137]?.id ?? '';
    const org = fakeOrg((ids) => ids.includes(bad));
    const outcome = await writeAccounts(org.client, all);
    expect(outcome.failed).toEqual([
      { id: bad, errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: TRIGGER },
    ]);
    expect(outcome.written).toHaveLength(199);
    expect(org.stored.size).toBe(199);
    expect(outcome.calls).toBeLessThanOrEqual(1 + 8 + 2);
  });

  it('bad records in every quarter: each found, the rest written', async () => {
    const all = changes(230);
    const bad = new Set([3, 60, 61, 110, 160, 199, 229].map((i) => all[i]?.id ?? ''));
    const org = fakeOrg((ids) => ids.some((id) => bad.has(id)));
    const outcome = await writeAccounts(org.client, all);
    expect(new Set(outcome.failed.map((failure) => failure.id))).toEqual(bad);
    expect(outcome.written).toHaveLength(230 - bad.size);
    expect(outcome.calls).toBeLessThanOrEqual(2 + bad.size * (8 + 2));
  });

  it('a trigger that fails any batch over 20 records blames no record: all are written', async () => {
    const all = changes(200);
    const org = fakeOrg((ids) => ids.length > 20);
    const outcome = await writeAccounts(org.client, all);
    expect(outcome.failed).toEqual([]);
    expect(outcome.written).toHaveLength(200);
    // About two calls per 20 records (57 here): more than one bad record costs, fewer than one per record.
    expect(outcome.calls).toBeLessThan(100);
  });

  it('a trigger that fails every record: reported failed after a few calls, not one per record', async () => {
    const all = changes(230);
    const org = fakeOrg(() => true);
    const outcome = await writeAccounts(org.client, all);
    expect(outcome.written).toEqual([]);
    expect(outcome.failed).toHaveLength(230);
    expect(outcome.failed.every((failure) => failure.message === TRIGGER)).toBe(true);
    // 200: the chunk, 8 halvings to one record, the rest, one more record alone; 30: 1 + 5 + 2.
    expect(outcome.calls).toBe(11 + 8);
  });

  it('a locked row is retried in a smaller batch and lands; a data error is reported at once', async () => {
    const all = changes(5);
    const org = fakeOrg(
      () => false,
      (id, attempt) => {
        if (id === all[1]?.id && attempt === 1)
          return {
            success: false,
            errors: [
              {
                statusCode: 'UNABLE_TO_LOCK_ROW',
                message: `unable to obtain exclusive access: ${id}`,
                fields: [],
              },
            ],
          };
        if (id === all[3]?.id)
          return {
            success: false,
            errors: [{ statusCode: 'STRING_TOO_LONG', message: 'Reasons: data value too large', fields: [] }],
          };
        return undefined;
      },
    );
    const outcome = await writeAccounts(org.client, all);
    expect(outcome.written).toHaveLength(4);
    expect(outcome.failed.map((failure) => [failure.id, failure.errorCode])).toEqual([
      [all[3]?.id, 'STRING_TOO_LONG'],
    ]);
    expect(org.sizes).toEqual([5, 1]);
  });
});
