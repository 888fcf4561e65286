/** Many orgs at once (scenarios/many-orgs.ts), at the chosen profile's size. */
import { expect, test } from 'vitest';

import { manyOrgs } from './scenarios/many-orgs.js';
import { profileName, recordResult } from './support/scenario.js';

const PROFILES = {
  small: { orgs: 5, accounts: 300, latecomerDelayMs: 500 },
  full: { orgs: 20, accounts: 2_000, latecomerDelayMs: 15_000 },
};

test('many orgs at once: every one completes, none waits on another, each within its limits', async () => {
  const result = await manyOrgs(PROFILES[profileName()]);
  recordResult(result);
  console.log(JSON.stringify(result, null, 2));
  expect(result.outcome).toMatch(/^passed/);
}, 900_000);
