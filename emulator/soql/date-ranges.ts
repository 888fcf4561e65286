/**
 * Relative date literals (`TODAY`, `LAST_N_DAYS:n`, `THIS_MONTH`...) as half-open UTC day ranges
 * computed from the org clock. Weeks start on Sunday (en_US); fiscal literals are not handled here.
 */

/** `[from, to)`, both at 00:00:00 UTC. */
export interface DayRange {
  readonly from: Date;
  readonly to: Date;
}

const DAY_MS = 86_400_000;

interface Calendar {
  day(offset: number): Date;
  week(offset: number): Date;
  month(offset: number): Date;
  quarter(offset: number): Date;
  year(offset: number): Date;
}

function calendarOf(now: Date): Calendar {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const today = Date.UTC(y, m, now.getUTCDate());
  const weekStart = today - now.getUTCDay() * DAY_MS;
  return {
    day: (offset) => new Date(today + offset * DAY_MS),
    week: (offset) => new Date(weekStart + offset * 7 * DAY_MS),
    month: (offset) => new Date(Date.UTC(y, m + offset, 1)),
    quarter: (offset) => new Date(Date.UTC(y, Math.floor(m / 3) * 3 + offset * 3, 1)),
    year: (offset) => new Date(Date.UTC(y + offset, 0, 1)),
  };
}

type Unit = keyof Calendar;

const range = (c: Calendar, unit: Unit, from: number, to: number): DayRange => ({
  from: c[unit](from),
  to: c[unit](to),
});

const FIXED: Readonly<Record<string, (c: Calendar) => DayRange>> = {
  YESTERDAY: (c) => range(c, 'day', -1, 0),
  TODAY: (c) => range(c, 'day', 0, 1),
  TOMORROW: (c) => range(c, 'day', 1, 2),
  LAST_WEEK: (c) => range(c, 'week', -1, 0),
  THIS_WEEK: (c) => range(c, 'week', 0, 1),
  NEXT_WEEK: (c) => range(c, 'week', 1, 2),
  LAST_MONTH: (c) => range(c, 'month', -1, 0),
  THIS_MONTH: (c) => range(c, 'month', 0, 1),
  NEXT_MONTH: (c) => range(c, 'month', 1, 2),
  LAST_90_DAYS: (c) => range(c, 'day', -90, 1),
  NEXT_90_DAYS: (c) => range(c, 'day', 1, 91),
  LAST_QUARTER: (c) => range(c, 'quarter', -1, 0),
  THIS_QUARTER: (c) => range(c, 'quarter', 0, 1),
  NEXT_QUARTER: (c) => range(c, 'quarter', 1, 2),
  LAST_YEAR: (c) => range(c, 'year', -1, 0),
  THIS_YEAR: (c) => range(c, 'year', 0, 1),
  NEXT_YEAR: (c) => range(c, 'year', 1, 2),
};

const UNITS: Readonly<Record<string, Unit>> = {
  DAYS: 'day',
  WEEKS: 'week',
  MONTHS: 'month',
  QUARTERS: 'quarter',
  YEARS: 'year',
};

/**
 * `LAST_N_DAYS:n` includes today (n + 1 days); the other `LAST_N_<unit>:n` end where the current
 * unit starts. `NEXT_N_<unit>:n` start with the next unit. `N_<unit>_AGO:n` is one unit.
 */
function withN(c: Calendar, name: string, n: number): DayRange | undefined {
  const match = /^(LAST_N|NEXT_N|N)_([A-Z]+?)(_AGO)?$/.exec(name);
  const unit = UNITS[match?.[2] ?? ''];
  if (match === null || unit === undefined) return undefined;
  if (match[1] === 'N') return match[3] === undefined ? undefined : range(c, unit, -n, -n + 1);
  if (match[3] !== undefined) return undefined;
  if (match[1] === 'NEXT_N') return range(c, unit, 1, n + 1);
  return range(c, unit, -n, unit === 'day' ? 1 : 0);
}

/** The range a literal covers at `now`, or undefined for a literal this engine does not know. */
export function relativeDateRange(literal: string, n: number | undefined, now: Date): DayRange | undefined {
  const calendar = calendarOf(now);
  const name = literal.toUpperCase().replace(/:.*$/, '');
  if (n === undefined) return FIXED[name]?.(calendar);
  return withN(calendar, name, n);
}
