/**
 * Time arithmetic for generated records: epoch milliseconds in, wire strings out. Salesforce keeps
 * whole seconds, so generated times carry `.000`.
 */
import { formatDate, formatDateTime } from '../org/wire-format.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Drops the milliseconds. */
export function wholeSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** `2026-11-22T09:30:00.000+0000` for an epoch millisecond (truncated to the second). */
export function wireDateTime(ms: number): string {
  return formatDateTime(new Date(wholeSecond(ms)));
}

/** `2026-11-22` for a day number (days since 1970-01-01, UTC). */
export function wireDate(day: number): string {
  return formatDate(new Date(day * DAY));
}

/** The UTC day number of an epoch millisecond. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY);
}
