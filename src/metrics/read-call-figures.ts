/**
 * One org's Salesforce call counters as the recorders left them in Redis (see call-series.ts),
 * turned back into label sets. A field that does not parse is skipped, never shown as a label.
 */
import type { Redis } from 'ioredis';

import {
  callMetricKeys,
  INF,
  LATENCY_BUCKETS_SECONDS,
  parseField,
  SUM_MS,
  type CallSeriesLabels,
} from './call-series.js';

export interface LatencyFigures {
  readonly endpoint: string;
  /** Cumulative counts by upper bound (seconds), ascending. */
  readonly buckets: readonly { le: number; count: number }[];
  readonly count: number;
  readonly sumSeconds: number;
}

export interface CallFigures {
  readonly calls: readonly { labels: CallSeriesLabels; count: number }[];
  readonly retries: readonly { endpoint: string; count: number }[];
  readonly latency: readonly LatencyFigures[];
}

export function toCallFigures(hashes: {
  calls: Record<string, string>;
  retries: Record<string, string>;
  latency: Record<string, string>;
}): CallFigures {
  const calls = Object.entries(hashes.calls).flatMap(([field, value]) => {
    const parts = parseField(field, 4);
    if (!parts) return [];
    const [endpoint = '', method = '', status = '', errorCode = ''] = parts;
    return [{ labels: { endpoint, method, status, errorCode }, count: Number(value) }];
  });
  const retries = Object.entries(hashes.retries).flatMap(([field, value]) => {
    const [endpoint] = parseField(field, 1) ?? [];
    return endpoint === undefined ? [] : [{ endpoint, count: Number(value) }];
  });
  const byEndpoint = new Map<string, Map<string, number>>();
  for (const [field, value] of Object.entries(hashes.latency)) {
    const [endpoint, bound] = parseField(field, 2) ?? [];
    if (endpoint === undefined || bound === undefined) continue;
    const fields = byEndpoint.get(endpoint) ?? new Map<string, number>();
    fields.set(bound, Number(value));
    byEndpoint.set(endpoint, fields);
  }
  const latency = [...byEndpoint].map(([endpoint, fields]) => ({
    endpoint,
    buckets: LATENCY_BUCKETS_SECONDS.map((le) => ({ le, count: fields.get(String(le)) ?? 0 })),
    count: fields.get(INF) ?? 0,
    sumSeconds: (fields.get(SUM_MS) ?? 0) / 1000,
  }));
  return { calls, retries, latency };
}

/** @param redis a client with Pulse's key prefix */
export async function readCallFigures(redis: Redis, orgName: string): Promise<CallFigures> {
  const keys = callMetricKeys(orgName);
  const [calls, retries, latency] = await Promise.all([
    redis.hgetall(keys.calls),
    redis.hgetall(keys.retries),
    redis.hgetall(keys.latency),
  ]);
  return toCallFigures({ calls, retries, latency });
}
