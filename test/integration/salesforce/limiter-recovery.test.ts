/**
 * A worker whose event loop stalls past Bottleneck's client timeout is dropped from the org's
 * limiter by the other workers. Its calls must still run once it is back: on Redis 7, Bottleneck
 * 2.19 alone never noticed it had been dropped, and the calls it held queued waited for ever (the
 * 20-org reliability run hung on exactly this).
 */
import { Redis } from 'ioredis';
import { expect } from 'vitest';

import { createOrgLimiter } from '../../../src/salesforce/pipeline/org-limiter.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const SETTINGS = { maxConcurrent: 1, perSecond: 100 };

redisTest(
  'a limiter dropped as unresponsive runs its queued call once a slot frees',
  async ({ redisPrefix, rawRedis }) => {
    // The failure this guards against needs Redis 7 or later (its "ERR " prefix on script errors).
    expect(Number(/redis_version:(\d+)/.exec(await rawRedis.info('server'))?.[1])).toBeGreaterThanOrEqual(7);
    const first = await createOrgLimiter(new Redis(TEST_REDIS_URL), redisPrefix, 'stalled', SETTINGS);
    const second = await createOrgLimiter(new Redis(TEST_REDIS_URL), redisPrefix, 'stalled', SETTINGS);
    try {
      let release = (): void => undefined;
      const holding = second.schedule(30_000, () => new Promise<void>((resolve) => (release = resolve)));
      await expect
        .poll(() => rawRedis.hget(`b_${redisPrefix}limiter:{stalled}_settings`, 'running'))
        .toBe('1');
      const queued = first.schedule(30_000, () => Promise.resolve('ran'));
      await expect
        .poll(() => rawRedis.hvals(`b_${redisPrefix}limiter:{stalled}_client_num_queued`))
        .toContain('1');
      // Both clients last seen long ago, as when their processes stalled: the next tick drops the one
      // holding no slot (the one with the queued call), exactly as Bottleneck's own script does.
      const seen = `b_${redisPrefix}limiter:{stalled}_client_last_seen`;
      for (const client of await rawRedis.zrange(seen, '0', '-1')) await rawRedis.zadd(seen, 0, client);
      release();
      await holding;
      expect(await queued).toBe('ran');
      // Both clients are known to the limiter again.
      expect(await rawRedis.zcard(seen)).toBe(2);
    } finally {
      await first.close();
      await second.close();
    }
  },
  20_000,
);

redisTest(
  'a limiter whose keys were deleted under it (a purge, a Redis restart) starts again',
  async ({ redisPrefix, rawRedis }) => {
    const limiter = await createOrgLimiter(new Redis(TEST_REDIS_URL), redisPrefix, 'purged', SETTINGS);
    try {
      expect(await limiter.schedule(30_000, () => Promise.resolve('before'))).toBe('before');
      const keys = [
        'settings',
        'client_running',
        'client_num_queued',
        'client_last_registered',
        'client_last_seen',
      ].map((part) => `b_${redisPrefix}limiter:{purged}_${part}`);
      expect(await rawRedis.exists(...keys)).toBe(keys.length);
      await rawRedis.del(...keys);
      expect(await limiter.schedule(30_000, () => Promise.resolve('after'))).toBe('after');
      expect(await rawRedis.hget(`b_${redisPrefix}limiter:{purged}_settings`, 'maxConcurrent')).toBe('1');
    } finally {
      await limiter.close();
    }
  },
  20_000,
);
