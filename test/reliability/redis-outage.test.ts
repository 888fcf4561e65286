/** Redis gone mid-run (scenarios/redis-outage.ts), at the chosen profile's size. */
import { redisOutage } from './scenarios/redis-outage.js';
import { scenarioTest } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 600, outageMs: 10_000 },
  full: { accounts: 3_000, outageMs: 60_000 },
};

scenarioTest(
  'Redis gone for a while: /readyz says so, workers reconnect, nothing is lost',
  PROFILES,
  redisOutage,
);
