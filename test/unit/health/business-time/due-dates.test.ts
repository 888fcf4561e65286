/**
 * Due dates, hand-computed: adding business minutes across weekends, holidays and daylight-saving
 * changes lands where the wall clock says it should.
 */
import { describe, expect, it } from 'vitest';

import { addBusinessMinutes } from '../../../../src/health/business-time/business-duration.js';
import { at, london, newYork, sydney, utcWithHolidays } from '../support/calendars.js';

interface DueCase {
  readonly name: string;
  readonly calendar: typeof newYork;
  readonly from: string;
  readonly minutes: number;
  readonly due: string;
}

const dueDates: DueCase[] = [
  // Fri 16:00 EST + 4 h: 60 on Friday, 180 left from Mon 09:00 EDT -> Mon 12:00 EDT = 16:00Z.
  {
    name: 'NY P1 over spring-forward',
    calendar: newYork,
    from: '2026-03-06T21:00:00Z',
    minutes: 240,
    due: '2026-03-09T16:00:00.000Z',
  },
  // Fri 16:45 EDT + 1 h: 15 on Friday, 45 from Mon 09:00 EST (14:00Z) -> 14:45Z.
  {
    name: 'NY over fall-back',
    calendar: newYork,
    from: '2026-10-30T20:45:00Z',
    minutes: 60,
    due: '2026-11-02T14:45:00.000Z',
  },
  // Thu 2026-12-24 12:00 + 2 h: 60 until 13:00 (partial holiday), Fri holiday, weekend; Mon 09:00 + 60 -> 10:00Z.
  {
    name: 'over a partial and a whole holiday',
    calendar: utcWithHolidays,
    from: '2026-12-24T12:00:00Z',
    minutes: 120,
    due: '2026-12-28T10:00:00.000Z',
  },
  // Sat 2026-04-04 10:00 AEDT (Fri 23:00Z), closed until Mon 08:00 AEST (Sun 22:00Z); + 15 m -> 22:15Z.
  {
    name: 'Sydney from a closed weekend over DST end',
    calendar: sydney,
    from: '2026-04-03T23:00:00Z',
    minutes: 15,
    due: '2026-04-05T22:15:00.000Z',
  },
  // Exactly the rest of the day: Tue 16:00 EST + 60 -> 17:00 EST = 22:00Z (the close, not next morning).
  {
    name: 'a due date at closing time',
    calendar: newYork,
    from: '2026-01-13T21:00:00Z',
    minutes: 60,
    due: '2026-01-13T22:00:00.000Z',
  },
  // London: Sat 13:00 GMT + 90: 60 until 14:00, Mon 09:00 GMT + 30 -> 09:30Z.
  {
    name: 'London Saturday hours',
    calendar: london,
    from: '2026-01-17T13:00:00Z',
    minutes: 90,
    due: '2026-01-19T09:30:00.000Z',
  },
];

describe('adding business minutes (due dates)', () => {
  it.each(dueDates)('$name', ({ calendar: cal, from, minutes, due }) => {
    expect(new Date(addBusinessMinutes(cal, at(from), minutes)).toISOString()).toBe(due);
  });

  it('adding nothing is the same instant, even when closed', () => {
    expect(addBusinessMinutes(newYork, at('2026-01-17T12:00:00Z'), 0)).toBe(at('2026-01-17T12:00:00Z'));
  });
});
