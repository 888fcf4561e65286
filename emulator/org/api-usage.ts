/**
 * The org's daily API allocation: every REST call under /services/data/vNN.N counts (token calls and
 * the versions list do not), the count rolls over 24 hours after the window opened, and a spent
 * allocation refuses calls with REQUEST_LIMIT_EXCEEDED.
 */
import type { OrgClock } from './clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ApiUsage {
  /** Counts one call; false when the allocation is spent (the call must be refused, uncounted). */
  tryConsume(): boolean;
  readonly used: number;
  readonly max: number;
  /** `api-usage=n/max`, the value of Sforce-Limit-Info. */
  header(): string;
  /** Sets the count (tests and benchmarks: start an org near its limit). */
  setUsed(used: number): void;
}

export function createApiUsage(max: number, clock: OrgClock): ApiUsage {
  let used = 0;
  let windowStart = clock.now().getTime();
  const roll = (): void => {
    const now = clock.now().getTime();
    if (now - windowStart >= DAY_MS) {
      used = 0;
      windowStart = now;
    }
  };
  return {
    tryConsume() {
      roll();
      if (used >= max) return false;
      used += 1;
      return true;
    },
    get used() {
      return used;
    },
    max,
    header: () => `api-usage=${used}/${max}`,
    setUsed(value) {
      used = Math.max(0, Math.min(value, max));
    },
  };
}
