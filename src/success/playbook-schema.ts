/**
 * Customer-success playbooks (`playbooks/success/*.yaml`): when an account crosses into risk, what
 * Pulse does about it, once per episode. A trigger is a transition (the condition was false and
 * became true); conditions narrow which accounts it applies to; actions create a Salesforce Task
 * for the account owner or post to the success webhook, at the episode's start, repeatedly while
 * it lasts, or some time after it ends.
 */
import { z } from 'zod';

import { ESCALATION_STATUSES } from '../health/sla/escalation-status.js';

/** `15m`, `1h`, `48h`, `2d`: a wall-clock duration in milliseconds. */
export const Duration = z
  .string()
  .regex(/^\d+(m|h|d)$/, 'a duration like 15m, 1h, 48h or 2d')
  .transform((text) => {
    const amount = Number(text.slice(0, -1));
    const unit = text.slice(-1);
    return amount * (unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000);
  })
  .refine((ms) => ms > 0, 'must be longer than zero');

/** What starts an episode; exactly one key. */
export const Trigger = z.union([
  /** Health_Status__c became this band (e.g. `Red`). */
  z.strictObject({ statusBecame: z.string().min(1) }),
  /** This risk flag appeared in Risk_Flags__c (e.g. `Renewal At Risk`). */
  z.strictObject({ flagAppeared: z.string().min(1) }),
  /** Escalation_Status__c became this status (e.g. `Critical`). */
  z.strictObject({ escalationBecame: z.enum(ESCALATION_STATUSES) }),
  /** The score fell by at least this many points against 30 days earlier. */
  z.strictObject({ scoreDropped: z.strictObject({ points: z.int().min(1).max(100) }) }),
  /** An open case used this share of its resolution (or first-response) target: one episode per case. */
  z.strictObject({ caseSlaReached: z.strictObject({ share: z.number().gt(0).lt(1) }) }),
]);
export type Trigger = z.output<typeof Trigger>;

/** Which accounts a playbook applies to; every given condition must hold. */
export const Conditions = z.strictObject({
  /** The health model's segment profile (e.g. `Enterprise`). */
  segments: z.array(z.string().min(1)).min(1).optional(),
  /** Annual recurring revenue band, in the org's corporate currency: `min` inclusive, `max` exclusive. */
  arr: z
    .strictObject({ min: z.number().min(0).optional(), max: z.number().positive().optional() })
    .refine((band) => band.min === undefined || band.max === undefined || band.min < band.max, {
      error: 'arr.min must be below arr.max',
    })
    .optional(),
  /** The account's health status is one of these at the time (e.g. `[Red, Yellow]`). */
  statusIn: z.array(z.string().min(1)).min(1).optional(),
  /**
   * The account owner's role (UserRole), by its label or API name, any case (e.g. `Enterprise CSM`
   * or `Enterprise_CSM`). Pulse reads the org's users and roles for it, at most once an hour.
   */
  ownerRoles: z.array(z.string().min(1)).min(1).optional(),
});
export type Conditions = z.output<typeof Conditions>;

/** When an action fires within an episode. */
export const ActionTiming = z
  .strictObject({
    /** `open` (default): once, when the episode starts. */
    at: z.literal('open').optional(),
    /** Every this long while the episode lasts, starting one period after it opened. */
    every: Duration.optional(),
    /** Once, this long after the episode ended (a post-mortem), instead of at its start. */
    afterClose: Duration.optional(),
  })
  .refine((timing) => !(timing.afterClose !== undefined && timing.every !== undefined), {
    error: 'an action fires either while the episode lasts (every) or after it ends (afterClose), not both',
  });

/** A Task's due date (ActivityDate, a date only) counted on the account's SLA calendar. */
export const TaskDue = z.union([
  z.strictObject({ businessDays: z.int().min(0).max(60) }),
  z.strictObject({ businessHours: z.int().min(0).max(480) }),
]);
export type TaskDue = z.output<typeof TaskDue>;

export const TaskAction = z.strictObject({
  task: z.strictObject({
    /** Templates: `{{account.name}}`, `{{health.reasons}}`... (render-template.ts lists them). */
    subject: z.string().min(1).max(255),
    description: z.string().min(1).max(32_000),
    priority: z.enum(['High', 'Normal', 'Low']).default('Normal'),
    type: z.enum(['Call', 'Email', 'Meeting', 'Other']).optional(),
    due: TaskDue,
    when: ActionTiming.optional(),
  }),
});
export type TaskAction = z.output<typeof TaskAction>;

export const WebhookAction = z.strictObject({
  webhook: z.strictObject({
    /** The message's Slack-compatible `text`, a template. */
    text: z.string().min(1).max(4_000),
    /**
     * `default`: `success.webhookUrl`. `caseOwnerQueue` (case triggers only): the webhook that
     * `success.queueRoutes` gives the case owner's queue, else `success.webhookUrl`.
     */
    to: z.enum(['default', 'caseOwnerQueue']).default('default'),
    when: ActionTiming.optional(),
  }),
});
export type WebhookAction = z.output<typeof WebhookAction>;

export const SuccessAction = z.union([TaskAction, WebhookAction]);
export type SuccessAction = z.output<typeof SuccessAction>;

export const SuccessPlaybook = z.strictObject({
  /** Stable: episodes are kept under it, so renaming a file or editing its text never re-fires them. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, up to 40'),
  name: z.string().min(1).max(80),
  description: z.string().min(1),
  /** Off: the playbook is loaded and checked, but nothing fires. */
  enabled: z.boolean().default(true),
  trigger: Trigger,
  conditions: Conditions.optional(),
  actions: z.array(SuccessAction).min(1).max(10),
});
export type SuccessPlaybook = z.output<typeof SuccessPlaybook>;
