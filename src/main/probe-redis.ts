/**
 * Asks Redis for a PONG once, failing fast: commands that must say "Redis is down" (the doctor,
 * the demo) cannot wait for it the way a worker's reconnecting client would. A cluster must also
 * say its state is ok (every slot served), not just that one node answers.
 */
import { Redis } from 'ioredis';

import type { RedisTarget } from '../redis/connect-redis.js';

/** Resolves with Redis's answer; rejects with the connection error within ~2 s. */
export async function probeRedis(target: RedisTarget): Promise<string> {
  const probe = new Redis(target.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    const pong = await probe.ping();
    if (!target.cluster) return pong;
    const info = String(await probe.call('CLUSTER', 'INFO'));
    const state = /cluster_state:(\w+)/.exec(info)?.[1] ?? 'unknown';
    if (state !== 'ok') throw new Error(`the Redis Cluster's state is ${state}: some slots are not served`);
    return `${pong} (cluster state ok)`;
  } finally {
    probe.disconnect();
  }
}
