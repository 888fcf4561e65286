/**
 * Counts every Salesforce call of this process into Redis, where `pulse serve` reads them for
 * /metrics (the calls are made in worker processes, the metrics served by another). A call never
 * waits for Redis: `record` adds to an in-memory tally, and a timer writes it every second, one
 * transaction per org. A write that fails keeps its counts for the next one (bounded), and is logged
 * once until writes succeed again.
 */
import type { Redis } from 'ioredis';

import type { Logger } from '../logging/logger.js';
import type { CallRecorder } from '../salesforce/transport/call-record.js';
import { callMetricKeys } from './call-series.js';
import { CallTally, type CallHash, type TallyBatch } from './call-tally.js';

export interface CallMetricsRecorder extends CallRecorder {
  /** Writes what was recorded so far (the timer does this every `flushIntervalMs`). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left, waiting at most `closeTimeoutMs` for Redis. */
  close(): Promise<void>;
}

export interface CallMetricsRecorderOptions {
  /** A client with Pulse's key prefix; not closed by the recorder. */
  readonly redis: Redis;
  readonly logger: Logger;
  readonly flushIntervalMs?: number;
  readonly closeTimeoutMs?: number;
  /** Distinct (org, label set) counters kept in memory while Redis cannot be written. */
  readonly maxFields?: number;
}

/**
 * One org's increments in one MULTI: they land all together or not at all, so a failed write can
 * be redone without counting anything twice. A command refused inside the transaction (a key of
 * the wrong type) is reported, not redone: the others did land.
 */
async function write(redis: Redis, org: string, hashes: ReadonlyMap<CallHash, Map<string, number>>) {
  const keys = callMetricKeys(org);
  const multi = redis.multi();
  for (const [hash, fields] of hashes) for (const [field, by] of fields) multi.hincrby(keys[hash], field, by);
  const results = await multi.exec();
  if (!results) throw new Error('the metrics transaction was discarded');
  return results.find(([error]) => error !== null)?.[0] ?? undefined;
}

export function createCallMetricsRecorder(options: CallMetricsRecorderOptions): CallMetricsRecorder {
  const { redis, logger } = options;
  const tally = new CallTally(options.maxFields ?? 10_000);
  let flushing: Promise<void> | undefined;
  let failing = false;
  let droppedLogged = 0;
  let closed = false;

  async function writeAll(batch: TallyBatch): Promise<void> {
    const failures: unknown[] = [];
    await Promise.all(
      [...batch].map(async ([org, hashes]) => {
        try {
          const refused = await write(redis, org, hashes);
          if (refused) logger.warn('Redis refused a call metrics counter', { orgId: org, error: refused });
        } catch (error) {
          failures.push(error);
          tally.restore(new Map([[org, hashes]]));
        }
      }),
    );
    if (failures.length > 0 && !failing) {
      logger.warn('could not write call metrics to Redis: kept for the next try', { error: failures[0] });
    }
    if (failures.length === 0 && failing) logger.info('call metrics are written to Redis again');
    failing = failures.length > 0;
    if (tally.dropped > droppedLogged) {
      logger.warn('call metrics dropped: too many counters waiting for Redis', { dropped: tally.dropped });
      droppedLogged = tally.dropped;
    }
  }

  function flush(): Promise<void> {
    // One write at a time: while Redis is slow, calls keep adding to the tally for the next one.
    if (flushing) return flushing;
    if (tally.size === 0) return Promise.resolve();
    flushing = writeAll(tally.take()).finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  const timer = setInterval(() => {
    void flush();
  }, options.flushIntervalMs ?? 1000);
  // Metrics never keep a process alive: SIGTERM and the end of a test exit as before.
  timer.unref();

  return {
    record(call) {
      if (closed) return;
      try {
        tally.add(call);
      } catch (error) {
        // A recorder must never break the call it records.
        logger.debug('could not count a call in the metrics', { error });
      }
    },
    flush,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      let timeout: NodeJS.Timeout | undefined;
      const waited = new Promise<'timeout'>((resolve) => {
        timeout = setTimeout(() => {
          resolve('timeout');
        }, options.closeTimeoutMs ?? 2000);
      });
      try {
        const last = async (): Promise<void> => {
          await flushing;
          await flush();
        };
        if ((await Promise.race([last(), waited])) === 'timeout')
          logger.warn('call metrics not written before close: Redis did not answer in time');
      } finally {
        clearTimeout(timeout);
      }
    },
  };
}
