/**
 * The org's clock. It starts at `--now` (or the real time) and runs at real speed, so generated
 * data can be pinned to a date while tokens still expire and SystemModstamp still moves.
 */
export interface OrgClock {
  now(): Date;
  /** Moves the clock forward (tests: expire tokens and locators without waiting). */
  advance(ms: number): void;
}

export function createClock(start?: Date): OrgClock {
  let offsetMs = start ? start.getTime() - Date.now() : 0;
  let last = 0;
  return {
    now() {
      // Never go backwards, and never repeat a millisecond: two writes get distinct SystemModstamps
      // only if time moves, which a fast client can outrun otherwise.
      const next = Math.max(Date.now() + offsetMs, last + 1);
      last = next;
      return new Date(next);
    },
    advance(ms) {
      offsetMs += ms;
      // `last` may run ahead of real time (one millisecond per reading); move it too, so the next
      // reading is at least `ms` after the last one.
      last += ms;
    },
  };
}
