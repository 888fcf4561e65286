/**
 * Real-Redis fixture for integration tests. Each test file gets its own key prefix and, when it is
 * done, deletes the keys under that prefix and nothing else: the Redis on 127.0.0.1:6379 is shared
 * with other projects and other test runs, and is never flushed.
 */
import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { test as base } from 'vitest';

import { deleteKeysMatching } from '../../src/main/delete-keys.js';
import { TEST_REDIS_URL } from './redis-url.js';

export { TEST_REDIS_URL };

/** Deletes every key starting with `prefix` (SCAN + UNLINK, never KEYS or FLUSH*). Returns how many. */
export async function deleteKeysWithPrefix(client: Redis, prefix: string): Promise<number> {
  // `b_<prefix>` is where Bottleneck keeps a limiter whose id starts with the prefix.
  if (!/^(b_)?pulse-test[\w-]*:[\w-]+:$/.test(prefix)) {
    throw new Error(`refusing to delete keys under a prefix that is not a test prefix: ${prefix}`);
  }
  return deleteKeysMatching(client, `${prefix}*`);
}

export function newTestPrefix(label = 'pulse-test'): string {
  return `${label}:${randomUUID()}:`;
}

/**
 * `redisPrefix`: this file's key prefix, e.g. `pulse-test:3f1c...:`; on teardown the file's keys
 * (and its limiters' `b_` keys) are deleted, whether or not the file used a client of its own.
 * `rawRedis`: a client without a prefix, to look at keys as stored (use it only under `redisPrefix`).
 * `redis`: a client that writes under `redisPrefix`.
 */
export const redisTest = base
  // eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern
  .extend('redisPrefix', { scope: 'file' }, ({}, { onCleanup }) => {
    const prefix = newTestPrefix();
    // Here, not on a client fixture: fixtures are lazy, and a file that only takes the prefix (its
    // syncs open their own clients) would otherwise leave every key it wrote behind.
    onCleanup(async () => {
      const client = new Redis(TEST_REDIS_URL, { lazyConnect: true });
      await client.connect();
      try {
        await deleteKeysWithPrefix(client, prefix);
        await deleteKeysWithPrefix(client, `b_${prefix}`);
      } finally {
        await client.quit();
      }
    });
    return prefix;
  })
  .extend('rawRedis', { scope: 'file' }, async ({ redisPrefix: _prefix }, { onCleanup }) => {
    const client = new Redis(TEST_REDIS_URL, { lazyConnect: true });
    await client.connect();
    onCleanup(async () => {
      await client.quit();
    });
    return client;
  })
  // The key cleanup (redisPrefix's teardown) runs after the clients that depend on it are closed.
  .extend('redis', { scope: 'file' }, async ({ redisPrefix, rawRedis: _rawRedis }, { onCleanup }) => {
    const client = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix, lazyConnect: true });
    await client.connect();
    onCleanup(async () => {
      await client.quit();
    });
    return client;
  });
