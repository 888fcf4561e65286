/**
 * compareBeforeWrite: a replayed write goes only to records that hold, field by field, what they
 * held right after the original call (what it wrote if it landed, what was there if it failed) or
 * already what the replay writes; anything else — or anything that cannot be told — is held back.
 */
import { describe, expect, it } from 'vitest';

import { recordErrorsOf } from '../../../src/diagnostics/call-store/call-facts.js';
import {
  compareBeforeWrite,
  originalOutcomes,
  recordKeyOf,
  sameValue,
  type CollectionRecord,
  type CompareBeforeWriteInput,
} from '../../../src/diagnostics/replay/index.js';

const A = '001000000000001AAA';
const B = '001000000000002AAA';
const C = '001000000000003AAA';

/** As jsforce writes a collection update: lower-case `id`, attributes, then Pulse's fields. */
const record = (id: string, score: number, status: string): CollectionRecord => ({
  id,
  attributes: { type: 'Account' },
  Health_Score__c: score,
  Health_Status__c: status,
  Health_Updated_At__c: '2025-03-01T06:00:00.000Z',
});

const records = [record(A, 41, 'At Risk'), record(B, 77, 'Healthy'), record(C, 12, 'Critical')];
const requestBody = JSON.stringify({ allOrNone: false, records });

/** The original call's answer: per record success, or the error it got. */
function original(
  outcomes: readonly (string | undefined)[],
  status = 200,
): CompareBeforeWriteInput['original'] {
  const responseBody = JSON.stringify(
    outcomes.map((code, index) =>
      code === undefined
        ? { id: records[index]?.['id'], success: true, errors: [] }
        : { success: false, errors: [{ statusCode: code, message: code, fields: [] }] },
    ),
  );
  const recordErrors = recordErrorsOf({ requestBody, responseBody });
  return { status, responseBody, ...(recordErrors.length > 0 ? { recordErrors } : {}) };
}

/** What Salesforce answers now, as SOQL returns it: `Id`, numbers as stored, `+0000` date-times. */
const now = (id: string, score: number, status: string, at = '2025-03-01T06:00:00.000+0000') => ({
  Id: id,
  Health_Score__c: score,
  Health_Status__c: status,
  Health_Updated_At__c: at,
});

const current = (...rows: ReturnType<typeof now>[]) => new Map(rows.map((row) => [row.Id, row]));

describe('compareBeforeWrite', () => {
  it('writes a record the original call landed on and nobody touched since (a no-op rewrite)', () => {
    const result = compareBeforeWrite({
      records,
      original: original([undefined, undefined, undefined]),
      current: current(now(A, 41, 'At Risk'), now(B, 77, 'Healthy'), now(C, 12, 'Critical')),
    });
    expect(result).toEqual({ safe: records, changed: [], missing: [] });
  });

  it('holds back a record changed since the original call wrote it, naming the field, then and now', () => {
    const result = compareBeforeWrite({
      records,
      original: original([undefined, undefined, undefined]),
      current: current(now(A, 41, 'At Risk'), now(B, 77, 'Watch'), now(C, 12, 'Critical')),
    });
    expect(result.safe).toEqual([records[0], records[2]]);
    expect(result.changed).toEqual([
      {
        id: B,
        field: 'Health_Status__c',
        then: 'Healthy',
        now: 'Watch',
        written: 'Healthy',
        why: 'changed since the original call wrote it',
      },
    ]);
  });

  it('writes a failed record that still holds its values from before the call', () => {
    const result = compareBeforeWrite({
      records,
      original: original(['UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW', 'UNABLE_TO_LOCK_ROW']),
      current: current(
        now(A, 50, 'Watch', '2025-02-01T06:00:00.000+0000'),
        now(B, 70, 'Healthy', '2025-02-01T06:00:00.000+0000'),
        now(C, 12, 'Critical'),
      ),
      before: new Map([
        [
          A,
          {
            Health_Score__c: 50,
            Health_Status__c: 'Watch',
            Health_Updated_At__c: '2025-02-01T06:00:00.000Z',
          },
        ],
        // B was edited by someone after the failed call: its score is no longer what it was.
        [
          B,
          {
            Health_Score__c: 76,
            Health_Status__c: 'Healthy',
            Health_Updated_At__c: '2025-02-01T06:00:00.000Z',
          },
        ],
      ]),
    });
    // C already holds what the replay writes; A is as it was; B changed since.
    expect(result.safe.map((row) => row['id'])).toEqual([A, C]);
    expect(result.changed).toEqual([
      {
        id: B,
        field: 'Health_Score__c',
        then: 76,
        now: 70,
        written: 77,
        why: 'changed since the original call failed',
      },
    ]);
  });

  it('fails closed when a failed record’s earlier values were not kept', () => {
    const result = compareBeforeWrite({
      records: [records[0]!],
      original: original(['UNABLE_TO_LOCK_ROW']),
      current: current(now(A, 50, 'Watch')),
    });
    expect(result.safe).toEqual([]);
    expect(result.changed.map((field) => [field.field, field.then, field.why])).toEqual([
      [
        'Health_Score__c',
        undefined,
        'the value before the original call was not kept, so a change since cannot be ruled out',
      ],
      [
        'Health_Status__c',
        undefined,
        'the value before the original call was not kept, so a change since cannot be ruled out',
      ],
    ]);
    expect('then' in result.changed[0]!).toBe(false);
  });

  it('fails closed when it is unknown whether the original landed (no response, 5xx)', () => {
    const unknown: CompareBeforeWriteInput['original'][] = [{}, { status: 503, responseBody: '<html/>' }];
    for (const failed of unknown) {
      const result = compareBeforeWrite({
        records,
        original: failed,
        current: current(now(A, 41, 'At Risk'), now(B, 1, 'Healthy'), now(C, 12, 'Critical')),
        before: new Map([[B, { Health_Score__c: 1, Health_Status__c: 'Healthy' }]]),
      });
      // A and C already hold the values: nothing to lose. B might have been written and reverted.
      expect(result.safe.map((row) => row['id'])).toEqual([A, C]);
      expect(result.changed).toMatchObject([{ id: B, field: 'Health_Score__c', now: 1, written: 77 }]);
      expect(result.changed[0]?.why).toMatch(/whether the original call landed is unknown/);
    }
  });

  it('reports a record no longer found (deleted, merged, not visible) and does not write it', () => {
    const result = compareBeforeWrite({
      records,
      original: original([undefined, undefined, undefined]),
      current: current(now(A, 41, 'At Risk'), now(C, 12, 'Critical')),
    });
    expect(result.missing).toEqual([B]);
    expect(result.safe.map((row) => row['id'])).toEqual([A, C]);
  });

  it('matches 15- and 18-character ids, and keys upserts by their external id', () => {
    const result = compareBeforeWrite({
      records,
      original: original([undefined, undefined, undefined]),
      current: new Map([
        [A.slice(0, 15), now(A, 41, 'At Risk')],
        [B.slice(0, 15), now(B, 77, 'Healthy')],
        [C, now(C, 12, 'Critical')],
      ]),
    });
    expect(result.safe).toHaveLength(3);
    const upserts = [{ attributes: { type: 'Account' }, External_Id__c: 'ext-9', Health_Score__c: 5 }];
    const upserted = compareBeforeWrite({
      records: upserts,
      original: {
        status: 200,
        responseBody: '[{"id":"001000000000009AAA","success":true,"errors":[],"created":false}]',
      },
      current: new Map([['ext-9', { Health_Score__c: 6 }]]),
      keyField: 'External_Id__c',
    });
    expect(upserted.changed).toMatchObject([{ id: 'ext-9', field: 'Health_Score__c', then: 5, now: 6 }]);
  });
});

describe('originalOutcomes', () => {
  it('reads each record’s result; a 4xx wrote nothing; no response or a 5xx is unknown', () => {
    expect(originalOutcomes(original([undefined, 'STRING_TOO_LONG', undefined]), 3)).toEqual([
      'landed',
      'failed',
      'landed',
    ]);
    expect(originalOutcomes({ status: 400, responseBody: '[]' }, 2)).toEqual(['failed', 'failed']);
    expect(originalOutcomes({}, 2)).toEqual(['unknown', 'unknown']);
    expect(originalOutcomes({ status: 500 }, 1)).toEqual(['unknown']);
  });

  it('falls back on the stored record errors when the recorder cut the results', () => {
    const cut = {
      status: 200,
      responseBody:
        '[{"id":"001000000000001AAA","success":true,"errors":[]},{"succ…[cut: 9000 more characters]',
      recordErrors: [{ index: 1, errorCode: 'UNABLE_TO_LOCK_ROW', message: 'locked' }],
    };
    expect(originalOutcomes(cut, 3)).toEqual(['unknown', 'failed', 'unknown']);
  });
});

describe('recordKeyOf', () => {
  it('reads jsforce’s lower-case id, Salesforce’s Id, or an external id', () => {
    expect(recordKeyOf(records[0]!)).toBe(A);
    expect(recordKeyOf({ Id: B, attributes: { type: 'Account' } })).toBe(B);
    expect(recordKeyOf({ External_Id__c: 9 }, 'External_Id__c')).toBe('9');
    expect(recordKeyOf({ id: { nested: true } })).toBeUndefined();
  });
});

describe('sameValue', () => {
  it('compares as Salesforce stores values', () => {
    expect(sameValue('2025-03-01T06:00:00.000+0000', '2025-03-01T06:00:00.000Z')).toBe(true);
    expect(sameValue('2025-03-01T06:00:01.000+0000', '2025-03-01T06:00:00.000Z')).toBe(false);
    expect(sameValue(null, '')).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(72, 72.4)).toBe(true);
    expect(sameValue(72.5, 72.4)).toBe(false);
    expect(sameValue('72', 72)).toBe(false);
    expect(sameValue('Churn Risk;Low Usage', 'Churn Risk;Low Usage')).toBe(true);
    expect(sameValue(false, null)).toBe(false);
  });
});
