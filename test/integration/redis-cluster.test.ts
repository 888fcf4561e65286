/**
 * Pulse's connections on a Redis Cluster of the test's own (three masters): the key prefix applies,
 * an org's multi-key work stays in its slot, and deleting by pattern reaches every master.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';

import { createRedis } from '../../src/main/create-redis.js';
import { deleteKeysMatching } from '../../src/main/delete-keys.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import { connectRedis, isCluster } from '../../src/redis/connect-redis.js';
import { startRedisCluster, type OwnRedisCluster } from '../support/own-redis-cluster.js';

const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
let cluster: OwnRedisCluster;

beforeAll(async () => {
  cluster = await startRedisCluster(3);
}, 30_000);

afterAll(async () => {
  await cluster.stop();
});

test('writes under the key prefix, and an org’s transaction across its keys succeeds', async () => {
  const prefixed = createRedis({ url: cluster.url, keyPrefix: 'pulse:', cluster: true }, logger);
  const raw = connectRedis({ url: cluster.url, cluster: true });
  try {
    expect(isCluster(prefixed)).toBe(true);
    await prefixed.multi().set('org:{acme}:watermark', 'w').sadd('org:{acme}:accounts', 'a1').exec();
    expect(await raw.get('pulse:org:{acme}:watermark')).toBe('w');
    expect(await raw.smembers('pulse:org:{acme}:accounts')).toEqual(['a1']);
  } finally {
    prefixed.disconnect();
    raw.disconnect();
  }
});

test('deleting by pattern finds the keys on every master, and only those', async () => {
  const raw = connectRedis({ url: cluster.url, cluster: true });
  try {
    const orgs = Array.from({ length: 30 }, (_, i) => `org-${i}`);
    for (const org of orgs) {
      await raw.set(`sweep:org:{${org}}:watermark`, 'w');
      await raw.set(`sweep:org:{${org}}:session`, 's');
    }
    await raw.set('other-app:{org-1}:keep', 'k');
    const nodes = (raw as unknown as { nodes(role: string): { dbsize(): Promise<number> }[] }).nodes(
      'master',
    );
    const perNode = await Promise.all(nodes.map((node) => node.dbsize()));
    expect(perNode.filter((count) => count > 0).length).toBeGreaterThan(1);

    // A client that has not read the slot map yet, as `pulse org purge` opens one.
    const fresh = connectRedis({ url: cluster.url, cluster: true });
    try {
      expect(await deleteKeysMatching(fresh, 'sweep:*')).toBe(60);
    } finally {
      fresh.disconnect();
    }
    expect(await raw.get('other-app:{org-1}:keep')).toBe('k');
    expect(await raw.exists('sweep:org:{org-7}:session')).toBe(0);
  } finally {
    raw.disconnect();
  }
});
