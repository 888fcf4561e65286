/**
 * Business time on a calendar: time elapsed while open between two instants, and the instant a
 * number of business minutes after another (due dates). Exact to the millisecond.
 */
import { AppError } from '../../errors/app-error.js';
import type { BusinessCalendar } from './business-calendar.js';
import { MS_PER_MINUTE } from './wall-clock.js';

/** How far ahead a due date is searched before the calendar is declared never open (10 years). */
const MAX_DAYS_AHEAD = 3_660;

/** Milliseconds the calendar is open in `[fromMs, toMs)`; 0 when `toMs <= fromMs`. */
export function businessMsBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (!(toMs > fromMs)) return 0;
  const lastDay = calendar.clock.localDayOf(toMs) + 1;
  let total = 0;
  // Time already counted: adjacent days' intervals may touch or (around a repeated midnight) overlap.
  let counted = fromMs;
  for (let day = calendar.clock.localDayOf(fromMs) - 1; day <= lastDay; day += 1) {
    for (const interval of calendar.openIntervals(day)) {
      const start = Math.max(interval.startMs, counted);
      const end = Math.min(interval.endMs, toMs);
      if (end > start) {
        total += end - start;
        counted = end;
      }
    }
  }
  return total;
}

/** Whole business minutes in `[fromMs, toMs)` (rounded down). */
export function businessMinutesBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  return Math.floor(businessMsBetween(calendar, fromMs, toMs) / MS_PER_MINUTE);
}

/** The instant `businessMs` of open time after `fromMs` (the due date of a target). */
export function addBusinessMs(calendar: BusinessCalendar, fromMs: number, businessMs: number): number {
  if (businessMs <= 0) return fromMs;
  let remaining = businessMs;
  let cursor = fromMs;
  const firstDay = calendar.clock.localDayOf(fromMs) - 1;
  for (let day = firstDay; day <= firstDay + MAX_DAYS_AHEAD; day += 1) {
    for (const interval of calendar.openIntervals(day)) {
      const start = Math.max(interval.startMs, cursor);
      if (interval.endMs <= start) continue;
      const available = interval.endMs - start;
      if (remaining <= available) return start + remaining;
      remaining -= available;
      cursor = interval.endMs;
    }
  }
  throw new AppError(
    'calendar_never_open',
    `Business calendar "${calendar.name}" has no open hours in the ${MAX_DAYS_AHEAD} days after ${new Date(fromMs).toISOString()}`,
    { errorClass: 'config' },
  );
}

export function addBusinessMinutes(calendar: BusinessCalendar, fromMs: number, minutes: number): number {
  return addBusinessMs(calendar, fromMs, minutes * MS_PER_MINUTE);
}
