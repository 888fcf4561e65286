/**
 * Properties of business time that must hold for any instants, in zones with daylight saving both
 * ways round: additivity over split intervals, zero inside closed hours, monotonic growth, and due
 * dates that elapse exactly what was added.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';

import type { BusinessCalendar } from '../../../../src/health/business-time/business-calendar.js';
import { addBusinessMs, businessMsBetween } from '../../../../src/health/business-time/business-duration.js';
import { calendar, nineToFive } from '../support/calendars.js';

const calendars: BusinessCalendar[] = [
  nineToFive('America/New_York', [{ annually: '07-04' }, { date: '2026-11-26' }]),
  calendar('london-split', {
    timeZone: 'Europe/London',
    weeklyHours: {
      monday: ['08:00-12:00', '13:00-18:00'],
      wednesday: ['00:00-03:00', '22:00-24:00'],
      saturday: ['01:00-02:30'],
      sunday: ['00:30-04:00'],
    },
    holidays: [{ annually: '12-25' }, { date: '2026-03-30', closed: ['08:00-10:00'] }],
  }),
  calendar('sydney-24x7', {
    timeZone: 'Australia/Sydney',
    weeklyHours: Object.fromEntries(
      ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [
        day,
        ['00:00-24:00'],
      ]),
    ),
    holidays: [{ date: '2026-04-05', closed: ['01:00-03:00'] }],
  }),
];

// 2025-12-01 .. 2027-01-31: every DST change of 2026 in all three zones, on minute boundaries and off them.
const START = Date.UTC(2025, 11, 1);
const END = Date.UTC(2027, 0, 31);
const instant = fc.integer({ min: START, max: END });
const aCalendar = fc.constantFrom(...calendars);
const runs = { numRuns: 300 };

describe('business time properties', () => {
  it('is additive over a split interval', () => {
    fc.assert(
      fc.property(aCalendar, instant, instant, instant, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(businessMsBetween(cal, a, c)).toBe(
          businessMsBetween(cal, a, b) + businessMsBetween(cal, b, c),
        );
      }),
      runs,
    );
  });

  it('grows with the end, and never beyond wall-clock time', () => {
    fc.assert(
      fc.property(aCalendar, instant, instant, instant, (cal, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const shorter = businessMsBetween(cal, a, b);
        const longer = businessMsBetween(cal, a, c);
        expect(shorter).toBeLessThanOrEqual(longer);
        expect(longer).toBeLessThanOrEqual(c - a);
        expect(shorter).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });

  it('is zero inside closed hours: before 09:00 on a weekday, all weekend, on a holiday', () => {
    const newYork = calendars[0]!;
    const day = fc.integer({ min: 0, max: 400 }).map((offset) =>
      DateTime.fromObject({ year: 2025, month: 12, day: 1 }, { zone: 'America/New_York' }).plus({
        days: offset,
      }),
    );
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 539 }), fc.integer({ min: 0, max: 539 }), (date, m1, m2) => {
        const [from, to] = [Math.min(m1, m2), Math.max(m1, m2)].map((minute) =>
          date.startOf('day').plus({ minutes: minute }).toMillis(),
        ) as [number, number];
        expect(businessMsBetween(newYork, from, to)).toBe(0);
        // Saturday 00:00 to Monday 00:00 local, and Independence Day, whatever the year.
        const saturday = date.set({ weekday: 6 }).startOf('day');
        expect(businessMsBetween(newYork, saturday.toMillis(), saturday.plus({ days: 2 }).toMillis())).toBe(
          0,
        );
        const july4 = date.set({ month: 7, day: 4 }).startOf('day');
        expect(businessMsBetween(newYork, july4.toMillis(), july4.plus({ days: 1 }).toMillis())).toBe(0);
      }),
      runs,
    );
  });

  it('elapses exactly the business time a due date was set for', () => {
    fc.assert(
      fc.property(
        aCalendar,
        instant,
        fc.integer({ min: 0, max: 30 * 24 * 60 * 60_000 }),
        (cal, from, amount) => {
          const due = addBusinessMs(cal, from, amount);
          expect(due).toBeGreaterThanOrEqual(from);
          expect(businessMsBetween(cal, from, due)).toBe(amount);
        },
      ),
      runs,
    );
  });

  it('gives each calendar day the open time of its local wall clock (23 h and 25 h days included)', () => {
    const sydney = calendars[2]!;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), (offset) => {
        const day = DateTime.fromObject({ year: 2025, month: 12, day: 1 }, { zone: 'Australia/Sydney' }).plus(
          { days: offset },
        );
        const start = day.startOf('day');
        const next = start.plus({ days: 1 });
        const closedMs = day.toISODate() === '2026-04-05' ? 2 * 60 * 60_000 + 60 * 60_000 : 0;
        // 2026-04-05: closed 01:00-03:00 wall time, and 02:00-03:00 happens twice that night: 3 real hours.
        expect(businessMsBetween(sydney, start.toMillis(), next.toMillis())).toBe(
          next.toMillis() - start.toMillis() - closedMs,
        );
      }),
      { numRuns: 120 },
    );
  });
});
