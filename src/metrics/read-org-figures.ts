/**
 * Everything /metrics shows about one org, read from Redis at scrape time: the calls the workers
 * counted, the API budget, the limiter's load, the org's queue and its runs. Nothing is cached:
 * every process that works the org writes these, and serve only reads them.
 */
import type { Redis } from 'ioredis';

import type { OrgConfig } from '../config/index.js';
import { orgApiBudget, type BudgetSnapshot } from '../salesforce/pipeline/api-budget.js';
import { readLimiterLoad, type LimiterLoad } from '../salesforce/pipeline/org-limiter.js';
import type { RunStore } from '../sync/run-store.js';
import type { RunTotals } from '../sync/run-totals.js';
import { readCallFigures, type CallFigures } from './read-call-figures.js';

/** The BullMQ states an operator watches (completed jobs are removed, so not counted). */
export const QUEUE_STATES = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** What the reader needs of the org's BullMQ queue. */
export interface JobCounts {
  getJobCounts(...states: QueueState[]): Promise<Record<string, number>>;
}

/** The fields of the last run's report /metrics shows (reports are stored JSON: each may be missing). */
export interface LastRun {
  readonly status?: string;
  readonly startedAt?: string;
  readonly durationMs?: number;
  readonly pulled?: Readonly<Record<string, number>>;
  readonly scored?: number;
  readonly written?: number;
  readonly unchanged?: number;
  readonly wouldWrite?: number;
  readonly failed?: readonly unknown[];
  readonly apiCalls?: number;
  readonly tokenCalls?: number;
}

export interface OrgFigures extends CallFigures {
  readonly orgName: string;
  readonly budget: BudgetSnapshot & { readonly reservePercent: number };
  /** Undefined when no limiter of the org was ever started. */
  readonly limiter?: LimiterLoad;
  readonly queue: Readonly<Record<QueueState, number>>;
  readonly runs: RunTotals;
  readonly lastRun?: LastRun;
}

export interface OrgSources {
  readonly orgName: string;
  readonly org: OrgConfig;
  /** A client with Pulse's key prefix. */
  readonly redis: Redis;
  /** A client without a prefix (the limiter's keys carry it in their names). */
  readonly rawRedis: Redis;
  readonly keyPrefix: string;
  readonly queue: JobCounts;
  readonly runs: RunStore;
}

export async function readOrgFigures(sources: OrgSources): Promise<OrgFigures> {
  const { orgName, org, redis } = sources;
  const [calls, budget, limiter, counts, runs, recent] = await Promise.all([
    readCallFigures(redis, orgName),
    orgApiBudget(redis, orgName, org).snapshot(),
    readLimiterLoad(sources.rawRedis, sources.keyPrefix, orgName),
    sources.queue.getJobCounts(...QUEUE_STATES),
    sources.runs.totals(),
    sources.runs.recent(1),
  ]);
  const [last] = recent;
  return {
    orgName,
    ...calls,
    budget: { ...budget, reservePercent: org.apiBudget.reservePercent },
    ...(limiter ? { limiter } : {}),
    queue: Object.fromEntries(QUEUE_STATES.map((state) => [state, counts[state] ?? 0])) as Record<
      QueueState,
      number
    >,
    runs,
    ...(typeof last === 'object' && last !== null ? { lastRun: last } : {}),
  };
}
