/**
 * A Task's due date counts on the account's business calendar, as that calendar's time zone dates
 * it: weekends and holidays are skipped, and business hours roll over to the next open day.
 */
import { describe, expect, it } from 'vitest';

import { CalendarConfig, compileCalendar } from '../../../src/health/index.js';
import { taskDueDate } from '../../../src/success/task-due-date.js';

const nineToFive = ['09:00-17:00'];
const calendar = compileCalendar(
  'sydney',
  CalendarConfig.parse({
    timeZone: 'Australia/Sydney',
    weeklyHours: {
      monday: nineToFive,
      tuesday: nineToFive,
      wednesday: nineToFive,
      thursday: nineToFive,
      friday: nineToFive,
      saturday: [],
      sunday: [],
    },
    holidays: [{ name: 'Boxing Day', date: '2026-12-28' }],
  }),
);
const at = (iso: string): number => Date.parse(iso);

describe('taskDueDate', () => {
  it('counts business days after today, skipping the weekend and a holiday', () => {
    // Thursday 2026-12-24, 10:00 in Sydney.
    const thursday = at('2026-12-23T23:00:00Z');
    expect(taskDueDate(calendar, thursday, { businessDays: 1 })).toBe('2026-12-25');
    // Fri 25, (weekend), Mon 28 is a holiday, Tue 29, Wed 30.
    expect(taskDueDate(calendar, thursday, { businessDays: 3 })).toBe('2026-12-30');
    expect(taskDueDate(calendar, thursday, { businessDays: 0 })).toBe('2026-12-24');
  });

  it('dates the day by the calendar’s time zone, not UTC', () => {
    // Saturday 2026-12-26 08:00 in Sydney is still Friday in UTC.
    const saturdayInSydney = at('2026-12-25T21:00:00Z');
    expect(taskDueDate(calendar, saturdayInSydney, { businessDays: 0 })).toBe('2026-12-29');
    expect(taskDueDate(calendar, saturdayInSydney, { businessDays: 1 })).toBe('2026-12-29');
  });

  it('business hours roll over closed time to the day the clock reaches', () => {
    // Thursday 16:00 in Sydney: 1 hour left today, then Friday.
    const thursdayAfternoon = at('2026-12-24T05:00:00Z');
    expect(taskDueDate(calendar, thursdayAfternoon, { businessHours: 1 })).toBe('2026-12-24');
    expect(taskDueDate(calendar, thursdayAfternoon, { businessHours: 4 })).toBe('2026-12-25');
    expect(taskDueDate(calendar, thursdayAfternoon, { businessHours: 12 })).toBe('2026-12-29');
  });
});
