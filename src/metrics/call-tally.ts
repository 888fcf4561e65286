/**
 * Call records added up in memory between two flushes: per org, the counter increments each hash
 * field gets. A process makes thousands of calls a minute but only a few dozen label sets, so a
 * flush is a few dozen HINCRBYs however many calls it covers. Pure: no I/O, no clock.
 */
import type { CallRecord } from '../salesforce/transport/call-record.js';
import {
  callField,
  endpointField,
  INF,
  LATENCY_BUCKETS_SECONDS,
  latencyField,
  SUM_MS,
  type CallSeriesLabels,
} from './call-series.js';
import { endpointLabel } from './endpoint-label.js';

export type CallHash = 'calls' | 'retries' | 'latency';

export interface Increment {
  readonly hash: CallHash;
  readonly field: string;
  readonly by: number;
}

const METHODS = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'HEAD']);

/** Error codes are Salesforce's (UPPER_CASE) or a network error's; anything odd is not a label. */
function errorCodeLabel(codes: readonly string[] | undefined): string {
  const [first] = codes ?? [];
  if (first === undefined) return '';
  return /^[A-Za-z][\w.-]{0,63}$/.test(first) ? first : 'OTHER';
}

export function callSeriesLabels(call: CallRecord): CallSeriesLabels {
  const method = call.method.toUpperCase();
  return {
    endpoint: call.kind === 'token' ? 'token' : endpointLabel(call.path),
    method: METHODS.has(method) ? method : 'OTHER',
    status: call.status === undefined ? 'network' : String(call.status),
    errorCode: errorCodeLabel(call.errorCodes),
  };
}

/**
 * What one call adds: one call, a retry when it is an API call after the first attempt, its latency
 * buckets. A token call made during a retried attempt (the session expired) carries that attempt's
 * number but repeats nothing, so it is no retry.
 */
export function incrementsOf(call: CallRecord): Increment[] {
  const labels = callSeriesLabels(call);
  const durationMs = Math.max(0, Math.round(call.durationMs));
  const increments: Increment[] = [{ hash: 'calls', field: callField(labels), by: 1 }];
  if (call.kind === 'api' && call.attempt > 1)
    increments.push({ hash: 'retries', field: endpointField(labels.endpoint), by: 1 });
  // Cumulative buckets, as Prometheus reads them: a call counts in every bucket at or above it.
  for (const bound of LATENCY_BUCKETS_SECONDS) {
    if (durationMs <= bound * 1000)
      increments.push({ hash: 'latency', field: latencyField(labels.endpoint, String(bound)), by: 1 });
  }
  increments.push({ hash: 'latency', field: latencyField(labels.endpoint, INF), by: 1 });
  increments.push({ hash: 'latency', field: latencyField(labels.endpoint, SUM_MS), by: durationMs });
  return increments;
}

/** Per org, per hash, per field: the increment to apply. */
export type TallyBatch = Map<string, Map<CallHash, Map<string, number>>>;

export class CallTally {
  private batch: TallyBatch = new Map();
  private fields = 0;
  /** Calls (and restored counters) dropped because the tally was full (Redis unreachable for long). */
  dropped = 0;

  /** @param maxFields the most distinct (org, hash, field) entries kept between flushes */
  constructor(private readonly maxFields: number) {}

  get size(): number {
    return this.fields;
  }

  /** Adds a call, or drops it whole when its new label sets would pass the bound (histograms stay whole). */
  add(call: CallRecord): void {
    const increments = incrementsOf(call);
    const hashes = this.batch.get(call.orgId);
    const added = increments.filter(
      (increment) => hashes?.get(increment.hash)?.has(increment.field) !== true,
    );
    if (this.fields + added.length > this.maxFields) {
      this.dropped += 1;
      return;
    }
    for (const increment of increments) this.bump(call.orgId, increment.hash, increment.field, increment.by);
  }

  /** Hands over everything added so far and starts empty. */
  take(): TallyBatch {
    const taken = this.batch;
    this.batch = new Map();
    this.fields = 0;
    return taken;
  }

  /**
   * Puts back a batch that could not be written, so the next flush carries it. The bound holds
   * here too, so however long Redis stays away, memory does not grow past it.
   */
  restore(batch: TallyBatch): void {
    for (const [org, hashes] of batch)
      for (const [hash, fields] of hashes) for (const [field, by] of fields) this.bump(org, hash, field, by);
  }

  private bump(org: string, hash: CallHash, field: string, by: number): void {
    let hashes = this.batch.get(org);
    if (!hashes) {
      hashes = new Map();
      this.batch.set(org, hashes);
    }
    let fields = hashes.get(hash);
    if (!fields) {
      fields = new Map();
      hashes.set(hash, fields);
    }
    const current = fields.get(field);
    if (current === undefined) {
      // A new label set grows memory; an existing one never does, so only new ones are refused.
      if (this.fields >= this.maxFields) {
        this.dropped += 1;
        return;
      }
      this.fields += 1;
    }
    fields.set(field, (current ?? 0) + by);
  }
}
