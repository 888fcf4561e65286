/** Salesforce unreachable mid-run (scenarios/salesforce-outage.ts), at the chosen profile's size. */
import { salesforceOutage } from './scenarios/salesforce-outage.js';
import { scenarioTest } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 600, outageMs: 15_000 },
  full: { accounts: 5_000, outageMs: 180_000 },
};

scenarioTest(
  'a run waits out a Salesforce outage without a retry storm, then completes',
  PROFILES,
  salesforceOutage,
);
