/**
 * A daily allocation that rolls over 24 hours of org-clock time after its window opened, as the
 * Bulk limits do (DailyBulkV2QueryJobs, DailyBulkApiBatches): take from it until it is spent.
 */
import type { OrgClock } from './clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyAllocation {
  readonly max: number;
  readonly used: number;
  readonly remaining: number;
  /** Takes `count`; false (and nothing taken) when fewer remain. */
  tryTake(count?: number): boolean;
  setUsed(used: number): void;
}

export function createDailyAllocation(max: number, clock: OrgClock): DailyAllocation {
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
    max,
    get used() {
      roll();
      return used;
    },
    get remaining() {
      roll();
      return max - used;
    },
    tryTake(count = 1) {
      roll();
      if (used + count > max) return false;
      used += count;
      return true;
    },
    setUsed(value) {
      used = Math.max(0, Math.min(value, max));
    },
  };
}
