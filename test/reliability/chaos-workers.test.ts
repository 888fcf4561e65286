/** Chaos with three worker processes and SIGKILLs (scenarios/chaos-workers.ts), at the profile's size. */
import { chaosWorkers } from './scenarios/chaos-workers.js';
import { scenarioTest } from './support/scenario.js';

// The small profile scales the limit backoffs down (a concurrent-limit refusal: 1 s wait, 10 s
// halved; a daily-limit pause: 5 s) so a burst costs CI seconds, not minutes; the full profile
// keeps Pulse's defaults (5 s, 60 s, 60 s).
const PROFILES = {
  small: {
    accounts: 1_000,
    kills: 5,
    killEveryMs: 2_000,
    timeoutMs: 3_000,
    limitBackoffs: { concurrentLimitWait: '1s', concurrentLimitThrottle: '10s', limitRecheck: '5s' },
  },
  // A full run takes 3-5 minutes: 8 kills about 10 s apart all land within it.
  full: { accounts: 5_000, kills: 8, killEveryMs: 10_000, timeoutMs: 10_000 },
};

scenarioTest(
  'chaos, three workers, a worker SIGKILLed mid-run: the same state as a clean run',
  PROFILES,
  chaosWorkers,
);
