/** How Salesforce writes dates and times in JSON: UTC, milliseconds, `+0000` without a colon. */

/** `2026-11-22T09:30:00.000+0000` */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** `2026-11-22` (the UTC calendar date). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses any ISO 8601 date-time Salesforce accepts (`Z`, `+0000`, `+00:00`); undefined when invalid. */
export function parseDateTime(text: string): Date | undefined {
  const normalised = text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(normalised))
    return undefined;
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A `YYYY-MM-DD` date that exists on the calendar; undefined otherwise. */
export function parseDate(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00.000Z`);
  return Number.isNaN(date.getTime()) || formatDate(date) !== text ? undefined : date;
}
