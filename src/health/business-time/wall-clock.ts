/**
 * Civil dates and wall-clock times in an IANA zone as plain numbers (days since 1970-01-01, epoch
 * milliseconds). Wall times that a daylight-saving change skips or repeats resolve by fixed rules.
 */
import { IANAZone } from 'luxon';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a civil date (no zone: a date is a date). */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** `MM-DD` of a day number, for recurring dates. */
export function monthDayOf(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(5, 10);
}

/** Day number of `YYYY-MM-DD` (the date part of a longer ISO string is ignored), or NaN. */
export function parseIsoDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return Number.NaN;
  return dayNumberOf(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Epoch ms of an ISO instant that names its offset (`Z`, `+01:00` or Salesforce's `+0000`), or NaN. */
export function parseInstant(text: string): number {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) return Number.NaN;
  return Date.parse(text);
}

const UNIVERSAL = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu']);

export interface ZoneClock {
  readonly timeZone: string;
  /** Minutes east of UTC at an instant. */
  offsetMinutes(instantMs: number): number;
  /** The local civil day (day number) an instant falls on. */
  localDayOf(instantMs: number): number;
  /**
   * The instant the wall clock shows `minuteOfDay` (0-1440) on a day. A repeated wall time gives its
   * first occurrence for `earliest` and its last for `latest`; a skipped one gives the instant of
   * the jump (the clock passes it there without showing it).
   */
  instantOfWall(dayNumber: number, minuteOfDay: number, which: 'earliest' | 'latest'): number;
}

export function createZoneClock(timeZone: string): ZoneClock {
  const zone = IANAZone.create(timeZone);
  const offsetMinutes = UNIVERSAL.has(timeZone) ? () => 0 : (instantMs: number) => zone.offset(instantMs);

  function firstInstantWithOffset(lowMs: number, highMs: number, offset: number): number {
    // Offsets change on whole minutes; bisect to the first minute that has the new offset.
    let low = Math.floor(lowMs / MS_PER_MINUTE);
    let high = Math.ceil(highMs / MS_PER_MINUTE);
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (offsetMinutes(middle * MS_PER_MINUTE) === offset) high = middle;
      else low = middle + 1;
    }
    return low * MS_PER_MINUTE;
  }

  return {
    timeZone,
    offsetMinutes,
    localDayOf: (instantMs) =>
      Math.floor((instantMs + offsetMinutes(instantMs) * MS_PER_MINUTE) / MS_PER_DAY),
    instantOfWall(dayNumber, minuteOfDay, which) {
      const wallMs = dayNumber * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE;
      const before = offsetMinutes(wallMs - MS_PER_DAY);
      const after = offsetMinutes(wallMs + MS_PER_DAY);
      const withBefore = wallMs - before * MS_PER_MINUTE;
      if (before === after) return withBefore;
      const withAfter = wallMs - after * MS_PER_MINUTE;
      const beforeValid = offsetMinutes(withBefore) === before;
      const afterValid = offsetMinutes(withAfter) === after;
      if (beforeValid && afterValid) {
        return which === 'earliest' ? Math.min(withBefore, withAfter) : Math.max(withBefore, withAfter);
      }
      if (beforeValid) return withBefore;
      if (afterValid) return withAfter;
      return firstInstantWithOffset(Math.min(withBefore, withAfter), Math.max(withBefore, withAfter), after);
    },
  };
}
