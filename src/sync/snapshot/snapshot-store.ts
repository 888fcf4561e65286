/**
 * The compact per-account snapshot in Redis, so any worker can continue a run: each account's
 * pulled fields, its opportunities and cases, a child -> account map (a reparented or merged child
 * marks its old and its new account dirty), the set of dirty accounts, and the pull's checkpoint,
 * written in the same transaction as the page it covers.
 */
import type { Redis } from 'ioredis';

import type { PulledObject } from '../pull/pull-fields.js';

/** As the health model's snapshot allows: a year of daily scores and some. */
const MAX_HISTORY_POINTS = 400;

export type PulledRecord = Readonly<Record<string, unknown>>;

export interface PullCheckpoint {
  readonly mode: 'incremental' | 'full';
  /** ISO; absent for a full pull. */
  readonly from?: string;
  readonly to: string;
  readonly lastStamp?: string;
  readonly lastId?: string;
  readonly pages: number;
  readonly records: number;
  readonly done: boolean;
  /** A full pull of a large object reads one Bulk API 2.0 query job, set by set. */
  readonly bulkJobId?: string;
  readonly bulkLocator?: string;
}

const CHILD_KIND: Readonly<Record<Exclude<PulledObject, 'Account'>, 'opp' | 'case'>> = {
  Opportunity: 'opp',
  Case: 'case',
};

export interface StoredAccount {
  readonly account: PulledRecord;
  readonly opportunities: PulledRecord[];
  readonly cases: PulledRecord[];
  /** Score history, newest first. */
  readonly history: { at: string; score: number }[];
}

export interface SnapshotStore {
  readCheckpoint(object: PulledObject): Promise<PullCheckpoint | undefined>;
  writeCheckpoint(object: PulledObject, checkpoint: PullCheckpoint): Promise<void>;
  /** Applies one page and advances the checkpoint, atomically. Returns the accounts it made dirty. */
  applyPage(
    object: PulledObject,
    records: readonly PulledRecord[],
    checkpoint: PullCheckpoint,
  ): Promise<number>;
  /** Ids of an object seen by the current full pull. */
  markSeen(object: PulledObject, ids: readonly string[]): Promise<void>;
  /**
   * After a full pull: drops what it did not see (deleted and purged in Salesforce). Returns how
   * many. Keeps the seen ids: a sweep redone after a crash must see the same ones.
   */
  sweepUnseen(object: PulledObject): Promise<number>;
  /** Forgets the ids the last full pull saw, as a new full pull begins. */
  forgetSeen(object: PulledObject): Promise<void>;
  readWatermark(object: PulledObject): Promise<Date | undefined>;
  /** Makes a finished pull's window the new watermark (after the data it covers is written). */
  commitWatermark(object: PulledObject): Promise<void>;
  /** Drops the watermark (and a finished, uncommitted window): the object's next pull is a full one. */
  forgetWatermark(object: PulledObject): Promise<void>;
  dirtyAccounts(): Promise<string[]>;
  accountIds(): Promise<string[]>;
  /** Which of these accounts the snapshot holds (deleted and merged ones are gone). */
  presentAccounts(accountIds: readonly string[]): Promise<Set<string>>;
  /**
   * Accounts as scoring needs them, with their children and score history (newest first), in two
   * Redis round trips for the whole batch. Accounts not in the snapshot are left out.
   */
  readAccounts(accountIds: readonly string[]): Promise<Map<string, StoredAccount>>;
  /** Adds today's scores, each replacing an earlier point of the same day. */
  recordScores(
    scores: readonly { readonly accountId: string; readonly score: number }[],
    at: Date,
  ): Promise<void>;
  /** Records what Pulse wrote on an account, so the next diff compares with it. */
  updateAccountFields(accountId: string, values: Readonly<Record<string, unknown>>): Promise<void>;
  clearDirty(accountIds: readonly string[]): Promise<void>;
  count(object: PulledObject): Promise<number>;
  readAccount(
    accountId: string,
  ): Promise<{ account: PulledRecord; opportunities: PulledRecord[]; cases: PulledRecord[] } | undefined>;
}

/** Audit fields every write moves: a change in them alone is no change to score. */
const AUDIT_FIELDS = ['SystemModstamp', 'LastModifiedDate', 'LastModifiedById'];

/**
 * @param redis a client with Pulse's key prefix
 * @param options.ignoredFields Account fields whose change alone does not dirty the account (the
 *   time Pulse last wrote). With it, Pulse's own write coming back through the pull leaves the
 *   account clean: the snapshot already holds what Pulse wrote (`updateAccountFields`), while a
 *   person's edit of a Pulse field differs from it, and gets the account rescored and restored.
 */
export function createSnapshotStore(
  redis: Redis,
  orgName: string,
  options: { ignoredFields?: readonly string[] } = {},
): SnapshotStore {
  const ignored = new Set([...AUDIT_FIELDS, ...(options.ignoredFields ?? [])]);
  /** True when the record differs from the stored one in a field scoring reads. */
  const changedForScoring = (record: PulledRecord, stored: string | null): boolean => {
    if (!stored) return true;
    const before = JSON.parse(stored) as PulledRecord;
    return Object.keys({ ...before, ...record }).some(
      (name) => !ignored.has(name) && JSON.stringify(before[name]) !== JSON.stringify(record[name]),
    );
  };
  const key = (...parts: string[]): string => `org:{${orgName}}:${parts.join(':')}`;
  const members: Readonly<Record<PulledObject, string>> = {
    Account: key('accounts'),
    Opportunity: key('opps'),
    Case: key('cases'),
  };

  async function applyChildren(
    object: Exclude<PulledObject, 'Account'>,
    records: readonly PulledRecord[],
    multi: ReturnType<Redis['multi']>,
  ): Promise<Set<string>> {
    const kind = CHILD_KIND[object];
    const dirty = new Set<string>();
    const ids = records.map((record) => String(record['Id']));
    const previous = ids.length > 0 ? await redis.hmget(key('child-account'), ...ids) : [];
    // A record the window re-reads unchanged (the overlap) dirties nothing.
    const stored = ids.length > 0 ? await redis.mget(...ids.map((id) => key(kind, id))) : [];
    records.forEach((record, index) => {
      const id = ids[index] ?? '';
      const before = previous[index] ?? undefined;
      const after =
        record['IsDeleted'] === true || typeof record['AccountId'] !== 'string'
          ? undefined
          : record['AccountId'];
      if (before && before !== after) {
        multi.srem(key('children', before), `${kind}:${id}`);
        dirty.add(before);
      }
      if (after === undefined) {
        multi.del(key(kind, id)).hdel(key('child-account'), id).srem(members[object], id);
        return;
      }
      multi
        .set(key(kind, id), JSON.stringify(record))
        .hset(key('child-account'), id, after)
        .sadd(key('children', after), `${kind}:${id}`)
        .sadd(members[object], id);
      if (before !== after || changedForScoring(record, stored[index] ?? null)) dirty.add(after);
    });
    // Only accounts still in the snapshot can be scored (a merged-away account is gone).
    const candidates = [...dirty];
    const present = candidates.length > 0 ? await redis.smismember(members.Account, ...candidates) : [];
    return new Set(candidates.filter((_, index) => present[index] === 1));
  }

  async function applyAccounts(
    records: readonly PulledRecord[],
    multi: ReturnType<Redis['multi']>,
  ): Promise<Set<string>> {
    const dirty = new Set<string>();
    const ids = records.map((record) => String(record['Id']));
    const stored =
      ids.length > 0 && ignored.size > AUDIT_FIELDS.length
        ? await redis.mget(...ids.map((id) => key('acct', id)))
        : [];
    records.forEach((record, index) => {
      const id = ids[index] ?? '';
      if (record['IsDeleted'] === true) {
        // A deleted (or merged-away) account is not scored; its children move or go with it.
        multi.del(key('acct', id)).srem(members.Account, id).srem(key('dirty'), id);
        return;
      }
      multi.set(key('acct', id), JSON.stringify(record)).sadd(members.Account, id);
      if (changedForScoring(record, stored[index] ?? null)) dirty.add(id);
    });
    return dirty;
  }

  /** Queues a batch of records (and the accounts they dirty); returns how many accounts it dirties. */
  async function stageRecords(
    object: PulledObject,
    records: readonly PulledRecord[],
    multi: ReturnType<Redis['multi']>,
  ): Promise<number> {
    const dirty =
      object === 'Account'
        ? await applyAccounts(records, multi)
        : await applyChildren(object, records, multi);
    if (dirty.size > 0) multi.sadd(key('dirty'), ...dirty);
    return dirty.size;
  }

  /** Queues the replacement of an object's checkpoint. */
  function stageCheckpoint(
    multi: ReturnType<Redis['multi']>,
    object: PulledObject,
    checkpoint: PullCheckpoint,
  ): void {
    const fields = Object.fromEntries(
      Object.entries(checkpoint).map(([name, value]) => [name, String(value)]),
    );
    multi.del(key('pull', object)).hset(key('pull', object), fields);
  }

  return {
    async readCheckpoint(object) {
      const fields = await redis.hgetall(key('pull', object));
      if (!fields['to']) return undefined;
      return {
        mode: fields['mode'] === 'full' ? 'full' : 'incremental',
        to: fields['to'],
        ...(fields['from'] ? { from: fields['from'] } : {}),
        ...(fields['lastStamp'] ? { lastStamp: fields['lastStamp'] } : {}),
        ...(fields['lastId'] ? { lastId: fields['lastId'] } : {}),
        ...(fields['bulkJobId'] ? { bulkJobId: fields['bulkJobId'] } : {}),
        ...(fields['bulkLocator'] ? { bulkLocator: fields['bulkLocator'] } : {}),
        pages: Number(fields['pages'] ?? 0),
        records: Number(fields['records'] ?? 0),
        done: fields['done'] === 'true',
      };
    },
    async writeCheckpoint(object, checkpoint) {
      const multi = redis.multi();
      stageCheckpoint(multi, object, checkpoint);
      await multi.exec();
    },
    async applyPage(object, records, checkpoint) {
      const multi = redis.multi();
      const dirty = await stageRecords(object, records, multi);
      stageCheckpoint(multi, object, checkpoint);
      await multi.exec();
      return dirty;
    },
    async markSeen(object, ids) {
      if (ids.length > 0) await redis.sadd(key('pull', object, 'seen'), ...ids);
    },
    async sweepUnseen(object) {
      const gone = await redis.sdiff(members[object], key('pull', object, 'seen'));
      if (gone.length > 0) {
        const multi = redis.multi();
        await stageRecords(
          object,
          gone.map((id) => ({ Id: id, IsDeleted: true })),
          multi,
        );
        await multi.exec();
      }
      return gone.length;
    },
    async forgetSeen(object) {
      await redis.del(key('pull', object, 'seen'));
    },
    async readWatermark(object) {
      const value = await redis.get(key('watermark', object));
      return value ? new Date(value) : undefined;
    },
    async commitWatermark(object) {
      const checkpoint = await this.readCheckpoint(object);
      if (!checkpoint?.done) return;
      await redis.multi().set(key('watermark', object), checkpoint.to).del(key('pull', object)).exec();
    },
    async forgetWatermark(object) {
      await redis.del(key('watermark', object), key('pull', object));
    },
    dirtyAccounts: () => redis.smembers(key('dirty')),
    accountIds: () => redis.smembers(members.Account),
    async presentAccounts(accountIds) {
      if (accountIds.length === 0) return new Set();
      const present = await redis.smismember(members.Account, ...accountIds);
      return new Set(accountIds.filter((_, i) => present[i] === 1));
    },
    async readAccounts(accountIds) {
      const first = redis.pipeline();
      for (const id of accountIds)
        first.get(key('acct', id)).smembers(key('children', id)).lrange(key('history', id), 0, -1);
      const replies = ((await first.exec()) ?? []).map(([error, value]) => {
        if (error) throw error;
        return value;
      });
      const childKeys = accountIds.flatMap((_, index) =>
        (replies[index * 3 + 1] as string[]).map((child) => key(...(child.split(':') as [string, string]))),
      );
      const childValues = childKeys.length > 0 ? await redis.mget(...childKeys) : [];
      const children = new Map(childKeys.map((childKey, index) => [childKey, childValues[index]]));
      const accounts = new Map<string, StoredAccount>();
      accountIds.forEach((id, index) => {
        const account = replies[index * 3] as string | null;
        if (!account) return;
        const records = (replies[index * 3 + 1] as string[]).flatMap((child) => {
          const value = children.get(key(...(child.split(':') as [string, string])));
          return value ? [{ kind: child.split(':')[0], record: JSON.parse(value) as PulledRecord }] : [];
        });
        accounts.set(id, {
          account: JSON.parse(account) as PulledRecord,
          opportunities: records.filter((entry) => entry.kind === 'opp').map((entry) => entry.record),
          cases: records.filter((entry) => entry.kind === 'case').map((entry) => entry.record),
          history: (replies[index * 3 + 2] as string[]).map(
            (point) => JSON.parse(point) as { at: string; score: number },
          ),
        });
      });
      return accounts;
    },
    async recordScores(scores, at) {
      if (scores.length === 0) return;
      const latest = redis.pipeline();
      for (const { accountId } of scores) latest.lrange(key('history', accountId), 0, 0);
      const heads = (await latest.exec()) ?? [];
      const day = at.toISOString().slice(0, 10);
      const multi = redis.multi();
      scores.forEach(({ accountId, score }, index) => {
        const historyKey = key('history', accountId);
        const [head] = (heads[index]?.[1] as string[] | undefined) ?? [];
        const point = JSON.stringify({ at: at.toISOString(), score });
        const sameDay = head !== undefined && (JSON.parse(head) as { at: string }).at.slice(0, 10) === day;
        if (sameDay) multi.lset(historyKey, 0, point);
        else multi.lpush(historyKey, point).ltrim(historyKey, 0, MAX_HISTORY_POINTS - 1);
      });
      await multi.exec();
    },
    async updateAccountFields(accountId, values) {
      const stored = await redis.get(key('acct', accountId));
      if (stored)
        await redis.set(
          key('acct', accountId),
          JSON.stringify({ ...(JSON.parse(stored) as object), ...values }),
        );
    },
    async clearDirty(accountIds) {
      if (accountIds.length > 0) await redis.srem(key('dirty'), ...accountIds);
    },
    count: (object) => redis.scard(members[object]),
    async readAccount(accountId) {
      return (await this.readAccounts([accountId])).get(accountId);
    },
  };
}
