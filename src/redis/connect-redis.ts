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

/**
 * @param options ioredis' options (its `replyMapping` is left out: Pulse reads replies the classic
 * way, and the option's wider type does not fit the client's constructor)
 */
export function connectRedis(config: RedisTarget, options: Omit<RedisOptions, 'replyMapping'> = {}): Redis {
  if (!config.cluster) return new Redis(config.url, options);
  const url = new URL(config.url);
  // The configuration refuses a database number with a cluster (a cluster has only database 0).
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const tls = url.protocol === 'rediss:';
  const { keyPrefix, lazyConnect, enableOfflineQueue, retryStrategy, ...perNode } = options;
  const cluster = new Cluster([{ host, port: Number(url.port || 6379) }], {
    ...(keyPrefix === undefined ? {} : { keyPrefix }),
    ...(lazyConnect === undefined ? {} : { lazyConnect }),
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    ...(retryStrategy ? { clusterRetryStrategy: (attempt: number) => retryStrategy(attempt) } : {}),
    // With TLS, connect by the names the cluster announces, so certificates' names can match.
    ...(tls
      ? {
          dnsLookup: (address: string, callback: (error: null, address: string) => void) => {
            callback(null, address);
          },
        }
      : {}),
    redisOptions: {
      ...perNode,
      ...(url.username === '' ? {} : { username: decodeURIComponent(url.username) }),
      ...(url.password === '' ? {} : { password: decodeURIComponent(url.password) }),
      ...(tls ? { tls: { servername: host } } : {}),
    },
  });
  return cluster as unknown as Redis;
}

export function isCluster(redis: Redis): boolean {
  return (redis as unknown as { isCluster?: boolean }).isCluster === true;
}

/**
 * The servers to SCAN: each master of a cluster (a SCAN sees one node's keys), else the server
 * itself. A cluster client knows its masters only once it has read the slot map: it is waited for.
 */
export async function nodesToScan(redis: Redis): Promise<Redis[]> {
  if (!isCluster(redis)) return [redis];
  const cluster = redis as unknown as Cluster;
  if (cluster.status !== 'ready') {
    if (cluster.status === 'wait') await cluster.connect();
    else await new Promise((resolve) => cluster.once('ready', resolve));
  }
  return cluster.nodes('master');
}
