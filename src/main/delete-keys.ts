/**
 * Deletes the keys matching one SCAN pattern, a batch at a time (SCAN + UNLINK, never KEYS or
 * FLUSH*): the Redis Pulse uses is shared, and only keys Pulse made may go. On a cluster each
 * master is scanned in turn, and keys are unlinked one to a command (one batch may span slots).
 */
import type { Redis } from 'ioredis';

import { isCluster, nodesToScan } from '../redis/connect-redis.js';

/** @param redis a client without a key prefix (the pattern names whole keys) */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  const cluster = isCluster(redis);
  let deleted = 0;
  for (const node of await nodesToScan(redis)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length === 0) continue;
      if (!cluster) {
        deleted += await node.unlink(...keys);
        continue;
      }
      const unlinked = (await keys.reduce((batch, key) => batch.unlink(key), node.pipeline()).exec()) ?? [];
      const failure = unlinked.find(([error]) => error !== null)?.[0];
      if (failure) throw failure;
      deleted += unlinked.reduce((sum, [, count]) => sum + Number(count ?? 0), 0);
    } while (cursor !== '0');
  }
  return deleted;
}
