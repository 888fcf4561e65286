import { describe, expect, it } from 'vitest';

import { pageSoql, soqlDateTime } from '../../../src/sync/pull/page-query.js';

describe('pageSoql', () => {
  const base = {
    object: 'Case',
    fields: ['Id', 'AccountId', 'SystemModstamp'],
    to: new Date('2026-11-22T09:58:00Z'),
    pageSize: 2000,
  };

  it('reads a full window from the beginning up to the commit lag', () => {
    expect(pageSoql({ ...base, cursor: {} })).toBe(
      'SELECT Id, AccountId, SystemModstamp FROM Case WHERE SystemModstamp < 2026-11-22T09:58:00Z ORDER BY SystemModstamp, Id LIMIT 2000',
    );
  });

  it('resumes after the last (SystemModstamp, Id), so records sharing a timestamp are neither skipped nor repeated', () => {
    expect(
      pageSoql({
        ...base,
        from: new Date('2026-11-22T09:40:00Z'),
        cursor: { stamp: '2026-11-22T09:45:12.000+0000', id: '5005e0000000042AAA' },
      }),
    ).toBe(
      "SELECT Id, AccountId, SystemModstamp FROM Case WHERE SystemModstamp >= 2026-11-22T09:40:00Z AND SystemModstamp < 2026-11-22T09:58:00Z AND (SystemModstamp > 2026-11-22T09:45:12Z OR (SystemModstamp = 2026-11-22T09:45:12Z AND Id > '5005e0000000042AAA')) ORDER BY SystemModstamp, Id LIMIT 2000",
    );
  });
});

describe('soqlDateTime', () => {
  it.each([
    ['2026-11-22T09:45:12.000+0000', '2026-11-22T09:45:12Z'],
    ['2026-11-22T09:45:12.250+0000', '2026-11-22T09:45:12.250Z'],
    ['2026-11-22T10:45:12.000+0100', '2026-11-22T09:45:12Z'],
  ])('%s -> %s', (wire, literal) => {
    expect(soqlDateTime(wire)).toBe(literal);
  });
});
