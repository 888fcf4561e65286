/**
 * Requests in flight: how many now, the high-water mark since the last reset (tests and benchmarks
 * read it to check a client's concurrency), and how many REST requests have run long enough to
 * count against Salesforce's concurrent long-running request limit.
 */
export interface InFlightTracker {
  /** Counts a request until the returned function is called (once). */
  begin(rest: boolean): () => void;
  readonly current: number;
  readonly highWaterMark: number;
  /** REST requests in flight for at least `thresholdMs` of real time. */
  longRunning(thresholdMs: number): number;
  resetHighWaterMark(): void;
}

export function createInFlightTracker(now: () => number = Date.now): InFlightTracker {
  let current = 0;
  let highWaterMark = 0;
  const restStarts = new Set<{ readonly at: number }>();
  return {
    begin(rest) {
      current += 1;
      highWaterMark = Math.max(highWaterMark, current);
      const entry = { at: now() };
      if (rest) restStarts.add(entry);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        current -= 1;
        restStarts.delete(entry);
      };
    },
    get current() {
      return current;
    },
    get highWaterMark() {
      return highWaterMark;
    },
    longRunning(thresholdMs) {
      const cutoff = now() - thresholdMs;
      let count = 0;
      for (const entry of restStarts) if (entry.at <= cutoff) count += 1;
      return count;
    },
    resetHighWaterMark() {
      highWaterMark = current;
    },
  };
}
