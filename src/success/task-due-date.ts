/**
 * A Task's due date (ActivityDate: a date, no time) counted on the account's SLA calendar, as the
 * calendar's own time zone dates it. Business days: the nth business day after today (0: today if
 * it is one, else the next); business hours: the day the clock reaches after that many open hours.
 */
import { addBusinessMinutes } from '../health/business-time/business-duration.js';
import type { BusinessCalendar } from '../health/index.js';
import type { TaskDue } from './playbook-schema.js';

const MS_PER_DAY = 86_400_000;
/** A calendar with no open day in this many days is treated as always closed. */
const SEARCH_DAYS = 366;

const isoDate = (dayNumber: number): string => new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);

function isBusinessDay(calendar: BusinessCalendar, dayNumber: number): boolean {
  return calendar.openIntervals(dayNumber).length > 0;
}

export function taskDueDate(calendar: BusinessCalendar, nowMs: number, due: TaskDue): string {
  if ('businessHours' in due) {
    const reached = addBusinessMinutes(calendar, nowMs, due.businessHours * 60);
    return isoDate(calendar.clock.localDayOf(reached));
  }
  const today = calendar.clock.localDayOf(nowMs);
  // 0: today if it is a business day, else the next one; n: the nth business day after today.
  let day = due.businessDays === 0 ? today - 1 : today;
  let counted = 0;
  const wanted = Math.max(due.businessDays, 1);
  for (let step = 0; step <= SEARCH_DAYS; step += 1) {
    day += 1;
    if (!isBusinessDay(calendar, day)) continue;
    counted += 1;
    if (counted === wanted) return isoDate(day);
  }
  return isoDate(today + due.businessDays);
}
