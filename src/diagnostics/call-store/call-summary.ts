/**
 * Per-org, per-hour counters the store keeps as it saves calls, so a summary of the last hours
 * reads a few small hashes instead of every stored call: calls, failures by error code and by
 * sObject, a latency histogram, and the API usage the last answer reported. The verdict a TAM
 * reads first is computed from them.
 */
import type { ChainableCommander, Redis } from 'ioredis';

import type { StoredCall } from './stored-call.js';

/** Latency bucket upper bounds, ms (the last catches everything slower). */
export const LATENCY_BUCKETS_MS = [50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, Infinity];
const HOUR_MS = 3600_000;

const hourOf = (ms: number): string =>
  new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);
const hourKey = (org: string, hour: string): string => `diag:{${org}}:hour:${hour}`;
const usageKey = (org: string): string => `diag:{${org}}:usage`;

/** Adds a saved call to its hour's counters (on the caller's pipeline). */
export function countCall(pipeline: ChainableCommander, call: StoredCall, keepMs: number): void {
  const started = Date.parse(call.startedAt);
  const key = hourKey(call.orgId, hourOf(started));
  const bucket = LATENCY_BUCKETS_MS.findIndex((bound) => call.durationMs <= bound);
  pipeline.hincrby(key, 'calls', 1).hincrby(key, `latency:${bucket}`, 1);
  if (call.kind === 'api') pipeline.hincrby(key, 'api', 1);
  if (call.failed) {
    pipeline.hincrby(key, 'failed', 1);
    const codes = new Set([
      ...(call.errorCodes ?? []),
      ...(call.recordErrors ?? []).map((error) => error.errorCode),
    ]);
    for (const code of codes) pipeline.hincrby(key, `code:${code}`, 1);
    if (call.sObject) pipeline.hincrby(key, `object:${call.sObject}`, 1);
    if (call.errorClass) pipeline.hincrby(key, `class:${call.errorClass}`, 1);
  }
  // The hour's API usage as Salesforce last reported it (the daily count, for a chart against the limit).
  if (call.apiUsage) pipeline.hset(key, 'apiUsed', call.apiUsage.used);
  pipeline.pexpire(key, keepMs + HOUR_MS);
  if (call.apiUsage)
    pipeline.hset(
      usageKey(call.orgId),
      'used',
      call.apiUsage.used,
      'max',
      call.apiUsage.max,
      'at',
      call.startedAt,
    );
}

export interface CallSummary {
  readonly org: string;
  readonly from: string;
  readonly to: string;
  readonly calls: number;
  readonly apiCalls: number;
  readonly failed: number;
  readonly failureRate: number;
  readonly byCode: Readonly<Record<string, number>>;
  readonly byObject: Readonly<Record<string, number>>;
  readonly byClass: Readonly<Record<string, number>>;
  readonly byHour: readonly {
    readonly hour: string;
    readonly calls: number;
    readonly failed: number;
    /** Failures by error code in the hour, for an error-rate-by-code chart. */
    readonly byCode: Readonly<Record<string, number>>;
    /** The org's API requests in the last 24 h as last reported in the hour; null without a report. */
    readonly apiUsed: number | null;
  }[];
  /** Upper bounds (ms) of the buckets holding each percentile; null without calls. */
  readonly latencyMs: {
    readonly p50: number | null;
    readonly p90: number | null;
    readonly p99: number | null;
  };
  /** The org's API requests in the last 24 h against its daily limit, as Salesforce last reported. */
  readonly apiUsage: { readonly used: number; readonly max: number; readonly at: string } | null;
  readonly verdict: {
    readonly status: 'healthy' | 'degraded' | 'failing' | 'idle';
    readonly reasons: string[];
  };
}

function percentile(histogram: readonly number[], share: number): number | null {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  let seen = 0;
  for (const [index, count] of histogram.entries()) {
    seen += count;
    if (seen >= share * total) {
      const bound = LATENCY_BUCKETS_MS[index] ?? Infinity;
      return Number.isFinite(bound) ? bound : (LATENCY_BUCKETS_MS.at(-2) ?? 0);
    }
  }
  return null;
}

/** Healthy, degraded or failing, and why: what a TAM should look at first. */
export function verdictOf(
  summary: Pick<CallSummary, 'calls' | 'failed' | 'byClass' | 'apiUsage' | 'latencyMs'>,
): CallSummary['verdict'] {
  if (summary.calls === 0) return { status: 'idle', reasons: ['no call in the window'] };
  const reasons: string[] = [];
  let status: 'healthy' | 'degraded' | 'failing' = 'healthy';
  const worsen = (to: 'degraded' | 'failing', reason: string): void => {
    reasons.push(reason);
    if (to === 'failing' || status === 'healthy') status = to;
  };
  const auth = summary.byClass['auth'] ?? 0;
  const limit = summary.byClass['limit'] ?? 0;
  const config = summary.byClass['config'] ?? 0;
  if (auth > 0) worsen('failing', `${auth} call(s) refused for authentication`);
  if (limit > 0) worsen('failing', `${limit} call(s) refused for API limits`);
  if (config > 0)
    worsen('failing', `${config} call(s) failed on configuration (fields, objects, permissions)`);
  const rate = summary.failed / summary.calls;
  if (rate >= 0.2) worsen('failing', `${Math.round(rate * 100)}% of calls failed`);
  else if (rate >= 0.02) worsen('degraded', `${Math.round(rate * 100)}% of calls failed`);
  if (summary.apiUsage && summary.apiUsage.used >= 0.9 * summary.apiUsage.max)
    worsen(
      'degraded',
      `API usage at ${Math.round((100 * summary.apiUsage.used) / summary.apiUsage.max)}% of the daily limit`,
    );
  if ((summary.latencyMs.p90 ?? 0) >= 5000)
    worsen('degraded', `p90 latency at or above ${summary.latencyMs.p90} ms`);
  if (reasons.length === 0) reasons.push('calls succeed, within limits');
  return { status, reasons };
}

/** One hour's counters, read and tallied. */
interface HourTally {
  readonly calls: number;
  readonly apiCalls: number;
  readonly failed: number;
  readonly byCode: Readonly<Record<string, number>>;
  readonly byObject: Readonly<Record<string, number>>;
  readonly byClass: Readonly<Record<string, number>>;
  readonly histogram: readonly number[];
  readonly apiUsed: number | null;
}

function tallyOf(fields: Readonly<Record<string, string>>): HourTally {
  const byCode: Record<string, number> = {};
  const byObject: Record<string, number> = {};
  const byClass: Record<string, number> = {};
  const histogram = LATENCY_BUCKETS_MS.map(() => 0);
  for (const [field, value] of Object.entries(fields)) {
    const [kind, name = ''] = field.split(/:(.*)/s);
    const count = Number(value);
    if (kind === 'code') byCode[name] = count;
    else if (kind === 'object') byObject[name] = count;
    else if (kind === 'class') byClass[name] = count;
    else if (kind === 'latency') histogram[Number(name)] = count;
  }
  return {
    calls: Number(fields['calls'] ?? 0),
    apiCalls: Number(fields['api'] ?? 0),
    failed: Number(fields['failed'] ?? 0),
    apiUsed: fields['apiUsed'] === undefined ? null : Number(fields['apiUsed']),
    byCode,
    byObject,
    byClass,
    histogram,
  };
}

/** A late call (buffered, or saved after Redis came back) may still count in an hour this long after it ends. */
const SETTLE_MS = 15 * 60_000;
const CACHED_HOURS = 20_000;

/**
 * Tallies of hours that are over and settled, kept in memory: they no longer change, so a week's
 * summary reads only its last hour or two from Redis. Bounded (oldest entries go first).
 */
export class HourTallyCache {
  private readonly tallies = new Map<string, HourTally>();

  get(org: string, hourStart: number): HourTally | undefined {
    return this.tallies.get(`${org}|${hourStart}`);
  }

  keep(org: string, hourStart: number, tally: HourTally, now: Date): void {
    if (hourStart + HOUR_MS + SETTLE_MS > now.getTime()) return;
    if (this.tallies.size >= CACHED_HOURS) {
      const oldest = this.tallies.keys().next().value;
      if (oldest !== undefined) this.tallies.delete(oldest);
    }
    this.tallies.set(`${org}|${hourStart}`, tally);
  }
}

const addInto = (target: Record<string, number>, counts: Readonly<Record<string, number>>): void => {
  for (const [name, count] of Object.entries(counts)) target[name] = (target[name] ?? 0) + count;
};

/**
 * @param redis a client with Pulse's key prefix
 * @param cache settled hours already read (a long-running server keeps one)
 */
export async function summarizeCalls(
  redis: Redis,
  org: string,
  hours: number,
  now = new Date(),
  cache?: HourTallyCache,
): Promise<CallSummary> {
  const last = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const hourStarts = Array.from({ length: hours }, (_, i) => last - (hours - 1 - i) * HOUR_MS);
  const tallies: (HourTally | undefined)[] = hourStarts.map((start) => cache?.get(org, start));
  const missing = hourStarts.flatMap((_, index) => (tallies[index] ? [] : [index]));
  const pipeline = redis.pipeline();
  for (const index of missing) pipeline.hgetall(hourKey(org, hourOf(hourStarts[index] ?? 0)));
  pipeline.hgetall(usageKey(org));
  const replies = ((await pipeline.exec()) ?? []).map(([, value]) => (value ?? {}) as Record<string, string>);
  const usage = replies.pop() ?? {};
  missing.forEach((index, position) => {
    const tally = tallyOf(replies[position] ?? {});
    tallies[index] = tally;
    cache?.keep(org, hourStarts[index] ?? 0, tally, now);
  });
  const byCode: Record<string, number> = {};
  const byObject: Record<string, number> = {};
  const byClass: Record<string, number> = {};
  const histogram = LATENCY_BUCKETS_MS.map(() => 0);
  let calls = 0;
  let apiCalls = 0;
  let failed = 0;
  const byHour = tallies.map((tally = tallyOf({}), index) => {
    calls += tally.calls;
    failed += tally.failed;
    apiCalls += tally.apiCalls;
    addInto(byCode, tally.byCode);
    addInto(byObject, tally.byObject);
    addInto(byClass, tally.byClass);
    tally.histogram.forEach((count, bucket) => {
      histogram[bucket] = (histogram[bucket] ?? 0) + count;
    });
    return {
      hour: new Date(hourStarts[index] ?? 0).toISOString(),
      calls: tally.calls,
      failed: tally.failed,
      byCode: tally.byCode,
      apiUsed: tally.apiUsed,
    };
  });
  const latencyMs = {
    p50: percentile(histogram, 0.5),
    p90: percentile(histogram, 0.9),
    p99: percentile(histogram, 0.99),
  };
  const apiUsage =
    usage['used'] && usage['max']
      ? { used: Number(usage['used']), max: Number(usage['max']), at: usage['at'] ?? '' }
      : null;
  const partial = { calls, failed, byClass, apiUsage, latencyMs };
  return {
    org,
    from: new Date(hourStarts[0] ?? last).toISOString(),
    to: now.toISOString(),
    calls,
    apiCalls,
    failed,
    failureRate: calls === 0 ? 0 : failed / calls,
    byCode,
    byObject,
    byClass,
    byHour,
    latencyMs,
    apiUsage,
    verdict: verdictOf(partial),
  };
}
