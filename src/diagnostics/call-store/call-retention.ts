/**
 * Keeps each org's stored calls within an age, a count and a size, so diagnostics can never fill
 * Redis and stall the queues. Every index is scored by time, so trimming is one cutoff: the
 * newest of the three limits' cutoffs; calls at or before it go from every index, and their
 * bytes from the org's total.
 */
import type { Redis } from 'ioredis';

import { CALL_ORGS_KEY, callKeys } from './call-keys.js';

export interface RetentionLimits {
  readonly maxAgeMs: number;
  readonly maxCalls: number;
  readonly maxBytes: number;
}

const CHUNK = 500;

/** What each call costs in Redis: the call and, for a failed one, its listing line. */
async function bytesOf(redis: Redis, org: string, ids: readonly string[]): Promise<number[]> {
  const keys = callKeys(org);
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.strlen(keys.call(id)).strlen(keys.line(id));
  const sizes = ((await pipeline.exec()) ?? []).map(([, size]) => Number(size ?? 0));
  return ids.map((_, i) => (sizes[i * 2] ?? 0) + (sizes[i * 2 + 1] ?? 0));
}

/** The score of the newest call that must go, or undefined when all may stay. */
async function cutoffOf(
  redis: Redis,
  org: string,
  limits: RetentionLimits,
  now: Date,
): Promise<number | undefined> {
  const keys = callKeys(org);
  let cutoff = now.getTime() - limits.maxAgeMs;
  const count = await redis.zcard(keys.all);
  if (count > limits.maxCalls) {
    const [, score] = await redis.zrange(
      keys.all,
      String(count - limits.maxCalls - 1),
      String(count - limits.maxCalls - 1),
      'WITHSCORES',
    );
    cutoff = Math.max(cutoff, Number(score));
  }
  let excess = Number((await redis.get(keys.bytes)) ?? 0) - limits.maxBytes;
  // Over the size: the oldest calls go until a tenth of the limit is free again.
  if (excess > 0) excess += Math.floor(limits.maxBytes / 10);
  for (let offset = 0; excess > 0; offset += CHUNK) {
    const entries = await redis.zrange(keys.all, String(offset), String(offset + CHUNK - 1), 'WITHSCORES');
    if (entries.length === 0) break;
    const ids: string[] = [];
    for (let i = 0; i < entries.length; i += 2) ids.push(entries[i] ?? '');
    const sizes = await bytesOf(redis, org, ids);
    for (let i = 0; i < sizes.length && excess > 0; i += 1) {
      excess -= sizes[i] ?? 0;
      cutoff = Math.max(cutoff, Number(entries[i * 2 + 1]));
    }
  }
  const [, oldestScore] = await redis.zrange(keys.all, '0', '0', 'WITHSCORES');
  return oldestScore !== undefined && Number(oldestScore) <= cutoff ? cutoff : undefined;
}

/** Trims the org's calls to the limits; answers how many calls went. */
export async function enforceRetention(
  redis: Redis,
  org: string,
  limits: RetentionLimits,
  now = new Date(),
): Promise<number> {
  const cutoff = await cutoffOf(redis, org, limits, now);
  if (cutoff === undefined) return 0;
  const keys = callKeys(org);
  let removed = 0;
  for (;;) {
    const ids = await redis.zrange(keys.all, '-inf', String(cutoff), 'BYSCORE', 'LIMIT', 0, CHUNK);
    if (ids.length === 0) break;
    const bytes = (await bytesOf(redis, org, ids)).reduce((sum, size) => sum + size, 0);
    await redis
      .pipeline()
      .del(...ids.flatMap((id) => [keys.call(id), keys.line(id)]))
      .zrem(keys.all, ...ids)
      .decrby(keys.bytes, bytes)
      .exec();
    await redis.hdel(CALL_ORGS_KEY, ...ids);
    removed += ids.length;
  }
  const pipeline = redis.pipeline().zremrangebyscore(keys.failed, '-inf', String(cutoff));
  const indexes = await redis.smembers(keys.indexes);
  for (const index of indexes) pipeline.zremrangebyscore(index, '-inf', String(cutoff));
  await pipeline.exec();
  // Indexes left empty (a run's, a job's) are forgotten.
  const sizes = redis.pipeline();
  for (const index of indexes) sizes.zcard(index);
  const counts = (await sizes.exec()) ?? [];
  const empty = indexes.filter((_, i) => Number(counts[i]?.[1] ?? 0) === 0);
  if (empty.length > 0) await redis.srem(keys.indexes, ...empty);
  return removed;
}

/** Removes every stored call of an org, their id lookups included (`pulse org purge`). */
export function removeAllCalls(redis: Redis, org: string): Promise<number> {
  const keepNothing = { maxAgeMs: Number.MAX_SAFE_INTEGER, maxCalls: 0, maxBytes: Number.MAX_SAFE_INTEGER };
  return enforceRetention(redis, org, keepNothing);
}
