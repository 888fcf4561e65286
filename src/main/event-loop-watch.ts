/**
 * Warns when a worker's event loop stalls for seconds. A stalled worker stops renewing what keeps
 * its place: BullMQ job locks (a job whose lock lapses is run again elsewhere) and its client in an
 * org's shared limiter (dropped after 10 s without a heartbeat). Both recover, but a log line
 * naming the stall is how an operator learns a worker has too many orgs or jobs for its cores.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

import type { Logger } from '../logging/logger.js';

/** Longer than this and a heartbeat (every 5 s) or a lock renewal is already late. */
const STALL_WARN_MS = 2_000;
const CHECK_EVERY_MS = 30_000;

/** Starts watching; returns the function that stops it. */
export function watchEventLoop(
  logger: Logger,
  { warnMs = STALL_WARN_MS, everyMs = CHECK_EVERY_MS }: { warnMs?: number; everyMs?: number } = {},
): () => void {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  const timer = setInterval(() => {
    const maxMs = delay.max / 1e6;
    if (maxMs > warnMs)
      logger.warn('the event loop stalled: job locks and limiter heartbeats were late', {
        longestStallMs: Math.round(maxMs),
        p99Ms: Math.round(delay.percentile(99) / 1e6),
        withinMs: everyMs,
      });
    delay.reset();
  }, everyMs).unref();
  return () => {
    clearInterval(timer);
    delay.disable();
  };
}
