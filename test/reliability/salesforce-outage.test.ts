/** Salesforce unreachable mid-run (scenarios/salesforce-outage.ts), at the chosen profile's size. */
import { expect, test } from 'vitest';

import { salesforceOutage } from './scenarios/salesforce-outage.js';
import { profileName, recordResult } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 600, outageMs: 15_000 },
  full: { accounts: 5_000, outageMs: 180_000 },
};

test('a run waits out a Salesforce outage without a retry storm, then completes', async () => {
  const result = await salesforceOutage(PROFILES[profileName()]);
  recordResult(result);
  console.log(JSON.stringify(result, null, 2));
  expect(result.outcome).toMatch(/^passed/);
}, 900_000);
