/**
 * One Salesforce org as configured by an admin: where to log in, how, and how Pulse may use it.
 * Each auth flow lists exactly the settings it needs, so a missing one is named at start-up.
 */
import { z } from 'zod';

import { cronExpression, duration, flag, integer, timeZone } from './field-types.js';
import { FieldMapping } from './field-mapping.js';

/** https everywhere; plain http only for a local org (the emulator) on this machine. */
const loginUrl = z.string().refine(
  (text) => {
    try {
      const url = new URL(text);
      if (url.protocol === 'https:') return true;
      return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    } catch {
      return false;
    }
  },
  {
    error: 'expected an https:// login URL such as "https://login.salesforce.com" (http only for 127.0.0.1)',
  },
);

const GENERIC_LOGIN_HOSTS = new Set(['login.salesforce.com', 'test.salesforce.com']);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

const apiVersion = z
  .string()
  .regex(/^\d{2,3}\.0$/, { error: 'expected an API version such as "64.0"' })
  .default('64.0');

const apiBudget = z
  .object({
    /** Share of the org's daily API allocation Pulse leaves for the org's other integrations. */
    reservePercent: integer(0, 99).default(20),
  })
  .strict()
  .prefault({});

/** How hard Pulse may call the org, across all its workers. */
const requestLimits = z
  .object({
    /** Calls in flight at once for this org, all workers together. */
    maxConcurrent: integer(1, 25).default(4),
    /** Calls started per second for this org, all workers together. */
    perSecond: integer(1, 100).default(10),
    /** A call that has not answered by then is abandoned (and counted as a transient failure). */
    timeout: duration.prefault('60s'),
    /** Attempts of one call before its error is final (transient failures only). */
    maxAttempts: integer(1, 10).default(4),
    /** Wait before retrying a call refused for too many concurrent long requests (unless Retry-After says). */
    concurrentLimitWait: duration.prefault('5s'),
    /** After such a refusal, `maxConcurrent` is halved for the org, all workers together, this long. */
    concurrentLimitThrottle: duration.prefault('60s'),
    /**
     * With the daily allocation (or Pulse's share of it) spent, the org's queue pauses this long at
     * a time; then the next job's first call checks again.
     */
    limitRecheck: duration.prefault('60s'),
  })
  .strict()
  .prefault({});

const common = {
  loginUrl,
  clientId: z.string().min(1),
  apiVersion,
  /** Overrides `sync.schedule` for this org. */
  schedule: cronExpression.optional(),
  /** Overrides `sync.interval` (and any schedule) for this org: a duration such as "10m". */
  interval: duration.optional(),
  timeZone: timeZone.optional(),
  apiBudget,
  requestLimits,
  fieldMapping: FieldMapping,
  /** Off by default: an admin turns writes on once the computed values look right. */
  writeBack: flag.default(false),
  /** Compute and report, write nothing, whatever `writeBack` says. */
  shadow: flag.default(false),
  /**
   * Opt-in for very large orgs: a score batch with at least this many changed accounts writes them
   * with one Bulk API 2.0 ingest job instead of sObject Collections calls of 200.
   */
  bulkWriteMinChanges: z.int().min(200).optional(),
};

const secret = z.string().min(1);

export const OrgConfig = z.discriminatedUnion('authFlow', [
  z
    .object({
      ...common,
      authFlow: z.literal('jwt'),
      username: z.string().min(1),
      privateKeyFile: z.string().min(1),
      /** The JWT `aud`: Salesforce accepts only its login hosts, never the instance URL. */
      audience: z.enum(['https://login.salesforce.com', 'https://test.salesforce.com']).optional(),
    })
    .strict(),
  z
    .object({
      ...common,
      authFlow: z.literal('refresh_token'),
      clientSecret: secret.optional(),
      refreshToken: secret,
    })
    .strict(),
  z
    .object({ ...common, authFlow: z.literal('client_credentials'), clientSecret: secret })
    .strict()
    // Salesforce answers the generic login hosts with "request not supported on this domain".
    .refine((org) => !GENERIC_LOGIN_HOSTS.has(hostOf(org.loginUrl)), {
      path: ['loginUrl'],
      error:
        "the client-credentials flow needs the org's My Domain URL (https://<domain>.my.salesforce.com), not a generic login host",
    }),
  z
    .object({
      ...common,
      authFlow: z.literal('password'),
      clientSecret: secret,
      username: z.string().min(1),
      password: secret,
      securityToken: secret.optional(),
    })
    .strict(),
]);
export type OrgConfig = z.output<typeof OrgConfig>;

export const AUTH_FLOWS = ['jwt', 'refresh_token', 'client_credentials', 'password'] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/** Org names become queue names and Redis key parts, so they stay short and plain. */
export const orgName = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'expected an org name of lower-case letters, digits and "-"' });
