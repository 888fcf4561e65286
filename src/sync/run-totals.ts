/**
 * Totals over all finished runs of an org (runs by status, records pulled, accounts scored and
 * their outcomes, a histogram of run durations), for /metrics. Prometheus counters only grow and
 * survive the run list's cap, so each run adds its figures once, when it finishes. A finish redone
 * after a crash must not add them again: a marker per run is set in the same script as the
 * increments, and a second add finds it and does nothing.
 */
import type { Redis } from 'ioredis';

import type { SyncReport } from './run/sync-report.js';

/** Upper bounds (seconds) of the run-duration buckets: a small incremental run to a large full pass. */
export const RUN_DURATION_BUCKETS_SECONDS: readonly number[] = [
  10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400,
];

/** Longer than a run's state lives (7 days), so a finish can never be redone after its marker went. */
const COUNTED_MARKER_TTL_SECONDS = 8 * 24 * 3600;

/** KEYS: totals hash, the run's marker. ARGV: marker TTL, then field, increment pairs. */
const ADD_ONCE = `
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[1]) then return 0 end
for i = 2, #ARGV, 2 do redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
`;

export type AccountOutcome = 'written' | 'unchanged' | 'would_write' | 'failed';

export interface RunTotals {
  readonly runs: readonly { status: string; mode: string; count: number }[];
  readonly pulled: Readonly<Record<string, number>>;
  readonly scored: number;
  readonly accounts: Readonly<Record<AccountOutcome, number>>;
  /** Per status: cumulative counts of runs at or under each bound (seconds), all runs, summed seconds. */
  readonly durations: readonly {
    status: string;
    buckets: readonly { le: number; count: number }[];
    count: number;
    sumSeconds: number;
  }[];
}

const field = (...parts: string[]): string => JSON.stringify(parts);

function increments(report: SyncReport): [string, number][] {
  const seconds = Math.max(0, report.durationMs) / 1000;
  return [
    [field('runs', report.status, report.mode), 1],
    ...Object.entries(report.pulled).map(([object, records]): [string, number] => [
      field('pulled', object),
      records,
    ]),
    [field('scored'), report.scored],
    [field('accounts', 'written'), report.written],
    [field('accounts', 'unchanged'), report.unchanged],
    [field('accounts', 'would_write'), report.wouldWrite],
    [field('accounts', 'failed'), report.failed.length],
    ...RUN_DURATION_BUCKETS_SECONDS.filter((bound) => seconds <= bound).map((bound): [string, number] => [
      field('duration', report.status, String(bound)),
      1,
    ]),
    [field('duration', report.status, '+Inf'), 1],
    [field('duration_ms', report.status), Math.round(Math.max(0, report.durationMs))],
  ];
}

function parse(text: string): string[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string') ? parsed : [];
  } catch {
    return [];
  }
}

function toTotals(fields: Record<string, string>): RunTotals {
  const runs: { status: string; mode: string; count: number }[] = [];
  const pulled: Record<string, number> = {};
  const accounts: Record<AccountOutcome, number> = { written: 0, unchanged: 0, would_write: 0, failed: 0 };
  const durations = new Map<string, { buckets: Map<number, number>; count: number; sumMs: number }>();
  const duration = (status: string) => {
    let entry = durations.get(status);
    if (!entry) {
      entry = {
        buckets: new Map(RUN_DURATION_BUCKETS_SECONDS.map((bound) => [bound, 0])),
        count: 0,
        sumMs: 0,
      };
      durations.set(status, entry);
    }
    return entry;
  };
  let scored = 0;
  for (const [name, text] of Object.entries(fields)) {
    const value = Number(text);
    const [kind, a = '', b = ''] = parse(name);
    if (kind === 'runs') runs.push({ status: a, mode: b, count: value });
    else if (kind === 'pulled') pulled[a] = value;
    else if (kind === 'scored') scored = value;
    else if (kind === 'accounts' && a in accounts) accounts[a as AccountOutcome] = value;
    else if (kind === 'duration' && b === '+Inf') duration(a).count = value;
    else if (kind === 'duration' && duration(a).buckets.has(Number(b)))
      duration(a).buckets.set(Number(b), value);
    else if (kind === 'duration_ms') duration(a).sumMs = value;
  }
  return {
    runs,
    pulled,
    scored,
    accounts,
    durations: [...durations].map(([status, entry]) => ({
      status,
      buckets: [...entry.buckets].map(([le, count]) => ({ le, count })),
      count: entry.count,
      sumSeconds: entry.sumMs / 1000,
    })),
  };
}

export interface RunTotalsStore {
  /** Adds a finished run's figures; false when this run was counted already. */
  add(report: SyncReport): Promise<boolean>;
  read(): Promise<RunTotals>;
}

/** @param redis a client with Pulse's key prefix */
export function createRunTotals(redis: Redis, orgName: string): RunTotalsStore {
  const totalsKey = `org:{${orgName}}:runs:totals`;
  return {
    async add(report) {
      const added = await redis.eval(
        ADD_ONCE,
        2,
        totalsKey,
        `org:{${orgName}}:run:${report.runId}:counted`,
        String(COUNTED_MARKER_TTL_SECONDS),
        ...increments(report).flatMap(([name, by]) => [name, String(by)]),
      );
      return added === 1;
    },
    async read() {
      return toTotals(await redis.hgetall(totalsKey));
    },
  };
}
