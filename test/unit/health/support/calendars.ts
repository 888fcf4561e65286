/** Business calendars for the tests, built through the same schema as config/sla.yaml. */
import {
  compileCalendar,
  type BusinessCalendar,
} from '../../../../src/health/business-time/business-calendar.js';
import { CalendarConfig } from '../../../../src/health/business-time/calendar-config.js';

const weekdays = (hours: string[]) => ({
  monday: hours,
  tuesday: hours,
  wednesday: hours,
  thursday: hours,
  friday: hours,
});

export function calendar(name: string, config: unknown): BusinessCalendar {
  return compileCalendar(name, CalendarConfig.parse(config));
}

export const nineToFive = (timeZone: string, holidays: unknown[] = []) =>
  calendar(`${timeZone} 9-5`, { timeZone, weeklyHours: weekdays(['09:00-17:00']), holidays });

export const alwaysOpen = (timeZone: string) =>
  calendar(`${timeZone} 24x7`, {
    timeZone,
    weeklyHours: { ...weekdays(['00:00-24:00']), saturday: ['00:00-24:00'], sunday: ['00:00-24:00'] },
  });

/** Instant of an ISO string with offset, in ms. */
export const at = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`bad instant ${iso}`);
  return ms;
};

/** The golden cases' calendars: New York, London and Sydney (with DST both ways), and UTC with holidays. */
export const newYork = nineToFive('America/New_York');
export const newYork24 = alwaysOpen('America/New_York');
export const london = calendar('london', {
  timeZone: 'Europe/London',
  weeklyHours: {
    monday: ['09:00-17:30'],
    tuesday: ['09:00-17:30'],
    wednesday: ['09:00-17:30'],
    thursday: ['09:00-17:30'],
    friday: ['09:00-17:30'],
    saturday: ['10:00-14:00'],
  },
});
export const londonNight = calendar('london-night', {
  timeZone: 'Europe/London',
  weeklyHours: { sunday: ['00:00-04:00'] },
});
export const londonSmallHours = calendar('london-small-hours', {
  timeZone: 'Europe/London',
  weeklyHours: { sunday: ['01:30-02:30'] },
});
export const sydney = calendar('sydney', {
  timeZone: 'Australia/Sydney',
  weeklyHours: {
    monday: ['08:00-18:00'],
    tuesday: ['08:00-18:00'],
    wednesday: ['08:00-18:00'],
    thursday: ['08:00-18:00'],
    friday: ['08:00-18:00'],
  },
});
export const sydney24 = alwaysOpen('Australia/Sydney');
export const utcWithHolidays = nineToFive('UTC', [
  { name: 'Christmas Day', annually: '12-25' },
  { name: 'Christmas Eve', date: '2026-12-24', closed: ['13:00-24:00'] },
  { name: 'Staff meeting', date: '2026-07-08', closed: ['09:00-10:00', '16:00-17:00'] },
]);
