/**
 * Relative date literals as UTC day ranges, from a fixed clock: a Wednesday, a Sunday (week start)
 * and early January (ranges that cross a year).
 */
import { describe, expect, it } from 'vitest';

import { relativeDateRange } from '../../../../emulator/soql/date-ranges.js';

function days(literal: string, now: string): [string, string] | undefined {
  const n = /:(\d+)$/.exec(literal)?.[1];
  const found = relativeDateRange(literal, n === undefined ? undefined : Number(n), new Date(now));
  return found && [found.from.toISOString().slice(0, 10), found.to.toISOString().slice(0, 10)];
}

describe('relativeDateRange on Wednesday 2026-11-25 15:00 UTC', () => {
  const now = '2026-11-25T15:00:00.000Z';
  it.each([
    ['YESTERDAY', '2026-11-24', '2026-11-25'],
    ['TODAY', '2026-11-25', '2026-11-26'],
    ['TOMORROW', '2026-11-26', '2026-11-27'],
    ['LAST_WEEK', '2026-11-15', '2026-11-22'],
    ['THIS_WEEK', '2026-11-22', '2026-11-29'],
    ['NEXT_WEEK', '2026-11-29', '2026-12-06'],
    ['LAST_MONTH', '2026-10-01', '2026-11-01'],
    ['THIS_MONTH', '2026-11-01', '2026-12-01'],
    ['NEXT_MONTH', '2026-12-01', '2027-01-01'],
    ['LAST_90_DAYS', '2026-08-27', '2026-11-26'],
    ['NEXT_90_DAYS', '2026-11-26', '2027-02-24'],
    ['THIS_QUARTER', '2026-10-01', '2027-01-01'],
    ['LAST_QUARTER', '2026-07-01', '2026-10-01'],
    ['NEXT_QUARTER', '2027-01-01', '2027-04-01'],
    ['THIS_YEAR', '2026-01-01', '2027-01-01'],
    ['LAST_YEAR', '2025-01-01', '2026-01-01'],
    ['NEXT_YEAR', '2027-01-01', '2028-01-01'],
    // LAST_N_DAYS:n includes today; NEXT_N_DAYS:n starts tomorrow.
    ['LAST_N_DAYS:1', '2026-11-24', '2026-11-26'],
    ['LAST_N_DAYS:30', '2026-10-26', '2026-11-26'],
    ['NEXT_N_DAYS:7', '2026-11-26', '2026-12-03'],
    ['N_DAYS_AGO:5', '2026-11-20', '2026-11-21'],
    ['LAST_N_WEEKS:2', '2026-11-08', '2026-11-22'],
    ['NEXT_N_WEEKS:1', '2026-11-29', '2026-12-06'],
    ['N_WEEKS_AGO:1', '2026-11-15', '2026-11-22'],
    ['LAST_N_MONTHS:2', '2026-09-01', '2026-11-01'],
    ['NEXT_N_MONTHS:2', '2026-12-01', '2027-02-01'],
    ['N_MONTHS_AGO:12', '2025-11-01', '2025-12-01'],
    ['LAST_N_QUARTERS:1', '2026-07-01', '2026-10-01'],
    ['LAST_N_YEARS:2', '2024-01-01', '2026-01-01'],
    ['N_YEARS_AGO:1', '2025-01-01', '2026-01-01'],
    ['last_n_days:0', '2026-11-25', '2026-11-26'],
  ])('%s is [%s, %s)', (literal, from, to) => {
    expect(days(literal, now)).toEqual([from, to]);
  });

  it.each([
    'THIS_FISCAL_YEAR',
    'LAST_N_FISCAL_YEARS:2',
    'N_FISCAL_QUARTERS_AGO:1',
    'SOMEDAY',
    'LAST_N_DAYS_AGO:1',
  ])('%s is not known', (literal) => {
    expect(days(literal, now)).toBeUndefined();
  });
});

describe('relativeDateRange at the edges', () => {
  it('starts THIS_WEEK today on a Sunday, whatever the hour', () => {
    expect(days('THIS_WEEK', '2026-11-22T00:00:00.000Z')).toEqual(['2026-11-22', '2026-11-29']);
    expect(days('THIS_WEEK', '2026-11-28T23:59:59.999Z')).toEqual(['2026-11-22', '2026-11-29']);
  });

  it('crosses the year in January', () => {
    expect(days('LAST_MONTH', '2027-01-03T10:00:00.000Z')).toEqual(['2026-12-01', '2027-01-01']);
    expect(days('LAST_QUARTER', '2027-01-03T10:00:00.000Z')).toEqual(['2026-10-01', '2027-01-01']);
    expect(days('LAST_WEEK', '2027-01-03T10:00:00.000Z')).toEqual(['2026-12-27', '2027-01-03']);
    expect(days('YESTERDAY', '2027-01-01T00:30:00.000Z')).toEqual(['2026-12-31', '2027-01-01']);
  });
});
