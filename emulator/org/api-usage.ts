/**
 * The org's daily API allocation: every REST call under /services/data/vNN.N counts (token calls and
 * the versions list do not), the count rolls over 24 hours after the window opened, and a spent
 * allocation refuses calls with REQUEST_LIMIT_EXCEEDED.
 */
import type { OrgClock } from './clock.js';
import { createDailyAllocation } from './daily-allocation.js';

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
  // The same rolling 24-hour window as the org's other daily limits.
  const allocation = createDailyAllocation(max, clock);
  return {
    tryConsume: () => allocation.tryTake(1),
    get used() {
      return allocation.used;
    },
    max,
    header: () => `api-usage=${allocation.used}/${max}`,
    setUsed: (used) => {
      allocation.setUsed(used);
    },
  };
}
