/**
 * The shared state of one run while it is under way, in Redis, so any worker can do any part of it
 * and a killed worker's part can be done again without counting twice: the run's facts, the
 * accounts it scores (fixed once the pull is done), each account's outcome, the API calls made,
 * and which workers did the work. Deleted when the run's report is saved; expires otherwise.
 */
import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import type { WriteFailure } from '../write/write-accounts.js';

const RUN_STATE_TTL_SECONDS = 7 * 24 * 3600;
const FINISHED_RUN_TTL_SECONDS = 3600;
/** Account ids per RPUSH / LRANGE when the target list is written or read. */
const TARGET_CHUNK = 5000;

export type WriteBackMode = 'on' | 'off' | 'shadow';
export type RunPhase = 'pull' | 'score' | 'finish';

export interface RunFacts {
  readonly runId: string;
  readonly startedAt: string;
  readonly full: boolean;
  readonly writeBack: WriteBackMode;
}

export interface PulledCount {
  readonly object: string;
  readonly mode: 'incremental' | 'full';
  readonly records: number;
}

/** What happened to each account of a batch. */
export interface BatchOutcome {
  readonly written: readonly string[];
  readonly unchanged: readonly string[];
  /** Would be written, were write-back on. */
  readonly wouldWrite: readonly string[];
  readonly failed: readonly WriteFailure[];
}

export interface RunProgress {
  readonly phase: RunPhase | 'starting';
  readonly pulled: Readonly<Record<string, number>>;
  readonly targets: number | undefined;
  readonly scored: number;
}

export interface RunTotals {
  readonly pulled: readonly PulledCount[];
  readonly scored: number;
  readonly written: number;
  readonly unchanged: number;
  readonly wouldWrite: number;
  /** Scored only because an SLA clock crossed a threshold (nothing changed in Salesforce). */
  readonly slaRescored: number;
  readonly failed: WriteFailure[];
  readonly apiCalls: number;
  readonly tokenCalls: number;
  /** Jobs done per worker. */
  readonly workers: Readonly<Record<string, number>>;
}

export interface RunState {
  readonly runId: string;
  /** Records the run's facts; a second call (a resumed start) keeps the first ones. */
  begin(facts: RunFacts): Promise<RunFacts>;
  facts(): Promise<RunFacts | undefined>;
  setPhase(phase: RunPhase): Promise<void>;
  recordPull(count: PulledCount): Promise<void>;
  /** Pull progress while an object's pull is under way (records so far). */
  recordPullProgress(object: string, records: number): Promise<void>;
  /** Fixes the accounts the run scores, once: later calls return the first list's length. */
  /** @param slaRescored how many of them are scored only because an SLA clock crossed a threshold */
  saveTargets(accountIds: readonly string[], slaRescored?: number): Promise<number>;
  /** Target accounts [start, end). */
  targets(start: number, end: number): Promise<string[]>;
  /**
   * Records a batch's outcomes. A written, failed or would-write outcome replaces an earlier one;
   * `unchanged` never replaces one, so a batch done again after a crash (its accounts now match)
   * still counts them as written.
   */
  recordOutcome(outcome: BatchOutcome): Promise<void>;
  countCalls(kind: 'api' | 'token', calls?: number): Promise<void>;
  /** Where a slice's Bulk ingest job id is kept, so a redone slice resumes the same job. */
  bulkJobCheckpoint(slice: string): {
    read(): Promise<string | undefined>;
    write(jobId: string): Promise<void>;
  };
  countJob(worker: string): Promise<void>;
  progress(): Promise<RunProgress>;
  totals(): Promise<RunTotals>;
  /** The finished run's report, kept with the state so a finish done again returns it. */
  saveReport(report: object): Promise<void>;
  savedReport(): Promise<object | undefined>;
  /** After the report is saved: the state goes in an hour (a straggling write cannot keep it). */
  expireSoon(): Promise<void>;
}

/** Sortable by start time, unique, and free of ':' (BullMQ job ids are built from it). */
export function newRunId(at: Date): string {
  return `${at.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomUUID().slice(0, 8)}`;
}

/** @param redis a client with Pulse's key prefix */
export function createRunState(redis: Redis, orgName: string, runId: string): RunState {
  const key = (part: string): string => `org:{${orgName}}:run:${runId}:${part}`;
  const keys = ['facts', 'targets', 'outcome', 'failed', 'workers', 'pulled', 'bulk-jobs'].map(key);
  /**
   * Every write sets the expiry of the keys it touches in the same transaction: a run that never
   * finishes, or a straggler writing after it did, leaves nothing behind for good.
   */
  const write = async (
    parts: readonly string[],
    build: (multi: ReturnType<Redis['multi']>) => unknown,
  ): Promise<void> => {
    const multi = redis.multi();
    build(multi);
    for (const part of parts) multi.expire(key(part), RUN_STATE_TTL_SECONDS);
    await multi.exec();
  };

  return {
    runId,
    async begin(facts) {
      const fields = {
        runId: facts.runId,
        startedAt: facts.startedAt,
        full: String(facts.full),
        writeBack: facts.writeBack,
      };
      await write(['facts'], (multi) => {
        for (const [name, value] of Object.entries(fields)) multi.hsetnx(key('facts'), name, value);
      });
      return (await this.facts()) ?? facts;
    },
    async facts() {
      const fields = await redis.hgetall(key('facts'));
      if (!fields['runId'] || !fields['startedAt']) return undefined;
      const writeBack = fields['writeBack'];
      return {
        runId: fields['runId'],
        startedAt: fields['startedAt'],
        full: fields['full'] === 'true',
        writeBack: writeBack === 'on' || writeBack === 'shadow' ? writeBack : 'off',
      };
    },
    async setPhase(phase) {
      await write(['facts'], (multi) => multi.hset(key('facts'), 'phase', phase));
    },
    async recordPull(count) {
      await write(['pulled'], (multi) => multi.hset(key('pulled'), count.object, JSON.stringify(count)));
    },
    async recordPullProgress(object, records) {
      await write(['facts'], (multi) => multi.hset(key('facts'), `pulling:${object}`, String(records)));
    },
    async saveTargets(accountIds, slaRescored = 0) {
      const existing = await redis.hget(key('facts'), 'targets');
      if (existing !== null) return Number(existing);
      await write(['targets', 'facts'], (multi) => {
        multi.del(key('targets'));
        for (let i = 0; i < accountIds.length; i += TARGET_CHUNK)
          multi.rpush(key('targets'), ...accountIds.slice(i, i + TARGET_CHUNK));
        multi.hset(key('facts'), 'targets', String(accountIds.length), 'sla-rescored', String(slaRescored));
      });
      return accountIds.length;
    },
    async targets(start, end) {
      if (end <= start) return [];
      return redis.lrange(key('targets'), start, end - 1);
    },
    async recordOutcome(outcome) {
      await write(['outcome', 'failed'], (multi) => {
        const replace = [
          ...outcome.written.map((id) => [id, 'written']),
          ...outcome.wouldWrite.map((id) => [id, 'would']),
          ...outcome.failed.map((failure) => [failure.id, 'failed']),
        ];
        if (replace.length > 0) multi.hset(key('outcome'), ...replace.flat());
        for (const id of outcome.unchanged) multi.hsetnx(key('outcome'), id, 'unchanged');
        // A record that failed once and was written on a retry is no longer a failure of this run.
        if (outcome.written.length > 0) multi.hdel(key('failed'), ...outcome.written);
        if (outcome.failed.length > 0)
          multi.hset(
            key('failed'),
            ...outcome.failed.flatMap((failure) => [failure.id, JSON.stringify(failure)]),
          );
      });
    },
    async countCalls(kind, calls = 1) {
      await write(['facts'], (multi) =>
        multi.hincrby(key('facts'), kind === 'api' ? 'apiCalls' : 'tokenCalls', calls),
      );
    },
    bulkJobCheckpoint(slice) {
      return {
        read: async () => (await redis.hget(key('bulk-jobs'), slice)) ?? undefined,
        write: async (jobId) => {
          await write(['bulk-jobs'], (multi) => multi.hset(key('bulk-jobs'), slice, jobId));
        },
      };
    },
    async countJob(worker) {
      await write(['workers'], (multi) => multi.hincrby(key('workers'), worker, 1));
    },
    async progress() {
      const facts = await redis.hgetall(key('facts'));
      const pulled = Object.fromEntries(
        Object.entries(facts)
          .filter(([name]) => name.startsWith('pulling:'))
          .map(([name, value]) => [name.slice('pulling:'.length), Number(value)]),
      );
      const phase = facts['phase'];
      return {
        phase: phase === 'pull' || phase === 'score' || phase === 'finish' ? phase : 'starting',
        pulled,
        targets: facts['targets'] === undefined ? undefined : Number(facts['targets']),
        scored: await redis.hlen(key('outcome')),
      };
    },
    async totals() {
      const [facts, pulled, outcomes, failed, workers] = await Promise.all([
        redis.hgetall(key('facts')),
        redis.hvals(key('pulled')),
        redis.hvals(key('outcome')),
        redis.hvals(key('failed')),
        redis.hgetall(key('workers')),
      ]);
      const count = (value: string): number => outcomes.filter((outcome) => outcome === value).length;
      return {
        pulled: pulled.map((entry) => JSON.parse(entry) as PulledCount),
        scored: outcomes.length,
        written: count('written'),
        unchanged: count('unchanged'),
        wouldWrite: count('would'),
        slaRescored: Number(facts['sla-rescored'] ?? 0),
        failed: failed.map((entry) => JSON.parse(entry) as WriteFailure),
        apiCalls: Number(facts['apiCalls'] ?? 0),
        tokenCalls: Number(facts['tokenCalls'] ?? 0),
        workers: Object.fromEntries(Object.entries(workers).map(([name, jobs]) => [name, Number(jobs)])),
      };
    },
    async saveReport(report) {
      await write(['facts'], (multi) => multi.hset(key('facts'), 'report', JSON.stringify(report)));
    },
    async savedReport() {
      const report = await redis.hget(key('facts'), 'report');
      return report === null ? undefined : (JSON.parse(report) as object);
    },
    async expireSoon() {
      const multi = redis.multi();
      for (const name of keys) multi.expire(name, FINISHED_RUN_TTL_SECONDS);
      await multi.exec();
    },
  };
}
