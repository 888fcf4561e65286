/** Redis gone mid-run (scenarios/redis-outage.ts), at the chosen profile's size. */
import { expect, test } from 'vitest';

import { redisOutage } from './scenarios/redis-outage.js';
import { profileName, recordResult } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 600, outageMs: 10_000 },
  full: { accounts: 3_000, outageMs: 60_000 },
};

test('Redis gone for a while: /readyz says so, workers reconnect, nothing is lost', async () => {
  const result = await redisOutage(PROFILES[profileName()]);
  recordResult(result);
  console.log(JSON.stringify(result, null, 2));
  expect(result.outcome).toMatch(/^passed/);
}, 900_000);
