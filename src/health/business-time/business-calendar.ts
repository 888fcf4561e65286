/**
 * A compiled business-hours calendar: for any local day, the instants it is open, with holidays
 * taken out and daylight-saving changes applied. Days are computed once and cached.
 */
import type { CalendarConfig, MinuteRange } from './calendar-config.js';
import { WEEKDAYS } from './calendar-config.js';
import { createZoneClock, isoWeekdayOf, monthDayOf, parseIsoDay, type ZoneClock } from './wall-clock.js';

/** `[startMs, endMs)`: epoch milliseconds. */
export interface OpenInterval {
  readonly startMs: number;
  readonly endMs: number;
}

export interface BusinessCalendar {
  readonly name: string;
  readonly clock: ZoneClock;
  /** Sorted, disjoint open intervals of one local day (days since 1970-01-01). */
  openIntervals(dayNumber: number): readonly OpenInterval[];
}

/** Union of ranges, sorted; touching ranges merge (so a range ending at 12:00 and one starting there are one). */
function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: MinuteRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else merged.push(range);
  }
  return merged;
}

function subtractRanges(open: readonly MinuteRange[], closed: readonly MinuteRange[]): MinuteRange[] {
  let remaining = [...open];
  for (const cut of closed) {
    remaining = remaining.flatMap((range) => {
      if (cut.end <= range.start || cut.start >= range.end) return [range];
      const parts: MinuteRange[] = [];
      if (cut.start > range.start) parts.push({ start: range.start, end: cut.start });
      if (cut.end < range.end) parts.push({ start: cut.end, end: range.end });
      return parts;
    });
  }
  return remaining;
}

const WHOLE_DAY: readonly MinuteRange[] = [{ start: 0, end: 1440 }];
const CACHE_LIMIT = 20_000;

export function compileCalendar(name: string, config: CalendarConfig): BusinessCalendar {
  const clock = createZoneClock(config.timeZone);
  const weekly = WEEKDAYS.map((day) => mergeRanges(config.weeklyHours[day]));
  const byDay = new Map<number, MinuteRange[]>();
  const byMonthDay = new Map<string, MinuteRange[]>();
  for (const holiday of config.holidays) {
    const closed = holiday.closed ?? WHOLE_DAY;
    if (holiday.date !== undefined) {
      const day = parseIsoDay(holiday.date);
      byDay.set(day, [...(byDay.get(day) ?? []), ...closed]);
    } else if (holiday.annually !== undefined) {
      byMonthDay.set(holiday.annually, [...(byMonthDay.get(holiday.annually) ?? []), ...closed]);
    }
  }
  const cache = new Map<number, OpenInterval[]>();

  function computeDay(dayNumber: number): OpenInterval[] {
    let ranges = weekly[isoWeekdayOf(dayNumber) - 1] ?? [];
    const closed = [...(byDay.get(dayNumber) ?? []), ...(byMonthDay.get(monthDayOf(dayNumber)) ?? [])];
    if (closed.length > 0) ranges = subtractRanges(ranges, closed);
    const intervals: OpenInterval[] = [];
    for (const range of ranges) {
      const startMs = clock.instantOfWall(dayNumber, range.start, 'earliest');
      const endMs = clock.instantOfWall(dayNumber, range.end, 'latest');
      if (endMs <= startMs) continue;
      const last = intervals[intervals.length - 1];
      // Around a repeated hour two ranges' instants can overlap: count that time once.
      if (last && startMs <= last.endMs) {
        intervals[intervals.length - 1] = { startMs: last.startMs, endMs: Math.max(last.endMs, endMs) };
      } else intervals.push({ startMs, endMs });
    }
    return intervals;
  }

  return {
    name,
    clock,
    openIntervals(dayNumber) {
      let intervals = cache.get(dayNumber);
      if (intervals === undefined) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        intervals = computeDay(dayNumber);
        cache.set(dayNumber, intervals);
      }
      return intervals;
    },
  };
}
