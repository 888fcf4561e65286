/**
 * What the Salesforce call metrics keep in Redis, shared by the recorder (workers, `pulse sync`)
 * and the reader (`pulse serve`): per org, three hashes of counters, one field per label set.
 *
 * Per-org hashes rather than one global hash: they sit under the org's hash tag with its queue,
 * budget and runs (`org:{NAME}:...`), so a Redis Cluster keeps each org's flush in one slot and no
 * single key gets every org's traffic, and `pulse org purge NAME` removes them with the org's data.
 * The reader knows the orgs from the configuration, so nothing has to list them.
 */

/** Upper bounds (seconds) of the latency buckets: from a quick query to the 60 s call timeout. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface CallMetricKeys {
  /** Calls by endpoint, method, status and error code. */
  readonly calls: string;
  /** Attempts after the first (the pipeline's retries), by endpoint. */
  readonly retries: string;
  /** Cumulative latency buckets, by endpoint, with the sum in milliseconds. */
  readonly latency: string;
}

/** Keys relative to Pulse's key prefix (the client adds it). */
export function callMetricKeys(orgName: string): CallMetricKeys {
  const key = (part: string): string => `org:{${orgName}}:metrics:${part}`;
  return { calls: key('calls'), retries: key('retries'), latency: key('latency') };
}

export interface CallSeriesLabels {
  readonly endpoint: string;
  readonly method: string;
  /** The HTTP status, or `network` when no response came back. */
  readonly status: string;
  /** The first Salesforce (or network) error code, or '' when there was none. */
  readonly errorCode: string;
}

/** Fields are JSON arrays: no separator can collide with a label value. */
export function callField(labels: CallSeriesLabels): string {
  return JSON.stringify([labels.endpoint, labels.method, labels.status, labels.errorCode]);
}

/** Bucket fields `[endpoint, "0.05"]` ... `[endpoint, "+Inf"]`, and `[endpoint, "sum_ms"]`. */
export const SUM_MS = 'sum_ms';
export const INF = '+Inf';

export function latencyField(endpoint: string, bound: string): string {
  return JSON.stringify([endpoint, bound]);
}

export function endpointField(endpoint: string): string {
  return JSON.stringify([endpoint]);
}

/** The strings of a field written above, or undefined for anything else (never trust stored data). */
export function parseField(field: string, length: number): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(field);
    if (!Array.isArray(parsed) || parsed.length !== length) return undefined;
    return parsed.every((part) => typeof part === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}
