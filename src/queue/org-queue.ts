/**
 * Each org has its own BullMQ queue under its own hash-tagged prefix (`pulse:org:{acme}:q`): one
 * org's pause or rate limit never throttles another's, and a Redis Cluster spreads orgs over its
 * slots, each org's queue in the same slot as its snapshot.
 */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

import { logConnectionErrors } from '../logging/connection-errors.js';
import type { Logger } from '../logging/logger.js';
import { connectRedis, type RedisTarget } from '../redis/connect-redis.js';

export const SYNC_QUEUE = 'sync';

export function orgQueuePrefix(keyPrefix: string, orgName: string): string {
  return `${keyPrefix}org:{${orgName}}:q`;
}

/**
 * A connection for BullMQ: BullMQ prefixes its own keys (it refuses ioredis' keyPrefix), and its
 * workers block on Redis, so commands wait for a reconnect instead of failing.
 */
export function createQueueConnection(
  config: RedisTarget & { readonly keyPrefix: string },
  logger: Logger,
): Redis {
  const connection = connectRedis(config, {
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  logConnectionErrors(connection, logger, 'redis connection error (queues)');
  return connection;
}

export function openOrgQueue(connection: Redis, keyPrefix: string, orgName: string, logger: Logger): Queue {
  const queue = new Queue(SYNC_QUEUE, { connection, prefix: orgQueuePrefix(keyPrefix, orgName) });
  // Without a listener BullMQ prints connection errors itself; the connection already logs them once.
  queue.on('error', (error) => {
    logger.debug('queue error', { orgId: orgName, error });
  });
  return queue;
}
