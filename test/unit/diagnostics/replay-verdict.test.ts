/**
 * verdictOf: transient (failed, now succeeds), persistent (the same error, the same records failing
 * the same way), changed (anything else), and a bounded diff of status, codes, records and bodies.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { recordErrorsOf } from '../../../src/diagnostics/call-store/call-facts.js';
import { bodyDiff, verdictOf, type CallOutcome } from '../../../src/diagnostics/replay/index.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');

const ids = Array.from({ length: 200 }, (_, index) => `001000000000${String(index).padStart(3, '0')}AAA`);
const requestBody = JSON.stringify({
  allOrNone: false,
  records: ids.map((id) => ({ id, attributes: { type: 'Account' }, Health_Score__c: 42 })),
});

/** A 200 from sObject Collections, each record failing with its code or succeeding. */
function collection(codeOf: (index: number) => string | undefined): CallOutcome {
  const results = ids.map((id, index) => {
    const code = codeOf(index);
    return code === undefined
      ? { id, success: true, errors: [] }
      : { success: false, errors: [{ statusCode: code, message: `${code} on ${id}`, fields: [] }] };
  });
  const responseBody = JSON.stringify(results);
  const codes = [...new Set(ids.map((_, index) => codeOf(index)).filter((code) => code !== undefined))];
  const recordErrors = recordErrorsOf({ requestBody, responseBody });
  return {
    status: 200,
    responseBody,
    ...(codes.length > 0 ? { errorCodes: codes } : {}),
    ...(recordErrors.length > 0 ? { recordErrors } : {}),
  };
}

const LIMIT = 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY';

describe('verdictOf', () => {
  it('transient: a collection every record of which failed on a lock now succeeds', () => {
    const { verdict, diff } = verdictOf(
      collection(() => 'UNABLE_TO_LOCK_ROW'),
      collection(() => undefined),
    );
    expect(verdict).toBe('transient');
    expect(diff.summary).toMatch(
      /^transient: the call failed \(200 UNABLE_TO_LOCK_ROW, 200 record\(s\) failed\)/,
    );
    expect(diff.status).toBeUndefined();
    expect(diff.errorCodes).toEqual({ added: [], removed: ['UNABLE_TO_LOCK_ROW'] });
    // Per-record outcomes, bounded: 50 listed, the rest counted.
    expect(diff.records?.changed).toHaveLength(50);
    expect(diff.records?.more).toBe(150);
    expect(diff.records?.changed[0]).toEqual({
      index: 0,
      id: ids[0],
      original: 'UNABLE_TO_LOCK_ROW',
      replayed: 'ok',
    });
  });

  it('transient: no response came back, now it does', () => {
    const { verdict, diff } = verdictOf(
      { errorCodes: ['ECONNRESET'] },
      { status: 200, responseBody: payload('query-response-empty.json') },
    );
    expect(verdict).toBe('transient');
    expect(diff.status).toEqual({ original: null, replayed: 200 });
    expect(diff.body).toEqual({ kind: 'absent', original: false, replayed: true });
  });

  it('persistent: the same error code, whatever the status and message', () => {
    const body = payload('error-request-limit-exceeded-403.json');
    const { verdict, diff } = verdictOf(
      { status: 403, errorCodes: ['REQUEST_LIMIT_EXCEEDED'], responseBody: body },
      { status: 403, errorCodes: ['REQUEST_LIMIT_EXCEEDED'], responseBody: body },
    );
    expect(verdict).toBe('persistent');
    expect(diff.summary).toMatch(/the replay fails the same way/);
    expect(diff.body).toEqual({ kind: 'same' });
    expect(diff.records).toBeUndefined();
  });

  it('persistent: the same records of a collection fail with the same codes', () => {
    const poisoned = (index: number): string | undefined =>
      index === 17 || index === 140 ? LIMIT : undefined;
    expect(verdictOf(collection(poisoned), collection(poisoned)).verdict).toBe('persistent');
  });

  it('persistent: a batch that failed whole on a governor limit fails whole again', () => {
    const limit = (): string => LIMIT;
    expect(verdictOf(collection(limit), collection(limit)).verdict).toBe('persistent');
  });

  it('changed: the same code, but on other records', () => {
    const { verdict, diff } = verdictOf(
      collection((index) => (index === 3 ? 'UNABLE_TO_LOCK_ROW' : undefined)),
      collection((index) => (index === 4 ? 'UNABLE_TO_LOCK_ROW' : undefined)),
    );
    expect(verdict).toBe('changed');
    expect(diff.errorCodes).toBeUndefined();
    expect(diff.records?.changed).toEqual([
      { index: 3, id: ids[3], original: 'UNABLE_TO_LOCK_ROW', replayed: 'ok' },
      { index: 4, id: ids[4], original: 'ok', replayed: 'UNABLE_TO_LOCK_ROW' },
    ]);
  });

  it('changed: another error', () => {
    const { verdict, diff } = verdictOf(
      {
        status: 400,
        errorCodes: ['UNABLE_TO_LOCK_ROW'],
        responseBody: payload('error-unable-to-lock-row.json'),
      },
      {
        status: 400,
        errorCodes: ['INVALID_FIELD'],
        responseBody: payload('error-invalid-field-on-write-400.json'),
      },
    );
    expect(verdict).toBe('changed');
    expect(diff.errorCodes).toEqual({ added: ['INVALID_FIELD'], removed: ['UNABLE_TO_LOCK_ROW'] });
    expect(diff.body.kind).toBe('json');
  });

  it('changed: a whole-call failure became per-record failures', () => {
    const { verdict, diff } = verdictOf(
      { status: 503, responseBody: '<html>Service Unavailable</html>' },
      collection((index) => (index === 0 ? 'STRING_TOO_LONG' : undefined)),
    );
    expect(verdict).toBe('changed');
    expect(diff.records?.changed[0]).toMatchObject({
      index: 0,
      original: 'not processed',
      replayed: 'STRING_TOO_LONG',
    });
  });

  it('without codes the status decides: 500 then 500 persists, 500 then 502 changed', () => {
    const html = '<html><body>Internal Server Error</body></html>';
    expect(verdictOf({ status: 500, responseBody: html }, { status: 500, responseBody: html }).verdict).toBe(
      'persistent',
    );
    expect(verdictOf({ status: 500, responseBody: html }, { status: 502, responseBody: html }).verdict).toBe(
      'changed',
    );
  });

  it('changed, for two successes: the diff says whether anything differs', () => {
    const page = payload('query-response-last-page.json');
    const same = verdictOf({ status: 200, responseBody: page }, { status: 200, responseBody: page });
    expect(same.verdict).toBe('changed');
    expect(same.diff.summary).toMatch(/succeeded .* succeeds/);
    expect(same.diff.body).toEqual({ kind: 'same' });
  });
});

describe('bodyDiff', () => {
  it('lists JSON paths added, removed and changed', () => {
    const before = JSON.stringify({
      totalSize: 2,
      done: false,
      records: [{ Id: 'a', Name: 'x' }],
      nextRecordsUrl: '/q/1',
    });
    const after = JSON.stringify({
      totalSize: 3,
      done: true,
      records: [{ Id: 'a', 'Odd key': 1 }, { Id: 'b' }],
    });
    expect(bodyDiff(before, after)).toEqual({
      kind: 'json',
      more: 0,
      changes: [
        { op: 'changed', path: '$.done', original: 'false', replayed: 'true' },
        { op: 'removed', path: '$.nextRecordsUrl', original: '"/q/1"' },
        { op: 'removed', path: '$.records[0].Name', original: '"x"' },
        { op: 'added', path: '$.records[0]["Odd key"]', replayed: '1' },
        { op: 'added', path: '$.records[1]', replayed: '{"Id":"b"}' },
        { op: 'changed', path: '$.totalSize', original: '2', replayed: '3' },
      ],
    });
  });

  it('stays bounded: changes past the limit are counted, values are cut', () => {
    const before = JSON.stringify(
      Array.from({ length: 500 }, (_, index) => ({ n: index, text: 'a'.repeat(500) })),
    );
    const after = JSON.stringify(
      Array.from({ length: 500 }, (_, index) => ({ n: -index - 1, text: 'b'.repeat(500) })),
    );
    const diff = bodyDiff(before, after, { maxChanges: 10, maxPreview: 20 });
    if (diff.kind !== 'json') throw new Error(diff.kind);
    expect(diff.changes).toHaveLength(10);
    expect(diff.more).toBe(990);
    expect(diff.changes.every((change) => (change.original?.length ?? 0) <= 21)).toBe(true);
  });

  it('summarises bodies that are not JSON (Bulk result CSVs) by lines', () => {
    const header = payload('bulk2-failed-results-header.csv').trim();
    const before = `${header}\n"","REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --",""\n`;
    const after = `${header}\n`;
    expect(bodyDiff(before, after)).toEqual({
      kind: 'text',
      removedLines: 1,
      addedLines: 0,
      first: { line: 2, original: before.split('\n')[1]!.slice(0, 120), replayed: '' },
    });
  });

  it('treats a response the recorder cut as text, not as broken JSON', () => {
    const cut = `[{"id":"001","success":true,"errors":[]}…[cut: 100 more characters]`;
    expect(bodyDiff(cut, '[]').kind).toBe('text');
  });
});
