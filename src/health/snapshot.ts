/**
 * The compact per-account snapshot the health model scores: the Account, its Opportunities and
 * Cases (only the fields scoring needs, under their Salesforce API names) and the score history.
 */
import { z } from 'zod';

const INSTANT_MESSAGE = 'expected an ISO date-time with its offset, such as "2026-03-01T10:00:00Z"';
/** An ISO date-time naming its offset (`Z`, `+01:00`, or Salesforce's `+0000`). */
export const IsoInstant = z
  .string()
  .refine((text) => /(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)), {
    error: INSTANT_MESSAGE,
  });
/** A Salesforce Date (`YYYY-MM-DD`), or a date-time whose date part is used. */
export const IsoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}/, { error: 'expected a date such as "2026-03-01"' });

export const FieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FieldValue = z.output<typeof FieldValue>;

export const SnapshotAccount = z
  .object({
    Id: z.string().min(1),
    Name: z.string(),
    Type: z.string().nullable().default(null),
    AnnualRevenue: z.number().nullable().default(null),
    /** Multi-currency orgs only. */
    CurrencyIsoCode: z.string().optional(),
    OwnerId: z.string().nullable().default(null),
    /** Stands in for "last activity" when there has never been one. */
    CreatedDate: IsoInstant.nullable().default(null),
    LastActivityDate: IsoDay.nullable().default(null),
    /** Set by a CSM; reported beside the computed score, never replacing it. */
    Health_Score_Override__c: z.number().nullable().default(null),
    /** Other Account fields the model maps (usage, NPS, support region, ARR...), by API name. */
    fields: z.record(z.string(), FieldValue).default({}),
  })
  .strict();
export type SnapshotAccount = z.output<typeof SnapshotAccount>;

export const SnapshotOpportunity = z
  .object({
    Id: z.string().min(1),
    Name: z.string().optional(),
    StageName: z.string(),
    IsClosed: z.boolean(),
    IsWon: z.boolean(),
    CloseDate: IsoDay,
    Amount: z.number().nullable().default(null),
    /** 0-100, as Salesforce stores it. */
    Probability: z.number().min(0).max(100).nullable().default(null),
    /** e.g. `Renewal`, `Expansion`, `New Business` (which values mean what is configured). */
    Type: z.string().nullable().default(null),
    CurrencyIsoCode: z.string().optional(),
  })
  .strict();
export type SnapshotOpportunity = z.output<typeof SnapshotOpportunity>;

/** A CaseMilestone (Entitlement Management), when the org uses them. */
export const CaseMilestone = z
  .object({
    TargetDate: IsoInstant,
    IsViolated: z.boolean(),
    IsCompleted: z.boolean(),
    CompletionDate: IsoInstant.nullable().default(null),
  })
  .strict();
export type CaseMilestone = z.output<typeof CaseMilestone>;

export const SnapshotCase = z
  .object({
    Id: z.string().min(1),
    CaseNumber: z.string().optional(),
    Priority: z.string().nullable().default(null),
    Status: z.string(),
    IsClosed: z.boolean(),
    IsEscalated: z.boolean().default(false),
    CreatedDate: IsoInstant,
    ClosedDate: IsoInstant.nullable().default(null),
    /**
     * When the org records first responses (a mapped field): the time of the first response, or
     * null while there has been none. Left out when the org does not record them.
     */
    FirstResponseAt: IsoInstant.nullable().optional(),
    Milestones: z
      .object({ FirstResponse: CaseMilestone.optional(), Resolution: CaseMilestone.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type SnapshotCase = z.output<typeof SnapshotCase>;

export const ScorePoint = z.object({ at: IsoInstant, score: z.number().min(0).max(100) }).strict();
export type ScorePoint = z.output<typeof ScorePoint>;

export const CurrencyTable = z
  .object({
    /** The org's corporate currency, e.g. `USD`. */
    orgCurrency: z.string().min(3),
    /**
     * Salesforce's CurrencyType.ConversionRate: units of each currency per one unit of the org
     * currency (`EUR: 0.92` means 1 USD = 0.92 EUR), so an amount converts as `amount / rate`.
     */
    conversionRates: z.record(z.string(), z.number().positive()),
  })
  .strict();
export type CurrencyTable = z.output<typeof CurrencyTable>;

/** The longest history kept in a snapshot (a year of daily scores and some). */
export const MAX_HISTORY_POINTS = 400;

export const AccountSnapshot = z
  .object({
    account: SnapshotAccount,
    opportunities: z.array(SnapshotOpportunity).default([]),
    cases: z.array(SnapshotCase).default([]),
    /** Earlier computed scores, any order. */
    history: z.array(ScorePoint).max(MAX_HISTORY_POINTS).default([]),
    /** Multi-currency orgs: the conversion table; single-currency orgs leave it out. */
    currency: CurrencyTable.optional(),
  })
  .strict();
export type AccountSnapshot = z.output<typeof AccountSnapshot>;
