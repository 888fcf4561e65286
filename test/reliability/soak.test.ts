/** Soak: runs back to back on a worker's own schedule (scenarios/soak.ts). */
import { expect, test } from 'vitest';

import { soak } from './scenarios/soak.js';
import { profileName, recordResult } from './support/scenario.js';

const PROFILES = {
  small: { accounts: 300, durationMs: 60_000 },
  full: { accounts: 2_000, durationMs: 30 * 60_000 },
};

test(
  'soak: runs back to back, memory, descriptors and Redis flat',
  async () => {
    const result = await soak(PROFILES[profileName()]);
    recordResult(result);
    console.log(JSON.stringify(result, null, 2));
    expect(result.outcome).toMatch(/^passed/);
  },
  40 * 60_000,
);
