/**
 * A Prometheus histogram whose buckets were counted elsewhere (by other processes, into Redis).
 * prom-client's Histogram only counts its own observations, and its registry needs no more of a
 * metric than its name, help, type and values, so this is that much and nothing else; the one cast
 * below registers it.
 */
import type { Metric, Registry } from 'prom-client';

export interface HistogramSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** Cumulative counts, by upper bound, ascending. */
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  /** All observations: the `+Inf` bucket. */
  readonly count: number;
  readonly sum: number;
}

interface Sample {
  metricName: string;
  labels: Record<string, string>;
  value: number;
}

export function registerSnapshotHistogram(
  registry: Registry,
  definition: { name: string; help: string; series: () => Promise<readonly HistogramSeries[]> },
): void {
  const { name, help } = definition;
  const values = async (): Promise<Sample[]> =>
    (await definition.series()).flatMap((series) => [
      ...series.buckets.map((bucket) => ({
        metricName: `${name}_bucket`,
        labels: { ...series.labels, le: String(bucket.le) },
        value: bucket.count,
      })),
      { metricName: `${name}_bucket`, labels: { ...series.labels, le: '+Inf' }, value: series.count },
      { metricName: `${name}_sum`, labels: { ...series.labels }, value: series.sum },
      { metricName: `${name}_count`, labels: { ...series.labels }, value: series.count },
    ]);
  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    get: async () => ({ name, help, type: 'histogram', aggregator: 'sum', values: await values() }),
    // The registry's resetMetrics() resets every metric; there is nothing here to reset.
    reset: () => undefined,
  };
  registry.registerMetric(metric as unknown as Metric);
}
