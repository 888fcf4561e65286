/** Pulse on a Redis Cluster of the test's own (scenarios/redis-cluster.ts). */
import { expect, test } from 'vitest';

import { redisCluster } from './scenarios/redis-cluster.js';
import { profileName, recordResult } from './support/scenario.js';

const PROFILES = {
  small: { orgs: 4, accounts: 300 },
  full: { orgs: 8, accounts: 2_000 },
};

test('a Redis Cluster: a multi-org sync completes, the orgs spread over its masters', async () => {
  const result = await redisCluster(PROFILES[profileName()]);
  recordResult(result);
  console.log(JSON.stringify(result, null, 2));
  expect(result.outcome).toMatch(/^passed/);
}, 600_000);
