/**
 * Feeds the call store from the transport: `record` redacts the call, derives its facts and adds
 * it to a bounded buffer; a timer saves the buffer every half second, so a Salesforce call never
 * waits for Redis. Calls Redis refused stay buffered for the next save; past the bound the oldest
 * are dropped (and counted in the log) rather than growing memory. Each org's retention is
 * enforced at most every 30 s.
 */
import type { Redis } from 'ioredis';

import type { Logger } from '../../logging/logger.js';
import type { Redactor } from '../../redaction/redactor.js';
import type { CallRecorder } from '../../salesforce/transport/call-record.js';
import { toStoredCall } from './call-facts.js';
import { enforceRetention, type RetentionLimits } from './call-retention.js';
import type { CallStore } from './call-store.js';
import { redactCall } from './redact-call.js';
import type { StoredCall } from './stored-call.js';

export interface CallStoreRecorder extends CallRecorder {
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface CallStoreRecorderOptions {
  readonly store: CallStore;
  /** The store's own client (retention runs on it). */
  readonly redis: Redis;
  readonly redactor: Redactor;
  readonly redactPatterns: readonly RegExp[];
  readonly retention: RetentionLimits;
  readonly logger: Logger;
  readonly flushIntervalMs?: number;
  readonly maxBuffered?: number;
}

const RETENTION_EVERY_MS = 30_000;
const CLOSE_WAIT_MS = 5_000;

export function createCallStoreRecorder(options: CallStoreRecorderOptions): CallStoreRecorder {
  const { store, logger } = options;
  const maxBuffered = options.maxBuffered ?? 5000;
  let buffer: StoredCall[] = [];
  let dropped = 0;
  let failing = false;
  let flushing: Promise<void> | undefined;
  const lastTrim = new Map<string, number>();

  async function trim(orgs: Iterable<string>): Promise<void> {
    for (const org of orgs) {
      if (Date.now() - (lastTrim.get(org) ?? 0) < RETENTION_EVERY_MS) continue;
      lastTrim.set(org, Date.now());
      await enforceRetention(options.redis, org, options.retention);
    }
  }

  async function save(batch: StoredCall[]): Promise<void> {
    try {
      await store.save(batch);
      if (failing) logger.info('diagnostics calls are stored again');
      failing = false;
      await trim(new Set(batch.map((call) => call.orgId)));
    } catch (error) {
      buffer = [...batch, ...buffer].slice(-maxBuffered);
      if (!failing) logger.warn('could not store diagnostics calls: kept for the next try', { error });
      failing = true;
    }
  }

  function flush(): Promise<void> {
    if (flushing) return flushing;
    if (buffer.length === 0) return Promise.resolve();
    const batch = buffer;
    buffer = [];
    flushing = save(batch).finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), options.flushIntervalMs ?? 500);
  timer.unref();

  return {
    record(call) {
      try {
        buffer.push(toStoredCall(redactCall(call, options.redactor, options.redactPatterns)));
        if (buffer.length > maxBuffered) {
          buffer.shift();
          dropped += 1;
          if (dropped === 1 || dropped % 1000 === 0)
            logger.warn('diagnostics calls dropped: Redis is not taking them fast enough', { dropped });
        }
      } catch (error) {
        logger.debug('could not keep a call for diagnostics', { error });
      }
    },
    flush,
    async close() {
      clearInterval(timer);
      // Bounded: with Redis gone (a cluster queues commands without limit), shutting down must not hang.
      const done = (async () => {
        await flushing;
        await flush();
      })();
      const gaveUp = await Promise.race([
        done.then(() => false),
        new Promise<boolean>((resolve) =>
          setTimeout(() => {
            resolve(true);
          }, CLOSE_WAIT_MS).unref(),
        ),
      ]);
      if (gaveUp)
        logger.warn('diagnostics calls not stored at shutdown: Redis did not answer', {
          calls: buffer.length,
          waitedMs: CLOSE_WAIT_MS,
        });
    },
  };
}
