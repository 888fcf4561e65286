/**
 * Moves imported dates into the org's present: every date and date-time shifts by the same whole
 * number of days, so the latest imported date-time (or date, when there are none) falls on today.
 */
import type { SObjectSchema, WireValue } from '../org/types.js';
import { formatDate, formatDateTime, parseDate, parseDateTime } from '../org/wire-format.js';
import { DAY, dayOf } from './time.js';

interface Built {
  readonly item: { readonly schema: SObjectSchema };
  readonly values: Record<string, WireValue>;
}

function latestDay(built: readonly Built[], type: 'date' | 'datetime'): number | undefined {
  let latest: number | undefined;
  for (const { item, values } of built) {
    for (const field of item.schema.fields) {
      const value = values[field.name];
      if (field.type !== type || typeof value !== 'string') continue;
      const date = type === 'date' ? parseDate(value) : parseDateTime(value);
      if (date) latest = Math.max(latest ?? -Infinity, dayOf(date.getTime()));
    }
  }
  return latest;
}

export function shiftToToday(built: readonly Built[], now: Date): void {
  const latest = latestDay(built, 'datetime') ?? latestDay(built, 'date');
  if (latest === undefined) return;
  const shiftMs = (dayOf(now.getTime()) - latest) * DAY;
  for (const { item, values } of built) {
    for (const field of item.schema.fields) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      if (field.type === 'date') {
        const date = parseDate(value);
        if (date) values[field.name] = formatDate(new Date(date.getTime() + shiftMs));
      } else if (field.type === 'datetime') {
        const time = parseDateTime(value);
        if (time) values[field.name] = formatDateTime(new Date(time.getTime() + shiftMs));
      }
    }
  }
}
