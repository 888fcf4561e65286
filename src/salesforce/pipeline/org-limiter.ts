/**
 * The org's rate limiter, shared by all workers through Bottleneck's Redis datastore: at most
 * `maxConcurrent` calls in flight and `perSecond` started, whichever worker sends them. Settings
 * are re-applied at start (a config change takes effect), and every job has an expiration so a
 * killed worker's slots come back.
 */
import Bottleneck from 'bottleneck';
import type { Redis } from 'ioredis';

import { Redis7IORedisConnection } from './bottleneck-connection.js';

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

/** The hash tag keeps the limiter's keys in one Redis Cluster slot. */
function limiterId(keyPrefix: string, orgName: string): string {
  return `${keyPrefix}limiter:{${orgName}}`;
}

/**
 * Read-only, from the keys of Bottleneck 2.19's Redis datastore (the version is pinned): calls
 * waiting for a slot, summed over the limiter's clients seen within its client timeout (what
 * Bottleneck's own `clusterQueued()` counts; a dead client drops out after that timeout), and
 * calls holding a slot, less those whose expiration has passed (freed at the next tick).
 * KEYS: settings, job weights, job expirations, client queued counts, client last seen.
 */
const READ_LOAD = `
local settings = redis.call('HMGET', KEYS[1], 'running', 'clientTimeout')
if not settings[2] then return false end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local running = tonumber(settings[1]) or 0
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. now)
for i = 1, #expired, 1000 do
  local weights = redis.call('HMGET', KEYS[2], unpack(expired, i, math.min(i + 999, #expired)))
  for j = 1, #weights do running = running - (tonumber(weights[j]) or 0) end
end
local queued = 0
local clients = redis.call('ZRANGEBYSCORE', KEYS[5], now - tonumber(settings[2]), '+inf')
for i = 1, #clients, 1000 do
  local counts = redis.call('HMGET', KEYS[4], unpack(clients, i, math.min(i + 999, #clients)))
  for j = 1, #counts do queued = queued + math.max(tonumber(counts[j]) or 0, 0) end
end
return {queued, math.max(running, 0)}
`;

export interface LimiterLoad {
  /** Calls waiting for a slot, all processes together. */
  readonly queued: number;
  /** Calls holding a slot, all processes together. */
  readonly running: number;
}

/**
 * The org's limiter load across all processes, or undefined when no limiter was ever started for it.
 * @param redis a client WITHOUT a key prefix, like the limiter's
 */
export async function readLimiterLoad(
  redis: Redis,
  keyPrefix: string,
  orgName: string,
): Promise<LimiterLoad | undefined> {
  const key = (part: string): string => `b_${limiterId(keyPrefix, orgName)}_${part}`;
  const load = (await redis.eval(
    READ_LOAD,
    5,
    key('settings'),
    key('job_weights'),
    key('job_expirations'),
    key('client_num_queued'),
    key('client_last_seen'),
  )) as [number, number] | null;
  return load ? { queued: load[0], running: load[1] } : undefined;
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
  const connection = new Redis7IORedisConnection({ client: redis });
  const base = { maxConcurrent: settings.maxConcurrent, minTime: Math.ceil(1000 / settings.perSecond) };
  const limiter = new Bottleneck({
    id: limiterId(keyPrefix, orgName),
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
