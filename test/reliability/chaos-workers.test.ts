/** Chaos with three worker processes and SIGKILLs (scenarios/chaos-workers.ts), at the profile's size. */
import { expect, test } from 'vitest';

import { chaosWorkers } from './scenarios/chaos-workers.js';
import { profileName, recordResult } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 1_000, kills: 5, timeoutMs: 3_000 },
  full: { accounts: 5_000, kills: 8, timeoutMs: 10_000 },
};

test('chaos, three workers, a worker SIGKILLed mid-run: the same state as a clean run', async () => {
  const result = await chaosWorkers(PROFILES[profileName()]);
  recordResult(result);
  console.log(JSON.stringify(result, null, 2));
  expect(result.outcome).toMatch(/^passed/);
}, 900_000);
