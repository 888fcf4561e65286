/**
 * The shape of `config/sla.yaml`: first-response and resolution targets per priority tier (in
 * business time), Case Priority values mapped to tiers, business-hours calendars and which one an
 * account uses.
 */
import { z } from 'zod';

import { CalendarConfig } from '../business-time/calendar-config.js';

export const TIERS = ['P1', 'P2', 'P3', 'P4'] as const;
export type Tier = (typeof TIERS)[number];
export const TierName = z.enum(TIERS);

const DURATION_MESSAGE = 'expected a business-time duration such as "15m", "4h" or "1h30m"';

/** `"15m"`, `"4h"`, `"1h30m"` as whole minutes of business time. Days are refused: how long is a business day? */
export const BusinessDuration = z.string({ error: DURATION_MESSAGE }).transform((text, ctx) => {
  const match = /^(?:(\d+)h)?\s*(?:(\d+)m)?$/.exec(text.trim());
  const minutes = Number(match?.[1] ?? 0) * 60 + Number(match?.[2] ?? 0);
  if (!match || !(minutes > 0)) {
    ctx.addIssue({ code: 'custom', message: DURATION_MESSAGE, input: text });
    return z.NEVER;
  }
  return minutes;
});

const TierTargets = z
  .object({
    firstResponse: BusinessDuration,
    resolution: BusinessDuration,
    /** A calendar for this tier whatever the account's (e.g. P1 on a 24x7 calendar). */
    calendar: z.string().min(1).optional(),
  })
  .strict()
  .transform(({ firstResponse, resolution, calendar }) => ({
    firstResponseMinutes: firstResponse,
    resolutionMinutes: resolution,
    ...(calendar === undefined ? {} : { calendar }),
  }));

const CalendarSelection = z
  .object({
    /** The Account field whose value picks the calendar (e.g. `Support_Region__c`). */
    field: z.string().min(1),
    /** Field value (case-insensitive) -> calendar name. Other values use `defaultCalendar`. */
    values: z.record(z.string().min(1), z.string().min(1)),
  })
  .strict();

export const SlaConfig = z
  .object({
    tiers: z.object({ P1: TierTargets, P2: TierTargets, P3: TierTargets, P4: TierTargets }).strict(),
    /** Case Priority value (compared case-insensitively) -> tier. */
    priorities: z.record(z.string().min(1), TierName),
    /** The tier of a Priority value not listed (reported once per account, in the result's warnings). */
    unknownPriorityTier: TierName.default('P3'),
    /** An open case past this share of a target puts the account on Watch. */
    watchAtPercent: z.number().min(1).max(99).default(75),
    calendars: z.record(
      z.string().regex(/^[\w-]+$/, { error: 'expected a calendar name of letters, digits, "_" and "-"' }),
      CalendarConfig,
    ),
    defaultCalendar: z.string().min(1),
    calendarSelection: CalendarSelection.optional(),
  })
  .strict()
  .superRefine((sla, ctx) => {
    const known = (name: string) => Object.hasOwn(sla.calendars, name);
    const notACalendar = `expected the name of a calendar under "calendars" (${Object.keys(sla.calendars).join(', ')})`;
    if (!known(sla.defaultCalendar)) {
      ctx.addIssue({
        code: 'custom',
        path: ['defaultCalendar'],
        message: notACalendar,
        input: sla.defaultCalendar,
      });
    }
    for (const tier of TIERS) {
      const calendar = sla.tiers[tier].calendar;
      if (calendar !== undefined && !known(calendar)) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', tier, 'calendar'],
          message: notACalendar,
          input: calendar,
        });
      }
    }
    for (const [value, calendar] of Object.entries(sla.calendarSelection?.values ?? {})) {
      if (!known(calendar)) {
        ctx.addIssue({
          code: 'custom',
          path: ['calendarSelection', 'values', value],
          message: notACalendar,
          input: calendar,
        });
      }
    }
    const seen = new Map<string, string>();
    for (const value of Object.keys(sla.priorities)) {
      const key = value.trim().toLowerCase();
      const other = seen.get(key);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['priorities'],
          message: `expected each Priority value once, compared case-insensitively ("${other}" and "${value}")`,
          input: sla.priorities,
        });
      }
      seen.set(key, value);
    }
  });
export type SlaConfig = z.output<typeof SlaConfig>;
