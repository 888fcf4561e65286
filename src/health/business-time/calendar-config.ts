/**
 * The YAML shape of a business-hours calendar (IANA zone, weekly hours, holidays with partial days
 * and recurring dates), validated with zod and turned into minute ranges.
 */
import { IANAZone } from 'luxon';
import { z } from 'zod';

/** `[start, end)` in minutes after local midnight; end may be 1440 (`24:00`). */
export interface MinuteRange {
  readonly start: number;
  readonly end: number;
}

const RANGE_MESSAGE = 'expected a time range such as "09:00-17:00" (end after start, at most "24:00")';

/** `"09:00-17:00"` as minutes. A range may not cross midnight: split it into two days instead. */
export const TimeRange = z.string().transform((text, ctx): MinuteRange => {
  const match = /^(\d{2}):(\d{2})\s*-\s*(\d{2}):(\d{2})$/.exec(text.trim());
  const [startHour, startMinute, endHour, endMinute] = (match?.slice(1) ?? []).map(Number);
  const start = (startHour ?? Number.NaN) * 60 + (startMinute ?? Number.NaN);
  const end = (endHour ?? Number.NaN) * 60 + (endMinute ?? Number.NaN);
  const minutesValid = (startMinute ?? 60) < 60 && (endMinute ?? 60) < 60;
  if (!match || !minutesValid || !(start >= 0 && end > start && end <= 1440)) {
    ctx.addIssue({ code: 'custom', message: RANGE_MESSAGE, input: text });
    return z.NEVER;
  }
  return { start, end };
});

export const TimeZoneName = z.string().refine((name) => IANAZone.isValidZone(name), {
  error: 'expected an IANA time zone such as "UTC" or "America/New_York"',
});

const DATE_MESSAGE = 'expected a date such as "2026-12-25"';
/** A real calendar date (Date.parse alone takes 02-30 and rolls it over). */
const isRealDate = (text: string) => {
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
};
const IsoDate = z.string().refine((text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && isRealDate(text), {
  error: DATE_MESSAGE,
});
/** `MM-DD`; 02-29 is allowed (a leap year's date, so only in leap years). */
const MonthDay = z.string().refine((text) => /^\d{2}-\d{2}$/.test(text) && isRealDate(`2000-${text}`), {
  error: 'expected a month and day such as "12-25"',
});

export const Holiday = z
  .object({
    name: z.string().min(1).optional(),
    /** One date, `YYYY-MM-DD`. */
    date: IsoDate.optional(),
    /** Every year on `MM-DD`. */
    annually: MonthDay.optional(),
    /** Closed only in these ranges (a partial day); the whole day when left out. */
    closed: z.array(TimeRange).min(1).optional(),
  })
  .strict()
  .refine((holiday) => (holiday.date === undefined) !== (holiday.annually === undefined), {
    error: 'expected exactly one of "date" (one day) or "annually" (every year on MM-DD)',
  });
export type Holiday = z.output<typeof Holiday>;

const DayHours = z.array(TimeRange).default([]);

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

export const WeeklyHours = z
  .object({
    monday: DayHours,
    tuesday: DayHours,
    wednesday: DayHours,
    thursday: DayHours,
    friday: DayHours,
    saturday: DayHours,
    sunday: DayHours,
  })
  .strict()
  .refine((week) => WEEKDAYS.some((day) => week[day].length > 0), {
    error: 'expected open hours on at least one day of the week',
  });
export type WeeklyHours = z.output<typeof WeeklyHours>;

export const CalendarConfig = z
  .object({
    timeZone: TimeZoneName,
    /** Days left out are closed. */
    weeklyHours: WeeklyHours,
    holidays: z.array(Holiday).default([]),
  })
  .strict();
export type CalendarConfig = z.output<typeof CalendarConfig>;
