/**
 * The diagnostics call store as configured: on a Redis client of its own whose commands fail
 * after one reconnect (diagnostics must never hold up the queues' connection), signed with the
 * configured key — or, unset, with a key derived from the configuration's own secrets, so every
 * process of one deployment agrees on it while nobody with only Redis access can forge it.
 */
import { createHmac, randomBytes } from 'node:crypto';

import type { Redis } from 'ioredis';

import { secretValuesOf, type Config } from '../config/index.js';
import {
  createCallStoreRecorder,
  type CallStoreRecorder,
} from '../diagnostics/call-store/call-store-recorder.js';
import { createCallStore, type CallStore } from '../diagnostics/call-store/call-store.js';
import type { RetentionLimits } from '../diagnostics/call-store/call-retention.js';
import { logConnectionErrors } from '../logging/connection-errors.js';
import type { Logger } from '../logging/logger.js';
import { createRedactor } from '../redaction/redactor.js';
import { connectRedis } from '../redis/connect-redis.js';

export interface OpenCallStore {
  readonly store: CallStore;
  readonly redis: Redis;
  readonly retention: RetentionLimits;
  close(): Promise<void>;
}

export function signingKeyOf(config: Config, logger: Logger): string {
  if (config.diagnostics.signingKey) return config.diagnostics.signingKey;
  const secrets = secretValuesOf(config).sort();
  if (secrets.length === 0) {
    logger.warn(
      'no diagnostics.signingKey and no secret to derive one from: calls stored now cannot be replayed by another process',
    );
    return randomBytes(32).toString('hex');
  }
  return createHmac('sha256', 'pulse diagnostics signing key').update(secrets.join('\u0000')).digest('hex');
}

export function openCallStore(config: Config, logger: Logger): OpenCallStore {
  const redis = connectRedis(config.redis, {
    keyPrefix: config.redis.keyPrefix,
    // A command waits for one reconnect at most, then fails (on a cluster it waits in the cluster's
    // queue instead): the recorder keeps the calls (bounded), and closing it never waits long.
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  });
  logConnectionErrors(redis, logger, 'diagnostics redis connection error');
  const { maxAge, maxCalls, maxMiB } = config.diagnostics;
  return {
    store: createCallStore(redis, signingKeyOf(config, logger), maxAge),
    redis,
    retention: { maxAgeMs: maxAge, maxCalls, maxBytes: maxMiB * 1024 * 1024 },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}

/** A recorder that stores every call of this process, redacted once more by the store's rules. */
export function openCallStoreRecorder(
  config: Config,
  logger: Logger,
): CallStoreRecorder & { readonly opened: OpenCallStore } {
  const opened = openCallStore(config, logger);
  const recorder = createCallStoreRecorder({
    store: opened.store,
    redis: opened.redis,
    redactor: createRedactor({
      extraKeys: [...config.log.redactKeys, ...config.diagnostics.redactKeys],
      knownSecrets: secretValuesOf(config),
    }),
    redactPatterns: config.diagnostics.redactPatterns.map((source) => new RegExp(source, 'g')),
    retention: opened.retention,
    logger,
  });
  return {
    ...recorder,
    opened,
    async close() {
      await recorder.close();
      await opened.close();
    },
  };
}
