/** Chaos with three worker processes and SIGKILLs (scenarios/chaos-workers.ts), at the profile's size. */
import { chaosWorkers } from './scenarios/chaos-workers.js';
import { scenarioTest } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 1_000, kills: 5, timeoutMs: 3_000 },
  full: { accounts: 5_000, kills: 8, timeoutMs: 10_000 },
};

scenarioTest(
  'chaos, three workers, a worker SIGKILLed mid-run: the same state as a clean run',
  PROFILES,
  chaosWorkers,
);
