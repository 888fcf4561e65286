/** The Redis fixture keeps its promise: its keys are prefixed, and cleanup deletes only them. */
import { Redis } from 'ioredis';
import { afterAll, expect } from 'vitest';

import { deleteKeysWithPrefix, newTestPrefix, redisTest, TEST_REDIS_URL } from '../support/redis.js';

const neighbourPrefix = newTestPrefix('pulse-test-neighbour');
const neighbour = new Redis(TEST_REDIS_URL);

afterAll(async () => {
  await deleteKeysWithPrefix(neighbour, neighbourPrefix);
  await neighbour.quit();
});

redisTest('writes land under the file’s own prefix', async ({ redis, rawRedis, redisPrefix }) => {
  await redis.set('greeting', 'hello');
  expect(await rawRedis.get(`${redisPrefix}greeting`)).toBe('hello');
  expect(await rawRedis.exists('greeting')).toBe(0);
});

redisTest(
  'cleanup deletes this prefix’s keys and leaves everyone else’s',
  async ({ redis, rawRedis, redisPrefix }) => {
    await neighbour.set(`${neighbourPrefix}keep`, 'theirs');
    await redis.mset('a', '1', 'b', '2');
    await redis.hset('h', 'f', 'v');
    expect(await deleteKeysWithPrefix(rawRedis, redisPrefix)).toBeGreaterThanOrEqual(3);
    expect(await rawRedis.exists(`${redisPrefix}a`, `${redisPrefix}b`, `${redisPrefix}h`)).toBe(0);
    expect(await neighbour.get(`${neighbourPrefix}keep`)).toBe('theirs');
  },
);

redisTest('refuses to clean up under a prefix that is not a test prefix', async ({ rawRedis }) => {
  await expect(deleteKeysWithPrefix(rawRedis, 'pulse:')).rejects.toThrow(/not a test prefix/);
  await expect(deleteKeysWithPrefix(rawRedis, '')).rejects.toThrow(/not a test prefix/);
});
