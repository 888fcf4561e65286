/**
 * Where an org's playbook episodes live in Redis, so they survive restarts: one key per account
 * holding the states of every playbook's subjects on it (observations of different accounts never
 * touch the same key), a sorted set of accounts by when something may next be due (the tick reads
 * only those), the playbooks already baselined on the org, and the last failed actions.
 * Updates are read-modify-write with a compare-and-set script, retried on conflict, so a tick
 * marking actions fired and a score job observing the same account never lose each other's change
 * (and, unlike WATCH, it is safe on a connection other code uses at the same time).
 */
import type { Redis } from 'ioredis';

import type { EpisodeState } from './episodes.js';

const MAX_FAILURES = 200;
const MAX_CONFLICT_RETRIES = 20;

const RELEASE_IF_OWNER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/** Writes the account's states only if they are still what was read; keeps the due set in step. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if (current == false and ARGV[1] ~= '') or (current ~= false and current ~= ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[3] == '' then redis.call('ZREM', KEYS[2], ARGV[4]) else redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
return 1`;

export interface FailedAction {
  readonly at: string;
  readonly playbookId: string;
  readonly accountId: string;
  readonly kind: 'task' | 'webhook';
  readonly reason: string;
}

export interface EpisodeStore {
  /**
   * Applies `change` to the stored states of each account (an empty list when none), atomically
   * per account; `nextDue` says when the account's states may next have something due.
   */
  update(
    accountIds: readonly string[],
    change: (accountId: string, states: readonly EpisodeState[]) => readonly EpisodeState[] | undefined,
    nextDue: (states: readonly EpisodeState[]) => number | undefined,
  ): Promise<void>;
  read(accountIds: readonly string[]): Promise<Map<string, EpisodeState[]>>;
  /** Moves accounts that are due sooner than `untilMs` back to it (never earlier). */
  snooze(accountIds: readonly string[], untilMs: number): Promise<void>;
  /** Accounts with something due at or before `nowMs`, oldest first. */
  dueAccounts(nowMs: number, limit: number): Promise<string[]>;
  baselined(): Promise<Set<string>>;
  markBaselined(playbookIds: readonly string[]): Promise<void>;
  /** Owner-role playbooks were left undecided for some account (owners unread or unknown). */
  noteOwnersUndecided(): Promise<void>;
  /** Whether that happened since the last call; clears it. */
  takeOwnersUndecided(): Promise<boolean>;
  recordFailure(failure: FailedAction): Promise<void>;
  failures(limit: number): Promise<FailedAction[]>;
  /** Runs `work` unless another tick of the org holds the lock; answers whether it ran. */
  withTickLock(work: () => Promise<void>, holdMs: number): Promise<boolean>;
}

/** @param redis a client with Pulse's key prefix */
export function createEpisodeStore(redis: Redis, orgName: string): EpisodeStore {
  const base = `org:{${orgName}}:success`;
  const accountKey = (accountId: string): string => `${base}:account:${accountId}`;
  const dueKey = `${base}:due`;
  const parse = (value: string | null): EpisodeState[] =>
    value === null ? [] : (JSON.parse(value) as EpisodeState[]);

  async function updateAll(
    accountIds: readonly string[],
    change: (accountId: string, states: readonly EpisodeState[]) => readonly EpisodeState[] | undefined,
    nextDue: (states: readonly EpisodeState[]) => number | undefined,
  ): Promise<void> {
    let pending = [...new Set(accountIds)];
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt === MAX_CONFLICT_RETRIES)
        throw new Error(
          `episode states of ${pending.length} account(s) kept changing under concurrent updates`,
        );
      const values = await redis.mget(pending.map(accountKey));
      const writes = pending.flatMap((accountId, i) => {
        const stored = values[i] ?? null;
        const next = change(accountId, parse(stored));
        return next === undefined ? [] : [{ accountId, stored, next }];
      });
      const pipeline = redis.pipeline();
      for (const { accountId, stored, next } of writes) {
        const dueAt = nextDue(next);
        pipeline.eval(
          COMPARE_AND_SET,
          2,
          accountKey(accountId),
          dueKey,
          stored ?? '',
          JSON.stringify(next),
          dueAt === undefined ? '' : String(dueAt),
          accountId,
        );
      }
      const results = writes.length === 0 ? [] : ((await pipeline.exec()) ?? []);
      const failure = results.find(([error]) => error !== null)?.[0];
      if (failure) throw failure;
      pending = writes.filter((_, i) => results[i]?.[1] !== 1).map((write) => write.accountId);
    }
  }

  return {
    update: updateAll,
    async read(accountIds) {
      if (accountIds.length === 0) return new Map();
      const values = await redis.mget(accountIds.map(accountKey));
      return new Map(accountIds.map((id, i) => [id, parse(values[i] ?? null)]));
    },
    async snooze(accountIds, untilMs) {
      if (accountIds.length === 0) return;
      // GT: only later; XX: only accounts still in the set.
      await redis.zadd(dueKey, 'XX', 'GT', ...accountIds.flatMap((id) => [String(untilMs), id]));
    },
    async dueAccounts(nowMs, limit) {
      return redis.zrangebyscore(dueKey, '-inf', String(nowMs), 'LIMIT', 0, limit);
    },
    async baselined() {
      return new Set(await redis.smembers(`${base}:baselined`));
    },
    async markBaselined(playbookIds) {
      if (playbookIds.length > 0) await redis.sadd(`${base}:baselined`, ...playbookIds);
    },
    async noteOwnersUndecided() {
      await redis.set(`${base}:owners-undecided`, '1');
    },
    async takeOwnersUndecided() {
      return (await redis.getdel(`${base}:owners-undecided`)) !== null;
    },
    async recordFailure(failure) {
      await redis
        .multi()
        .lpush(`${base}:failures`, JSON.stringify(failure))
        .ltrim(`${base}:failures`, 0, MAX_FAILURES - 1)
        .exec();
    },
    async failures(limit) {
      return (await redis.lrange(`${base}:failures`, 0, limit - 1)).map(
        (entry) => JSON.parse(entry) as FailedAction,
      );
    },
    async withTickLock(work, holdMs) {
      const lock = `${base}:tick-lock`;
      const owner = `${process.pid}-${Math.random().toString(36).slice(2)}`;
      if ((await redis.set(lock, owner, 'PX', holdMs, 'NX')) !== 'OK') return false;
      try {
        await work();
      } finally {
        await redis.eval(RELEASE_IF_OWNER, 1, lock, owner);
      }
      return true;
    },
  };
}
