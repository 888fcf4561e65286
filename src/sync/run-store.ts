/**
 * What each run did (a capped list of run reports per org) and which records keep failing: a
 * record Salesforce refused is listed as failing until a later write of it lands, and is not
 * retried on every run — only when its inputs change, on the daily full pass, or by an operator.
 */
import type { Redis } from 'ioredis';

import { createRunTotals, type RunTotals } from './run-totals.js';
import type { SyncReport } from './run/sync-report.js';
import type { WriteFailure } from './write/write-accounts.js';

const MAX_RUNS = 200;
/** How long a run's report by id, and the values it overwrote (for `pulse rollback`), are kept. */
const OVERWRITTEN_TTL_SECONDS = 30 * 24 * 3600;

/** What a run changed on one account: the values before it and the ones it wrote. */
export interface Overwrite {
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

export interface FailingRecord extends WriteFailure {
  readonly runId: string;
  readonly at: string;
}

export interface RunStore {
  save(runId: string, report: object): Promise<void>;
  recent(limit: number): Promise<unknown[]>;
  /** One run's report by id (kept as long as the values it overwrote), or undefined. */
  report(runId: string): Promise<unknown>;
  markFailing(runId: string, at: Date, failures: readonly WriteFailure[]): Promise<void>;
  clearFailing(accountIds: readonly string[]): Promise<void>;
  failing(): Promise<FailingRecord[]>;
  /** Keeps what a run overwrote (30 days), so the run can be rolled back. */
  keepOverwrites(runId: string, overwrites: ReadonlyMap<string, Overwrite>): Promise<void>;
  overwrites(runId: string): Promise<Map<string, Overwrite>>;
  /** Adds a finished run to the org's totals (for /metrics), once per run however often it is called. */
  countFinished(report: SyncReport): Promise<void>;
  /** Totals over every run counted by `countFinished`. */
  totals(): Promise<RunTotals>;
}

/** @param redis a client with Pulse's key prefix */
export function createRunStore(redis: Redis, orgName: string): RunStore {
  const key = (part: string): string => `org:{${orgName}}:${part}`;
  const totals = createRunTotals(redis, orgName);
  return {
    async save(runId, report) {
      const entry = JSON.stringify({ runId, ...report });
      await redis
        .multi()
        .lpush(key('runs'), entry)
        .ltrim(key('runs'), 0, MAX_RUNS - 1)
        // By id too: looking one run up must not read and parse every stored report.
        .set(key(`run:${runId}:report`), entry, 'EX', OVERWRITTEN_TTL_SECONDS)
        .exec();
    },
    async report(runId) {
      const entry = await redis.get(key(`run:${runId}:report`));
      if (entry !== null) return JSON.parse(entry) as unknown;
      // Runs saved before reports were kept by id are only in the list.
      return (await this.recent(MAX_RUNS)).find((run) => (run as { runId?: unknown }).runId === runId);
    },
    async recent(limit) {
      return (await redis.lrange(key('runs'), 0, limit - 1)).map((entry) => JSON.parse(entry) as unknown);
    },
    async markFailing(runId, at, failures) {
      if (failures.length === 0) return;
      const entries = failures.flatMap((failure) => [
        failure.id,
        JSON.stringify({ ...failure, runId, at: at.toISOString() }),
      ]);
      await redis.hset(key('failing'), ...entries);
    },
    async clearFailing(accountIds) {
      if (accountIds.length > 0) await redis.hdel(key('failing'), ...accountIds);
    },
    async keepOverwrites(runId, overwrites) {
      if (overwrites.size === 0) return;
      const entries = [...overwrites].flatMap(([id, overwrite]) => [id, JSON.stringify(overwrite)]);
      await redis
        .multi()
        .hset(key(`run:${runId}:overwrites`), ...entries)
        .expire(key(`run:${runId}:overwrites`), OVERWRITTEN_TTL_SECONDS)
        .exec();
    },
    async overwrites(runId) {
      const entries = await redis.hgetall(key(`run:${runId}:overwrites`));
      return new Map(Object.entries(entries).map(([id, value]) => [id, JSON.parse(value) as Overwrite]));
    },
    async countFinished(report) {
      await totals.add(report);
    },
    totals: () => totals.read(),
    async failing() {
      return Object.values(await redis.hgetall(key('failing'))).map(
        (entry) => JSON.parse(entry) as FailingRecord,
      );
    },
  };
}
