/**
 * /metrics for `pulse serve`, in Prometheus' text format. Salesforce calls are made by worker
 * processes and `pulse sync`, not by serve, so a per-process registry would show nothing of them:
 * each scrape reads the figures all processes keep in Redis (call counters, budget, limiter, queues,
 * runs) for every configured org, once per scrape, into a registry of its own (never prom-client's
 * global one), beside serve's own process metrics. When Redis does not answer in time, the Redis
 * figures are left out of that scrape and `pulse_metrics_redis_up` says 0.
 */
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { openOrgQueue } from '../queue/org-queue.js';
import { createRunStore } from '../sync/run-store.js';
import { ORG_METRICS, type OrgMetric, type Sample } from './org-metrics.js';
import { readOrgFigures, type OrgFigures, type OrgSources } from './read-org-figures.js';
import { registerSnapshotHistogram } from './snapshot-histogram.js';

export interface MetricsReader {
  /** The Content-Type of `render()`'s text. */
  readonly contentType: string;
  /** The exposition text of one scrape. */
  render(): Promise<string>;
  /** Closes the org queues it opened (not the Redis clients it was given). */
  close(): Promise<void>;
}

export interface MetricsReaderOptions {
  readonly config: Config;
  /** Pulse's client, with the key prefix (createRedis). */
  readonly redis: Redis;
  /** The queue connection, without a prefix (createQueueConnection): queues and the limiter's keys. */
  readonly connection: Redis;
  readonly logger: Logger;
  /** How long a scrape waits for Redis (default 5 s, within Prometheus' default 10 s scrape timeout). */
  readonly timeoutMs?: number;
  /** serve's own process metrics (CPU, memory, event loop); on by default. */
  readonly processMetrics?: boolean;
}

type Scrape = { ok: true; orgs: OrgFigures[] } | { ok: false };

function register(registry: Registry, metric: OrgMetric, scrape: () => Promise<Scrape>): void {
  if (metric.kind === 'histogram') {
    registerSnapshotHistogram(registry, {
      name: metric.name,
      help: metric.help,
      series: async () => {
        const figures = await scrape();
        return figures.ok ? figures.orgs.flatMap(metric.series) : [];
      },
    });
    return;
  }
  const samples = (figures: Scrape): Sample[] => (figures.ok ? figures.orgs.flatMap(metric.samples) : []);
  const config = {
    name: metric.name,
    help: metric.help,
    labelNames: metric.labelNames,
    registers: [registry],
  };
  // Each collector reads first, then resets and fills without awaiting: two scrapes at once
  // cannot mix their values.
  if (metric.kind === 'counter') {
    new Counter({
      ...config,
      async collect() {
        const figures = await scrape();
        this.reset();
        for (const sample of samples(figures)) this.inc(sample.labels, sample.value);
      },
    });
  } else {
    new Gauge({
      ...config,
      async collect() {
        const figures = await scrape();
        this.reset();
        for (const sample of samples(figures)) this.set(sample.labels, sample.value);
      },
    });
  }
}

export function createMetricsReader(options: MetricsReaderOptions): MetricsReader {
  const { config, redis, connection, logger } = options;
  const keyPrefix = config.redis.keyPrefix;
  const queues: ReturnType<typeof openOrgQueue>[] = [];
  const sources: OrgSources[] = Object.entries(config.orgs).map(([orgName, org]) => {
    const queue = openOrgQueue(connection, keyPrefix, orgName, logger);
    queues.push(queue);
    return {
      orgName,
      org,
      redis,
      rawRedis: connection,
      keyPrefix,
      queue,
      runs: createRunStore(redis, orgName),
    };
  });
  const timeoutMs = options.timeoutMs ?? 5000;
  let failing = false;

  async function load(): Promise<Scrape> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const orgs = await Promise.race([Promise.all(sources.map(readOrgFigures)), timeout]);
      if (failing) logger.info('metrics: Redis figures are back');
      failing = false;
      return { ok: true, orgs };
    } catch (error) {
      if (!failing) logger.warn('metrics: could not read the figures from Redis', { error });
      failing = true;
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }

  // Every collector of one scrape starts in the same tick, so they share one read of Redis.
  let inFlight: Promise<Scrape> | undefined;
  const scrape = (): Promise<Scrape> =>
    (inFlight ??= load().finally(() => {
      inFlight = undefined;
    }));

  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'pulse_metrics_redis_up',
    help: '1 when this scrape read the figures kept in Redis (calls, budget, limiter, queues, runs), 0 when it could not.',
    registers: [registry],
    async collect() {
      this.set(Number((await scrape()).ok));
    },
  });
  for (const metric of ORG_METRICS) register(registry, metric, scrape);

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    async close() {
      await Promise.all(queues.map((queue) => queue.close()));
      registry.clear();
    },
  };
}
