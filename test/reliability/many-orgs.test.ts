/** Many orgs at once (scenarios/many-orgs.ts), at the chosen profile's size. */
import { manyOrgs } from './scenarios/many-orgs.js';
import { scenarioTest } from './support/scenario.js';

const PROFILES = {
  small: { orgs: 5, accounts: 300, latecomerDelayMs: 500 },
  full: { orgs: 20, accounts: 2_000, latecomerDelayMs: 15_000 },
};

scenarioTest(
  'many orgs at once: every one completes, none waits on another, each within its limits',
  PROFILES,
  manyOrgs,
);
