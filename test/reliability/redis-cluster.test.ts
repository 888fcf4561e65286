/** Pulse on a Redis Cluster of the test's own (scenarios/redis-cluster.ts). */
import { redisCluster } from './scenarios/redis-cluster.js';
import { scenarioTest } from './support/scenario.js';

const PROFILES = {
  small: { orgs: 4, accounts: 300 },
  full: { orgs: 8, accounts: 2_000 },
};

scenarioTest(
  'a Redis Cluster: a multi-org sync completes, the orgs spread over its masters',
  PROFILES,
  redisCluster,
  600_000,
);
