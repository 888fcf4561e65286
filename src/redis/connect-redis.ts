/**
 * Every Redis connection Pulse opens comes from here: a single server, or a Redis Cluster when
 * `redis.cluster` is on (the URL then names any one of its nodes; ioredis finds the rest).
 *
 * A cluster is returned typed as the single-server client. ioredis' `Cluster` speaks the same
 * commands, and Pulse's keys are made for it: everything one org owns carries its hash tag
 * (`org:{acme}:...`, `diag:{acme}:...`, its queue's `...{acme}:q`), so an org's transactions,
 * scripts and pipelines stay in one slot while different orgs spread over the masters. What does
 * differ, SCAN (one node at a time), is handled where keys are scanned (`scanEveryNode`).
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: `cluster` absent means a single server. */
export interface RedisTarget {
  readonly url: string;
  readonly cluster?: boolean;
}

export function connectRedis(config: RedisTarget, options: Omit<RedisOptions, 'replyMapping'> = {}): Redis {
  if (!config.cluster) return new Redis(config.url, options);
  const url = new URL(config.url);
  const { keyPrefix, lazyConnect, enableOfflineQueue, retryStrategy, ...perNode } = options;
  const cluster = new Cluster([{ host: url.hostname, port: Number(url.port || 6379) }], {
    ...(keyPrefix === undefined ? {} : { keyPrefix }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(retryStrategy ? { clusterRetryStrategy: (attempt: number) => retryStrategy(attempt) } : {}),
    redisOptions: {
      ...perNode,
      ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
      ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
      ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    },
  });
  return cluster as unknown as Redis;
}

export function isCluster(redis: Redis): boolean {
  return (redis as unknown as { isCluster?: boolean }).isCluster === true;
}

/** The servers to SCAN: each master of a cluster (a SCAN sees one node's keys), else the server itself. */
export function scanEveryNode(redis: Redis): Redis[] {
  return isCluster(redis) ? (redis as unknown as Cluster).nodes('master') : [redis];
}
