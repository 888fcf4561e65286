/** The support contract behind generated cases: response and resolution targets by priority. */

export type CasePriority = 'Critical' | 'High' | 'Medium' | 'Low';

/** Minutes to the first response, by priority. */
export const FIRST_RESPONSE_TARGET_MINS: Readonly<Record<CasePriority, number>> = {
  Critical: 60,
  High: 240,
  Medium: 480,
  Low: 1440,
};

/** Minutes to resolution, by priority. */
export const RESOLUTION_TARGET_MINS: Readonly<Record<CasePriority, number>> = {
  Critical: 8 * 60,
  High: 24 * 60,
  Medium: 72 * 60,
  Low: 168 * 60,
};
