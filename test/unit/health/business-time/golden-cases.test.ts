/**
 * Business time, hand-computed: weekends, overnight gaps, holidays (whole, partial, recurring) and
 * daylight-saving changes in both directions in New York, London and Sydney. Each expectation is
 * worked out in its comment from the wall clock, not taken from the implementation.
 */
import { describe, expect, it } from 'vitest';

import {
  businessMinutesBetween,
  businessMsBetween,
} from '../../../../src/health/business-time/business-duration.js';
import {
  at,
  london,
  londonNight,
  londonSmallHours,
  newYork,
  newYork24,
  sydney,
  sydney24,
  utcWithHolidays,
} from '../support/calendars.js';

interface Golden {
  readonly name: string;
  readonly calendar: typeof newYork;
  readonly from: string;
  readonly to: string;
  readonly minutes: number;
}

const golden: Golden[] = [
  // New York, DST starts Sun 2026-03-08 02:00 EST -> 03:00 EDT.
  // Fri 16:00-17:00 EST = 60; Mon 09:00-10:00 EDT (14:00Z is 10:00 EDT, not 09:00 EST) = 60.
  {
    name: 'NY weekend over spring-forward',
    calendar: newYork,
    from: '2026-03-06T21:00:00Z',
    to: '2026-03-09T14:00:00Z',
    minutes: 120,
  },
  // DST ends Sun 2026-11-01 02:00 EDT -> 01:00 EST. Fri 16:30-17:00 EDT = 30; Mon 09:00-09:30 EST (14:30Z) = 30.
  {
    name: 'NY weekend over fall-back',
    calendar: newYork,
    from: '2026-10-30T20:30:00Z',
    to: '2026-11-02T14:30:00Z',
    minutes: 60,
  },
  // 24x7: Sat 12:00 EST (17:00Z) -> Sun 12:00 EDT (16:00Z): the clock skips an hour, 23 real hours.
  {
    name: 'NY 24x7 over spring-forward',
    calendar: newYork24,
    from: '2026-03-07T17:00:00Z',
    to: '2026-03-08T16:00:00Z',
    minutes: 23 * 60,
  },
  // 24x7: Sat 12:00 EDT (16:00Z) -> Sun 12:00 EST (17:00Z): the clock repeats an hour, 25 real hours.
  {
    name: 'NY 24x7 over fall-back',
    calendar: newYork24,
    from: '2026-10-31T16:00:00Z',
    to: '2026-11-01T17:00:00Z',
    minutes: 25 * 60,
  },
  // Overnight: Tue 16:00 EST -> Wed 10:00 EST = 60 + 60.
  {
    name: 'NY overnight gap',
    calendar: newYork,
    from: '2026-01-13T21:00:00Z',
    to: '2026-01-14T15:00:00Z',
    minutes: 120,
  },
  // London, BST starts Sun 2026-03-29 01:00 GMT -> 02:00 BST. Fri 17:00-17:30 GMT = 30; Sat 10:00-14:00 = 240;
  // Mon 09:00-09:30 BST (08:30Z) = 30.
  {
    name: 'London weekend over spring-forward',
    calendar: london,
    from: '2026-03-27T17:00:00Z',
    to: '2026-03-30T08:30:00Z',
    minutes: 300,
  },
  // BST ends Sun 2026-10-25 02:00 BST -> 01:00 GMT. Fri 17:00-17:30 BST (16:00Z) = 30; Sat 240; Mon 09:00-10:00 GMT = 60.
  {
    name: 'London weekend over fall-back',
    calendar: london,
    from: '2026-10-23T16:00:00Z',
    to: '2026-10-26T10:00:00Z',
    minutes: 330,
  },
  // Sunday 00:00-04:00 local on the spring-forward night: 00:00 GMT (00:00Z) to 04:00 BST (03:00Z) = 3 h.
  {
    name: 'London night shift, spring-forward',
    calendar: londonNight,
    from: '2026-03-28T23:00:00Z',
    to: '2026-03-29T12:00:00Z',
    minutes: 180,
  },
  // On the fall-back night: 00:00 BST (Sat 23:00Z) to 04:00 GMT (04:00Z) = 5 h.
  {
    name: 'London night shift, fall-back',
    calendar: londonNight,
    from: '2026-10-24T22:00:00Z',
    to: '2026-10-25T12:00:00Z',
    minutes: 300,
  },
  // 01:30-02:30 on a normal Sunday: 60.
  {
    name: 'London 01:30-02:30, ordinary Sunday',
    calendar: londonSmallHours,
    from: '2026-03-22T00:00:00Z',
    to: '2026-03-22T12:00:00Z',
    minutes: 60,
  },
  // Spring-forward: 01:30 never shows (01:00 GMT jumps to 02:00 BST at 01:00Z); the range opens at the
  // jump and closes at 02:30 BST = 01:30Z: 30 minutes.
  {
    name: 'London range starting in the skipped hour',
    calendar: londonSmallHours,
    from: '2026-03-29T00:00:00Z',
    to: '2026-03-29T12:00:00Z',
    minutes: 30,
  },
  // Fall-back: documented rule "first occurrence of the start to the last occurrence of the end":
  // 01:30 BST (00:30Z) to 02:30 GMT (02:30Z) = 120.
  {
    name: 'London range in the repeated hour',
    calendar: londonSmallHours,
    from: '2026-10-25T00:00:00Z',
    to: '2026-10-25T12:00:00Z',
    minutes: 120,
  },
  // Sydney, DST ends Sun 2026-04-05 03:00 AEDT -> 02:00 AEST. Fri 17:00-18:00 AEDT (06:00Z) = 60;
  // Mon 08:00-09:00 AEST (Sun 22:00Z-23:00Z) = 60.
  {
    name: 'Sydney weekend over DST end',
    calendar: sydney,
    from: '2026-04-03T06:00:00Z',
    to: '2026-04-05T23:00:00Z',
    minutes: 120,
  },
  // DST starts Sun 2026-10-04 02:00 AEST -> 03:00 AEDT. Fri 17:30-18:00 AEST (07:30Z) = 30;
  // Mon 08:00-08:30 AEDT (Sun 21:00Z-21:30Z) = 30.
  {
    name: 'Sydney weekend over DST start',
    calendar: sydney,
    from: '2026-10-02T07:30:00Z',
    to: '2026-10-04T21:30:00Z',
    minutes: 60,
  },
  // 24x7: Sun 00:00 AEDT (Sat 13:00Z) -> Mon 00:00 AEST (Sun 14:00Z) = 25 h.
  {
    name: 'Sydney 24x7, the long Sunday',
    calendar: sydney24,
    from: '2026-04-04T13:00:00Z',
    to: '2026-04-05T14:00:00Z',
    minutes: 25 * 60,
  },
  // 24x7: Sun 00:00 AEST (Sat 14:00Z) -> Mon 00:00 AEDT (Sun 13:00Z) = 23 h.
  {
    name: 'Sydney 24x7, the short Sunday',
    calendar: sydney24,
    from: '2026-10-03T14:00:00Z',
    to: '2026-10-04T13:00:00Z',
    minutes: 23 * 60,
  },
  // Holidays (UTC 9-5). Thu 2026-12-24 open 09:00-13:00 only: from 16:00 = 0; Fri 25th closed; Mon 28th 09:00-10:00 = 60.
  {
    name: 'partial and whole holidays',
    calendar: utcWithHolidays,
    from: '2026-12-24T16:00:00Z',
    to: '2026-12-28T10:00:00Z',
    minutes: 60,
  },
  // The partial day on its own: 09:00-13:00 = 240.
  {
    name: 'a partial holiday',
    calendar: utcWithHolidays,
    from: '2026-12-24T08:00:00Z',
    to: '2026-12-24T18:00:00Z',
    minutes: 240,
  },
  // Recurring 12-25 in 2025 (a Thursday); the 24th is only partial in 2026. Wed 16:00-17:00 = 60; Thu 0; Fri 09:00-10:00 = 60.
  {
    name: 'a recurring holiday in another year',
    calendar: utcWithHolidays,
    from: '2025-12-24T16:00:00Z',
    to: '2025-12-26T10:00:00Z',
    minutes: 120,
  },
  // Two closed ranges on one day: 10:00-16:00 = 360.
  {
    name: 'a day with two closed ranges',
    calendar: utcWithHolidays,
    from: '2026-07-08T00:00:00Z',
    to: '2026-07-08T23:59:00Z',
    minutes: 360,
  },
  // Entirely in closed hours: Tue 18:00 -> Wed 08:00.
  {
    name: 'closed hours only',
    calendar: newYork,
    from: '2026-01-13T23:00:00Z',
    to: '2026-01-14T13:00:00Z',
    minutes: 0,
  },
  // Backwards: nothing.
  {
    name: 'an interval that ends before it starts',
    calendar: newYork,
    from: '2026-01-14T15:00:00Z',
    to: '2026-01-13T15:00:00Z',
    minutes: 0,
  },
];

describe('business minutes between two instants', () => {
  it.each(golden)('$name: $minutes', ({ calendar: cal, from, to, minutes }) => {
    expect(businessMinutesBetween(cal, at(from), at(to))).toBe(minutes);
  });

  it('counts milliseconds exactly and rounds whole minutes down', () => {
    // Tue 09:00:00 to 09:01:59.999 EST: 119,999 ms, 1 whole minute.
    const from = at('2026-01-13T14:00:00Z');
    expect(businessMsBetween(newYork, from, from + 119_999)).toBe(119_999);
    expect(businessMinutesBetween(newYork, from, from + 119_999)).toBe(1);
  });
});
