/**
 * The whole configuration of Pulse in one zod schema. `load-config.ts` fills it from
 * `config/*.yaml` and the environment; modules receive typed slices of the parsed result.
 */
import { z } from 'zod';

import { cronExpression, duration, flag, port, timeZone, urlWithProtocol } from './field-types.js';
import { OrgConfig, orgName } from './org-schema.js';

const RedisConfig = z
  .object({
    url: urlWithProtocol(['redis', 'rediss'], 'redis://127.0.0.1:6379').default('redis://127.0.0.1:6379'),
    /** Every key Pulse writes starts with this, so several deployments (and tests) can share one Redis. */
    keyPrefix: z
      .string()
      .regex(/^[\w.:{}-]+:$/, { error: 'expected a key prefix ending in ":" such as "pulse:"' })
      .default('pulse:'),
    /** A Redis Cluster: `url` names any one node, and each org's keys and queue live in its own slot. */
    cluster: flag.default(false),
  })
  .strict()
  .superRefine((redis, ctx) => {
    if (!redis.cluster) return;
    // A cluster has database 0 only; a number given would be ignored, and data written elsewhere.
    if (!['', '/', '/0'].includes(new URL(redis.url).pathname))
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'a Redis Cluster has only database 0: drop the "/N"',
      });
    // Braces make a hash tag: every org's keys would then share one slot, on one master.
    if (/[{}]/.test(redis.keyPrefix))
      ctx.addIssue({
        code: 'custom',
        path: ['keyPrefix'],
        message: 'no braces with a Redis Cluster: they would put every org in one slot',
      });
  });

const LogConfig = z
  .object({
    level: z.enum(['error', 'warn', 'info', 'debug', 'silent']).default('info'),
    /** `auto`: readable lines on a terminal, JSON otherwise (for log shippers). */
    format: z.enum(['auto', 'json', 'pretty']).default('auto'),
    /** More field names whose values are hidden in logs, on top of the built-in list. */
    redactKeys: z.array(z.string().min(1)).default([]),
  })
  .strict();

/** An API token: only its SHA-256 is configured (`printf %s "$TOKEN" | sha256sum`). */
const ApiTokenConfig = z
  .object({
    /** Who holds it, for the audit log. */
    name: z.string().min(1),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, { error: "expected the token's SHA-256 as 64 lowercase hex characters" }),
    role: z.enum(['viewer', 'operator', 'admin']),
    /** The orgs the token may see; all when absent. */
    orgs: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const HttpConfig = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: port.default(8080),
    tokens: z.array(ApiTokenConfig).default([]),
  })
  .strict();

const SyncConfig = z
  .object({
    /** When each org's incremental sync runs (an org's own `schedule` overrides it). */
    schedule: cronExpression.default('*/15 * * * *'),
    /** Instead of `schedule`: an incremental sync this long after the last one started, e.g. "10m". */
    interval: duration.optional(),
    /** When the daily full pass (rescore every account, re-read formula inputs) runs. */
    fullPassSchedule: cronExpression.default('0 3 * * *'),
    timeZone: timeZone.default('UTC'),
    /** Records become visible only when their transaction commits; windows end this long before server time. */
    commitLag: duration.prefault('2m'),
    /** Each window re-reads this much of the previous one, so a late commit is never skipped. */
    overlap: duration.prefault('5m'),
    /** Accounts per score-and-write job: several workers share a run batch by batch. */
    batchSize: z.int().min(200).max(20_000).default(1000),
    /** A full pull of an object with at least this many records reads a Bulk API 2.0 query job. */
    bulkQueryThreshold: z.int().min(1).default(100_000),
  })
  .strict();

/** `pulse worker` processes (and the in-process worker of `pulse sync --once`). */
const WorkerConfig = z
  .object({
    /** Jobs one worker process runs at once, per org (calls stay within each org's own limits). */
    concurrency: z.int().min(1).max(64).default(4),
    /** A job whose worker stops renewing its lock this long is handed to another worker. */
    lockDuration: duration.prefault('30s'),
    /** How often workers look for jobs whose worker died. */
    stalledInterval: duration.prefault('30s'),
    /** How many worker deaths one job survives before it is failed. */
    maxStalledCount: z.int().min(1).default(10),
  })
  .strict();

/** When an org loses auth, pauses for budget or goes stale: its status says so, and a webhook is told. */
const AlertsConfig = z
  .object({
    /** JSON with a Slack-compatible `text` is posted here, once per episode (a secret: never logged). */
    webhookUrl: urlWithProtocol(['https', 'http'], 'https://hooks.slack.com/services/...').optional(),
    /** An org with no completed run for this long is stale. */
    staleAfter: duration.prefault('2h'),
    /** Each delivery attempt gives up after this long. */
    webhookTimeout: duration.prefault('10s'),
  })
  .strict();

const SuccessConfig = z
  .object({
    /** Off: no playbook is loaded or fires (episodes already stored are kept). */
    enabled: z.boolean().default(true),
    /** A folder of your own playbooks instead of the package's `playbooks/success` (relative to the working directory). */
    playbooksDir: z.string().min(1).optional(),
    /** Customer-success playbooks post here: JSON with a Slack-compatible `text` (a secret: never logged). */
    webhookUrl: urlWithProtocol(['https', 'http'], 'https://hooks.slack.com/services/...').optional(),
    /** Each delivery attempt gives up after this long. */
    webhookTimeout: duration.prefault('10s'),
    /** How often workers look for playbook actions that fell due (reminders, post-mortems). */
    tickInterval: duration.prefault('1m'),
    /**
     * Notices sent `to: caseOwnerQueue` for a case a queue owns go to that queue's webhook (its
     * name or API name, any case); other cases' go to `webhookUrl`.
     */
    queueRoutes: z
      .array(
        z
          .object({
            queue: z.string().min(1),
            /** A secret: never logged. */
            webhookUrl: urlWithProtocol(['https', 'http'], 'https://hooks.slack.com/services/...'),
          })
          .strict(),
      )
      .default([])
      .superRefine((routes, ctx) => {
        const seen = new Set<string>();
        routes.forEach((route, index) => {
          const name = route.queue.toLowerCase();
          if (seen.has(name))
            ctx.addIssue({
              code: 'custom',
              path: [index, 'queue'],
              message: 'this queue is routed twice (names match in any case)',
            });
          seen.add(name);
        });
      }),
  })
  .strict();

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'g');
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected a regular expression (JavaScript syntax)' },
);

/** The diagnostics call store: what it hides, how it signs, how much it keeps. */
/** Where Pulse's own outgoing requests (webhooks) may go. */
const NetworkConfig = z
  .object({
    /**
     * Host names a webhook may reach on a private, loopback or link-local address (an internal
     * chat proxy). Any other host name must resolve to public addresses only; an IP literal in a
     * URL is taken as configured.
     */
    privateHosts: z
      .array(
        z.string().regex(/^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/, {
          error: 'expected a host name such as "hooks.internal.example"',
        }),
      )
      .default([]),
  })
  .strict();

const DiagnosticsConfig = z
  .object({
    /**
     * The HMAC key stored calls are signed with (at least 32 characters); replay refuses a call
     * whose signature fails. Unset: a key derived from the configuration's secrets (every process
     * of one deployment agrees on it); with no secret at all, one made at start.
     */
    signingKey: z.string().min(32, { error: 'expected at least 32 characters' }).optional(),
    /** More field names whose values the store hides, on top of the built-in list. */
    redactKeys: z.array(z.string().min(1)).default([]),
    /** Regular expressions whose matches the store hides in every stored string. */
    redactPatterns: z.array(regexSource).default([]),
    /** Per org: calls older than this go. */
    maxAge: duration.prefault('7d'),
    /** Per org: at most this many calls. */
    maxCalls: z.int().min(100).default(100_000),
    /** Per org: at most this many MiB of stored calls. */
    maxMiB: z.int().min(1).default(256),
  })
  .strict();

export const Config = z
  .object({
    redis: RedisConfig.prefault({}),
    log: LogConfig.prefault({}),
    http: HttpConfig.prefault({}),
    sync: SyncConfig.prefault({}),
    worker: WorkerConfig.prefault({}),
    alerts: AlertsConfig.prefault({}),
    success: SuccessConfig.prefault({}),
    network: NetworkConfig.prefault({}),
    diagnostics: DiagnosticsConfig.prefault({}),
    orgs: z.record(orgName, OrgConfig).default({}),
  })
  .strict();
export type Config = z.output<typeof Config>;
export type RedisConfig = Config['redis'];
export type LogConfig = Config['log'];
export type HttpConfig = Config['http'];
export type SyncConfig = Config['sync'];
export type WorkerConfig = Config['worker'];
export type AlertsConfig = Config['alerts'];
export type SuccessConfig = Config['success'];
export type DiagnosticsConfig = Config['diagnostics'];
export type NetworkConfig = Config['network'];
