/**
 * ORDER BY (several keys, ASC/DESC, NULLS FIRST/LAST, numbers, dates, parent fields, stability),
 * LIMIT and OFFSET over the fixture org, plus a timing print for a 500k-row keyset page.
 */
import { describe, expect, it } from 'vitest';

import type { StoredRecord } from '../../../../emulator/org/types.js';
import { compileQuery } from '../../../../emulator/soql/index.js';
import { sortedIndices } from '../../../../emulator/soql/sort-rows.js';

import { createOrg } from './fixture-org.js';

const org = createOrg();

function names(soql: string, includeDeleted = false): unknown[] {
  return compileQuery(soql, org, { includeDeleted })
    .execute()
    .map((record) => record['Name']);
}

describe('ORDER BY', () => {
  it.each([
    ['Name', ['Acme', 'beta corp', 'Delta_1%', 'Epsilon', 'Gamma']],
    ['Name DESC', ['Gamma', 'Epsilon', 'Delta_1%', 'beta corp', 'Acme']],
    // Nulls first when ascending; ties keep insertion order (Acme before Delta).
    ['Type', ['Gamma', 'Acme', 'Delta_1%', 'Epsilon', 'beta corp']],
    ['Type ASC NULLS LAST', ['Acme', 'Delta_1%', 'Epsilon', 'beta corp', 'Gamma']],
    ['Type DESC', ['beta corp', 'Epsilon', 'Acme', 'Delta_1%', 'Gamma']],
    ['Type DESC NULLS FIRST', ['Gamma', 'beta corp', 'Epsilon', 'Acme', 'Delta_1%']],
    ['Type, Name DESC', ['Gamma', 'Delta_1%', 'Acme', 'Epsilon', 'beta corp']],
    // Numbers compare as numbers: 500 < 1000 < 2500.5.
    ['AnnualRevenue', ['Gamma', 'Epsilon', 'beta corp', 'Acme', 'Delta_1%']],
    ['AnnualRevenue DESC', ['Delta_1%', 'Acme', 'beta corp', 'Epsilon', 'Gamma']],
    ['NumberOfEmployees DESC, Name', ['Delta_1%', 'Acme', 'Epsilon', 'beta corp', 'Gamma']],
    ['Renewal_Date__c DESC', ['Epsilon', 'Acme', 'beta corp', 'Delta_1%', 'Gamma']],
    ['SystemModstamp, Id', ['Delta_1%', 'Gamma', 'beta corp', 'Acme', 'Epsilon']],
    ['SystemModstamp DESC, Id DESC', ['Epsilon', 'Acme', 'beta corp', 'Gamma', 'Delta_1%']],
    ['Owner.Name, Name', ['Gamma', 'Acme', 'Delta_1%', 'beta corp', 'Epsilon']],
    ['Owner.Name DESC NULLS LAST, Name DESC', ['Epsilon', 'beta corp', 'Delta_1%', 'Acme', 'Gamma']],
  ])('%s', (orderBy, expected) => {
    expect(names(`SELECT Name FROM Account ORDER BY ${orderBy}`)).toEqual(expected);
  });

  it('sorts booleans false first', () => {
    expect(names('SELECT Name FROM Account ORDER BY IsDeleted DESC, Name LIMIT 2', true)).toEqual([
      'Zeta',
      'Acme',
    ]);
  });

  it('orders child rows by parent fields', () => {
    expect(names('SELECT Name FROM Opportunity ORDER BY Account.Name DESC NULLS LAST, Amount')).toEqual([
      'Beta new',
      'Acme renewal',
      'Acme upsell',
      'Orphan',
    ]);
  });
});

describe('LIMIT and OFFSET', () => {
  it.each([
    ['ORDER BY Name LIMIT 2', ['Acme', 'beta corp']],
    ['ORDER BY Name LIMIT 2 OFFSET 1', ['beta corp', 'Delta_1%']],
    ['ORDER BY Name OFFSET 3', ['Epsilon', 'Gamma']],
    ['ORDER BY Name LIMIT 10 OFFSET 4', ['Gamma']],
    ['ORDER BY Name OFFSET 2000', []],
    ['LIMIT 0', []],
    ['LIMIT 3', ['Acme', 'beta corp', 'Gamma']],
    ["WHERE Type = 'Customer' ORDER BY Name DESC LIMIT 1", ['Delta_1%']],
  ])('%s', (tail, expected) => {
    expect(names(`SELECT Name FROM Account ${tail}`)).toEqual(expected);
  });
});

describe('sortedIndices', () => {
  const column = (values: (string | number | null)[], descending = false, nullsFirst = !descending) => ({
    values,
    descending,
    nullsFirst,
  });

  it('gives the same first rows with a bounded heap as with a full sort', () => {
    const values = Array.from({ length: 400 }, (_value, i) => (i % 7 === 0 ? null : (i * 37) % 101));
    const full = sortedIndices([column(values)], values.length);
    for (const take of [0, 1, 5, 49]) {
      expect(sortedIndices([column(values)], values.length, take)).toEqual(full.slice(0, take));
    }
    const descending = sortedIndices([column(values, true)], values.length);
    expect(sortedIndices([column(values, true)], values.length, 20)).toEqual(descending.slice(0, 20));
  });

  it('is stable across equal keys', () => {
    expect(sortedIndices([column(['b', 'a', 'b', 'a'])], 4)).toEqual([1, 3, 0, 2]);
    expect(sortedIndices([column(['b', 'a', 'b', 'a'], true)], 4)).toEqual([0, 2, 1, 3]);
  });
});

describe('a 500k-row keyset page', () => {
  it('filters and sorts by (SystemModstamp, Id)', () => {
    const count = 500_000;
    const two = (n: number) => String(n).padStart(2, '0');
    const days = Array.from({ length: 366 }, (_v, d) =>
      new Date(Date.UTC(2026, 0, 1 + d)).toISOString().slice(0, 10),
    );
    const times = Array.from(
      { length: 1440 },
      (_v, m) => `T${two(Math.floor(m / 60))}:${two(m % 60)}:00.000+0000`,
    );
    const accounts: StoredRecord[] = [];
    for (let i = 0; i < count; i += 1) {
      const minute = (i * 7919) % count;
      const stamp = `${days[Math.floor(minute / 1440)] ?? ''}${times[minute % 1440] ?? ''}`;
      // Ids with no capital letters all carry the suffix AAA.
      accounts.push({
        Id: `0015e${String(i).padStart(10, '0')}AAA`,
        IsDeleted: false,
        SystemModstamp: stamp,
      });
    }
    const big = createOrg({ records: { Account: accounts } });
    const soql =
      'SELECT Id, SystemModstamp FROM Account WHERE SystemModstamp >= 2026-03-01T00:00:00Z ' +
      'AND SystemModstamp < 2027-01-01T00:00:00Z ORDER BY SystemModstamp, Id';
    for (const tail of [' LIMIT 2000', '']) {
      const began = performance.now();
      const query = compileQuery(soql + tail, big, { includeDeleted: false });
      const page = query.execute();
      console.log(
        `500k rows, ORDER BY SystemModstamp, Id${tail}: ${(performance.now() - began).toFixed(0)} ms`,
      );
      expect(page[0]?.['SystemModstamp']).toBe('2026-03-01T00:00:00.000+0000');
      const outOfOrder = page.findIndex((record, i) => {
        const previous = page[i - 1];
        return (
          previous !== undefined && String(previous['SystemModstamp']) > String(record['SystemModstamp'])
        );
      });
      expect(outOfOrder).toBe(-1);
    }
  });
});
