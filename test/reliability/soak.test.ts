/** Soak: runs back to back on a worker's own schedule (scenarios/soak.ts). */
import { soak } from './scenarios/soak.js';
import { scenarioTest } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 300, durationMs: 36_000 },
  full: { accounts: 2_000, durationMs: 30 * 60_000 },
};

scenarioTest('soak: runs back to back, memory, descriptors and Redis flat', PROFILES, soak, 40 * 60_000);
