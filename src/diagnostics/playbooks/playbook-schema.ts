/**
 * What an integration-troubleshooting playbook is (`playbooks/integration/*.yaml`): which failed
 * calls it is for, their likely causes in order, what to check and fix in Salesforce, whether a
 * replay can help. Strict, so a misspelt key in a playbook is an error at start-up, not a playbook
 * that silently never matches.
 */
import { z } from 'zod';

import type { ErrorClass } from '../../errors/app-error.js';

// A Record, so a class added to ErrorClass is a compile error here until it is listed (each
// class needs its fallback playbook).
const CLASSES: Readonly<Record<ErrorClass, true>> = {
  transient: true,
  auth: true,
  limit: true,
  data: true,
  config: true,
};
export const ERROR_CLASSES = Object.keys(CLASSES) as [ErrorClass, ...ErrorClass[]];

const text = z.string().trim().min(1);

/** One value or a non-empty list of them; `what` names the value in the error message. */
const oneOrMany = <T extends z.ZodType>(item: T, what: string) =>
  z.union([item, z.array(item).min(1)], { error: `expected ${what}, or a list of them` });

/** A regular expression, tested case-insensitively; it must compile. */
const pattern = text.superRefine((source, context) => {
  try {
    new RegExp(source, 'i');
  } catch (error) {
    context.addIssue({
      code: 'custom',
      message: `not a valid regular expression (${(error as Error).message})`,
    });
  }
});

/** `503`, or a class of statuses such as `5xx`. */
const HTTP_STATUS = 'expected an HTTP status such as 503 or a class such as "5xx"';
const httpStatus = z.union(
  [z.int().min(100).max(599), z.string().regex(/^[1-5]xx$/, { error: HTTP_STATUS })],
  { error: HTTP_STATUS },
);

/** Salesforce API names: `Account`, `Health_Score__c`. */
const apiName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: 'expected an API name such as "Health_Score__c"' });

/**
 * The failures a playbook is for. Every criterion given must hold; none given matches any failure
 * (the catch-all). Codes, sObjects and fields are compared ignoring case.
 */
export const PlaybookMatch = z.strictObject(
  {
    /** Salesforce's errorCode, the OAuth `error`, a network code (ECONNRESET) or Pulse's own (TIMEOUT). */
    errorCode: oneOrMany(text, 'an error code').optional(),
    httpStatus: oneOrMany(httpStatus, 'an HTTP status').optional(),
    errorClass: oneOrMany(z.enum(ERROR_CLASSES), 'an error class').optional(),
    /** Tested against Salesforce's message (or the OAuth error_description). */
    messagePattern: pattern.optional(),
    /** Tested against the call's path, e.g. `/query` or `/composite/sobjects`. */
    pathPattern: pattern.optional(),
    sObject: oneOrMany(apiName, 'an sObject API name').optional(),
    field: oneOrMany(apiName, 'a field API name').optional(),
  },
  { error: 'expected the match criteria (`{}` matches any failure)' },
);
export type PlaybookMatch = z.infer<typeof PlaybookMatch>;

export const PlaybookStep = z.strictObject({
  /** What to look at, and what it shows when this is the cause. */
  check: text,
  /** What to change. */
  fix: text,
  /** Where in Salesforce Setup, as an admin clicks it. */
  setup: z
    .string()
    .regex(/^Setup > \S/, { error: 'expected a Setup path such as "Setup > Users > Permission Sets"' })
    .optional(),
  /** The permissions a person needs to make the fix, or the ones the fix is about. */
  permissions: z.array(text, { error: 'expected a list of permission names' }).min(1).optional(),
});
export type PlaybookStep = z.infer<typeof PlaybookStep>;

export const PlaybookLink = z.strictObject({
  title: text,
  /** A web page, or a file of this repository (`docs/...`, `salesforce/...`). */
  url: z.string().regex(/^(https:\/\/[^\s]+|(docs|salesforce|config)\/[^\s]+)$/, {
    error: 'expected an https:// URL or a path under docs/, salesforce/ or config/',
  }),
});
export type PlaybookLink = z.infer<typeof PlaybookLink>;

export const Playbook = z.strictObject({
  /** Stable and unique across all files: diagnostics and tests refer to it. */
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'expected a kebab-case id such as "unable-to-lock-row"' }),
  title: text,
  /** What the failure means, in a sentence or two. */
  summary: text,
  match: PlaybookMatch,
  /** Likely causes, most likely first. */
  causes: z.array(text, { error: 'expected a list of causes, most likely first' }).min(1),
  /** In the order to do them. */
  steps: z.array(PlaybookStep, { error: 'expected a list of steps, each with check and fix' }).min(1),
  replay: z.strictObject(
    {
      helps: z.boolean(),
      /** Why (not), and when it will. */
      why: text,
    },
    { error: 'expected helps (true or false) and why' },
  ),
  links: z.array(PlaybookLink, { error: 'expected a list of links, each with title and url' }).default([]),
});
export type Playbook = z.infer<typeof Playbook>;

/** One `playbooks/integration/*.yaml` file. */
export const PlaybookFile = z.strictObject({
  playbooks: z.array(Playbook, { error: 'expected a list of playbooks' }).min(1),
});
export type PlaybookFile = z.infer<typeof PlaybookFile>;
