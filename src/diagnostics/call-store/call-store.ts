/**
 * The diagnostics call store in Redis: signed calls by id, failed calls indexed by time, error
 * code, class, sObject, run and job, listed newest first with cursors. A listing reads one index
 * (the most selective filter given) a page at a time, so it stays fast at 100,000+ calls; any
 * other filters are checked on the calls read.
 */
import type { Redis } from 'ioredis';

import type { ErrorClass } from '../../errors/app-error.js';
import { CALL_ORGS_KEY, callKeys, type CallFilterKind } from './call-keys.js';
import { callLineOf, type CallLine } from './call-line.js';
import { signCall, verifyCall } from './call-signature.js';
import { countCall } from './call-summary.js';
import type { SignedCall, StoredCall } from './stored-call.js';

export interface CallFilter {
  readonly from?: Date;
  readonly to?: Date;
  readonly errorCode?: string;
  readonly errorClass?: ErrorClass;
  readonly sObject?: string;
  readonly runId?: string;
  readonly jobId?: string;
}

export interface CallPage {
  /** Newest first; may be short of the limit when a sparse filter stopped the scan (follow the cursor). */
  readonly lines: CallLine[];
  /** Pass back to get the next page; absent on the last one. */
  readonly nextCursor?: string;
}

export interface FoundCall {
  readonly call: StoredCall;
  readonly org: string;
  /** False when the call in Redis no longer matches its signature (altered): replay refuses it. */
  readonly intact: boolean;
}

/** What a replay of a stored call came to: the new call, its verdict, who asked. */
export interface ReplayEntry {
  readonly at: string;
  readonly by: string;
  readonly callId?: string;
  readonly verdict?: string;
  readonly outcome: string;
  readonly detail?: unknown;
}

export interface CallStore {
  save(calls: readonly StoredCall[]): Promise<void>;
  /** Keeps a replay's outcome with the call it replayed (the latest 20, as long as the call). */
  saveReplay(org: string, originalId: string, entry: ReplayEntry): Promise<void>;
  replays(org: string, originalId: string): Promise<ReplayEntry[]>;
  get(id: string): Promise<FoundCall | undefined>;
  /** Whole calls of one org by id, in that order (gone ones left out), for exports. */
  calls(org: string, ids: readonly string[]): Promise<StoredCall[]>;
  listFailed(org: string, filter: CallFilter, limit: number, cursor?: string): Promise<CallPage>;
}

/** The index a filter narrows to most: a run or job before a code, an object, a class. */
function indexOf(filter: CallFilter): [CallFilterKind, string] | undefined {
  if (filter.runId) return ['run', filter.runId];
  if (filter.jobId) return ['job', filter.jobId];
  if (filter.errorCode) return ['code', filter.errorCode];
  if (filter.sObject) return ['sobject', filter.sObject];
  if (filter.errorClass) return ['class', filter.errorClass];
  return undefined;
}

function matches(call: CallLine, filter: CallFilter): boolean {
  return (
    (!filter.errorCode || call.codes.includes(filter.errorCode)) &&
    (!filter.errorClass || call.errorClass === filter.errorClass) &&
    (!filter.sObject || call.sObject === filter.sObject) &&
    (!filter.runId || call.runId === filter.runId) &&
    (!filter.jobId || call.jobId === filter.jobId)
  );
}

/** The index entries of a failed call: each code (its own and its records'), class, object, run, job. */
export function indexEntriesOf(call: StoredCall): [CallFilterKind, string][] {
  const codes = new Set([
    ...(call.errorCodes ?? []),
    ...(call.recordErrors ?? []).map((error) => error.errorCode),
  ]);
  return [
    ...[...codes].map((code): [CallFilterKind, string] => ['code', code]),
    ...(call.errorClass ? [['class', call.errorClass] as [CallFilterKind, string]] : []),
    ...(call.sObject ? [['sobject', call.sObject] as [CallFilterKind, string]] : []),
    ...(call.runId ? [['run', call.runId] as [CallFilterKind, string]] : []),
    ...(call.jobId ? [['job', call.jobId] as [CallFilterKind, string]] : []),
  ];
}

/** A cursor: the last call's score and id, opaque to callers. */
const encodeCursor = (score: number, id: string): string =>
  Buffer.from(`${score}:${id}`).toString('base64url');

function decodeCursor(cursor: string): { score: number; id: string } | undefined {
  const [score, id] = Buffer.from(cursor, 'base64url').toString().split(':', 2);
  const value = Number(score);
  return Number.isFinite(value) && id ? { score: value, id } : undefined;
}

/** Index entries a listing scans at most per request, in batches (a sparse filter pages on by cursor). */
const MAX_ROUNDS = 50;

export class InvalidCursorError extends Error {
  constructor() {
    super('the cursor is not one this API gave');
    this.name = 'InvalidCursorError';
  }
}

/**
 * @param redis the store's own client, with Pulse's key prefix
 * @param keepMs how long the hourly summary counters are kept (the retention age)
 */
export function createCallStore(redis: Redis, signingKey: string, keepMs = 7 * 24 * 3600_000): CallStore {
  async function readLines(org: string, ids: readonly string[]): Promise<(CallLine | undefined)[]> {
    if (ids.length === 0) return [];
    const keys = callKeys(org);
    const values = await redis.mget(ids.map((id) => keys.line(id)));
    return values.map((value) => (value === null ? undefined : (JSON.parse(value) as CallLine)));
  }

  return {
    async save(calls) {
      // One pipeline per org (its keys share a slot); the call first, then what points at it, so
      // a half-written batch leaves no index entry without its call.
      const byOrg = new Map<string, StoredCall[]>();
      for (const call of calls) {
        const orgCalls = byOrg.get(call.orgId);
        if (orgCalls) orgCalls.push(call);
        else byOrg.set(call.orgId, [call]);
      }
      const lookups = redis.pipeline();
      for (const [org, orgCalls] of byOrg) {
        const keys = callKeys(org);
        const pipeline = redis.pipeline();
        for (const call of orgCalls) {
          // Signed as it will read back: JSON drops undefined, turns dates into strings...
          const text = JSON.stringify(signCall(JSON.parse(JSON.stringify(call)) as StoredCall, signingKey));
          const score = Date.parse(call.startedAt);
          pipeline.set(keys.call(call.id), text).zadd(keys.all, score, call.id);
          // Bytes as Redis counts them (STRLEN), which is what retention subtracts.
          let bytes = Buffer.byteLength(text);
          if (call.failed) {
            const line = JSON.stringify(callLineOf(call));
            bytes += Buffer.byteLength(line);
            pipeline.set(keys.line(call.id), line).zadd(keys.failed, score, call.id);
            for (const [kind, value] of indexEntriesOf(call))
              pipeline
                .zadd(keys.index(kind, value), score, call.id)
                .sadd(keys.indexes, keys.index(kind, value));
          }
          pipeline.incrby(keys.bytes, bytes);
          countCall(pipeline, call, keepMs);
          lookups.hset(CALL_ORGS_KEY, call.id, org);
        }
        await pipeline.exec();
      }
      await lookups.exec();
    },

    async saveReplay(org, originalId, entry) {
      const key = `${callKeys(org).call(originalId)}:replays`;
      await redis.multi().lpush(key, JSON.stringify(entry)).ltrim(key, 0, 19).pexpire(key, keepMs).exec();
    },

    async replays(org, originalId) {
      const entries = await redis.lrange(`${callKeys(org).call(originalId)}:replays`, 0, -1);
      return entries.map((entry) => JSON.parse(entry) as ReplayEntry);
    },

    async get(id) {
      const org = await redis.hget(CALL_ORGS_KEY, id);
      if (org === null) return undefined;
      const value = await redis.get(callKeys(org).call(id));
      if (value === null) return undefined;
      const signed = JSON.parse(value) as SignedCall;
      return { call: signed.call, org, intact: verifyCall(signed, signingKey) };
    },

    async calls(org, ids) {
      if (ids.length === 0) return [];
      const keys = callKeys(org);
      const values = await redis.mget(ids.map((id) => keys.call(id)));
      return values.flatMap((value) => (value === null ? [] : [(JSON.parse(value) as SignedCall).call]));
    },

    async listFailed(org, filter, limit, cursor) {
      const keys = callKeys(org);
      const index = indexOf(filter);
      const key = index ? keys.index(...index) : keys.failed;
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (cursor !== undefined && !after) throw new InvalidCursorError();
      let max = after ? after.score : (filter.to?.getTime() ?? Number.POSITIVE_INFINITY);
      const min = filter.from?.getTime() ?? Number.NEGATIVE_INFINITY;
      const batch = Math.max(limit * 2, 100);
      const found: CallLine[] = [];
      // The last index entry looked at: entries at or above it are done.
      let seen = after;
      // Entries at score `max` already read by earlier batches (many calls can share a millisecond).
      let offset = 0;
      let exhausted = false;
      for (let round = 0; round < MAX_ROUNDS && found.length <= limit; round += 1) {
        const entries = await redis.zrange(
          key,
          max === Number.POSITIVE_INFINITY ? '+inf' : String(max),
          min === Number.NEGATIVE_INFINITY ? '-inf' : String(min),
          'BYSCORE',
          'REV',
          'LIMIT',
          String(offset),
          String(batch),
          'WITHSCORES',
        );
        const pairs: [string, number][] = [];
        for (let i = 0; i < entries.length; i += 2) pairs.push([entries[i] ?? '', Number(entries[i + 1])]);
        // Equal scores come in descending id order: skip those at or above the cursor's id.
        const fresh = pairs.filter(
          ([id, score]) => !seen || score < seen.score || (score === seen.score && id < seen.id),
        );
        const lines = await readLines(
          org,
          fresh.map(([id]) => id),
        );
        for (const [position, [id, score]] of fresh.entries()) {
          if (found.length > limit) break;
          const line = lines[position];
          if (line && matches(line, filter)) found.push(line);
          seen = { score, id };
        }
        const last = pairs.at(-1);
        if (pairs.length < batch || !last) {
          exhausted = true;
          break;
        }
        const atLast = pairs.filter(([, score]) => score === last[1]).length;
        offset = last[1] === max ? offset + atLast : atLast;
        max = last[1];
      }
      const page = found.slice(0, limit);
      const last = page.at(-1);
      if (found.length > limit && last) {
        return { lines: page, nextCursor: encodeCursor(Date.parse(last.startedAt), last.id) };
      }
      // A sparse filter scanned its share of the index without filling the page: the rest is
      // behind the cursor, never silently dropped.
      if (!exhausted && seen) return { lines: page, nextCursor: encodeCursor(seen.score, seen.id) };
      return { lines: page };
    },
  };
}
