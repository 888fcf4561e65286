/**
 * Latency per REST call from a distribution: fixed, uniform, or log-normal (a median and a spread,
 * optionally capped). The draw comes from the request's hash, so it replays like the faults do.
 */
import type { LatencyOption } from './fault-profile.js';

/** Milliseconds to wait for one call; `u1`/`u2` are two independent uniform draws in [0, 1). */
export function sampleLatency(option: LatencyOption | undefined, u1: number, u2: number): number {
  if (option === undefined) return 0;
  if (typeof option === 'number') return option;
  switch (option.kind) {
    case 'fixed':
      return option.ms;
    case 'uniform': {
      const low = Math.min(option.minMs, option.maxMs);
      const high = Math.max(option.minMs, option.maxMs);
      return Math.round(low + u1 * (high - low));
    }
    case 'lognormal': {
      // Box-Muller: a standard normal from two uniforms (1 - u keeps the logarithm finite).
      const normal = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
      const value = option.medianMs * Math.exp(option.sigma * normal);
      return Math.round(Math.min(value, option.maxMs ?? Number.POSITIVE_INFINITY));
    }
  }
}
