/**
 * The Redis connection every part of Pulse shares (queues, snapshots, call store), with the
 * configured key prefix applied to every key, so Pulse never touches keys it did not create.
 */
import type { Redis } from 'ioredis';

import { logConnectionErrors } from '../logging/connection-errors.js';
import type { Logger } from '../logging/logger.js';
import { connectRedis, type RedisTarget } from '../redis/connect-redis.js';

export function createRedis(config: RedisTarget & { readonly keyPrefix: string }, logger: Logger): Redis {
  const client = connectRedis(config, {
    keyPrefix: config.keyPrefix,
    // BullMQ workers require this: a blocked command waits for the reconnect instead of failing.
    maxRetriesPerRequest: null,
    // Reconnect with a capped backoff, so a Redis restart costs seconds, not a crashed worker.
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  logConnectionErrors(client, logger, 'redis connection error');
  return client;
}
