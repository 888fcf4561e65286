/** An account's customer context: its health now, what Salesforce holds, and its score history. */
import { z } from 'zod';

import { ESCALATION_STATUSES } from '../../health/index.js';

export const AccountId = z
  .string()
  .regex(/^001[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, { error: 'expected an Account id' })
  .meta({ description: 'A 15- or 18-character Account id', example: '001000000000001AAA' });

const Contribution = z.object({
  measure: z.string(),
  label: z.string(),
  group: z.string(),
  signal: z.string(),
  value: z.union([z.number(), z.boolean(), z.string()]).nullable(),
  points: z.number().nullable().meta({ description: '0-100; null when the measure was left out' }),
  weight: z.number().meta({ description: 'The measure’s share of the score (0-1)' }),
  leftOut: z.enum(['no data', 'not a number']).optional(),
});

const OpenCase = z.object({
  id: z.string(),
  label: z.string().meta({ description: 'CaseNumber, else the Id' }),
  tier: z.string().meta({ description: 'The SLA tier its Priority maps to' }),
  escalated: z.boolean(),
  openedAt: z.string(),
  ageBusinessHours: z.number().meta({ description: 'Business hours open so far, in its calendar' }),
  pastSla: z.boolean(),
  nearSla: z.boolean(),
  resolutionUsedShare: z.number().meta({ description: 'Share of the resolution target used (1 = due now)' }),
  firstResponseUsedShare: z
    .number()
    .nullable()
    .meta({ description: 'Share of the first-response target used; null when not recorded' }),
});

const NextRenewal = z.object({
  daysToRenewal: z.number().meta({ description: 'Days to its CloseDate (negative: overdue)' }),
  stage: z.string().nullable(),
  probability: z.number().nullable(),
  amount: z.number().nullable().meta({ description: 'In the org’s currency' }),
});

export const AccountHealth = z
  .object({
    accountId: z.string(),
    name: z.string().nullable(),
    health: z.object({
      score: z.number().nullable(),
      status: z.string().nullable(),
      scoreChange: z.number().nullable().meta({ description: 'Against the score about 30 days earlier' }),
      override: z.number().nullable().meta({ description: 'The CSM’s override, shown beside the score' }),
      escalation: z.object({ status: z.enum(ESCALATION_STATUSES), reasons: z.array(z.string()) }),
      riskFlags: z.array(z.object({ name: z.string(), reason: z.string() })),
      reasons: z.string(),
      contributions: z.array(Contribution),
      segment: z.string().nullable(),
      modelVersion: z.string(),
    }),
    inSalesforce: z
      .record(z.string(), z.unknown())
      .meta({ description: 'The Pulse fields as last read from Salesforce' }),
    history: z
      .array(z.object({ at: z.string(), score: z.number() }))
      .meta({ description: 'Score history, newest first' }),
    openCases: z.array(OpenCase).meta({ description: 'Open cases, those past or near their SLA first' }),
    nextRenewal: NextRenewal.nullable().meta({ description: 'The next open renewal opportunity' }),
  })
  .meta({ id: 'AccountHealth' });
