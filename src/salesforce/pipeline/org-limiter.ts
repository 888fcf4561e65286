/**
 * The org's rate limiter, shared by all workers through Bottleneck's Redis datastore: at most
 * `maxConcurrent` calls in flight and `perSecond` started, whichever worker sends them. Settings
 * are re-applied at start (a config change takes effect), and every job has an expiration so a
 * killed worker's slots come back.
 */
import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';

export interface OrgLimiterSettings {
  readonly maxConcurrent: number;
  readonly perSecond: number;
}

export interface OrgLimiter {
  /** Runs `work` when the org has a free slot; the slot is freed after `expirationMs` whatever happens. */
  schedule<T>(expirationMs: number, work: () => Promise<T>): Promise<T>;
  /** Halves parallelism for `forMs` (the concurrent long-request limit was hit), then restores it. */
  throttle(forMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * @param redis a client WITHOUT a key prefix (Bottleneck names its own keys; the prefix goes in the id)
 */
export async function createOrgLimiter(
  redis: Redis,
  keyPrefix: string,
  orgName: string,
  settings: OrgLimiterSettings,
): Promise<OrgLimiter> {
  const connection = new Bottleneck.IORedisConnection({ client: redis });
  const base = { maxConcurrent: settings.maxConcurrent, minTime: Math.ceil(1000 / settings.perSecond) };
  const limiter = new Bottleneck({
    // The hash tag keeps the limiter's keys in one Redis Cluster slot.
    id: `${keyPrefix}limiter:{${orgName}}`,
    datastore: 'ioredis',
    connection,
    clearDatastore: false,
    ...base,
  });
  await limiter.ready();
  // Settings stored by an earlier process stay until replaced: a config change must take effect.
  limiter.updateSettings(base);
  let restore: NodeJS.Timeout | undefined;
  return {
    schedule: (expirationMs, work) => limiter.schedule({ expiration: expirationMs }, work),
    throttle(forMs) {
      limiter.updateSettings({ maxConcurrent: Math.max(1, Math.floor(settings.maxConcurrent / 2)) });
      clearTimeout(restore);
      restore = setTimeout(() => {
        limiter.updateSettings(base);
      }, forMs);
      restore.unref();
      return Promise.resolve();
    },
    async close() {
      clearTimeout(restore);
      await limiter.disconnect(false);
      // The connection is ours (a shared one is never closed by the limiter): close it and its subscriber.
      await connection.disconnect(false);
    },
  };
}
