/**
 * Asks Redis for a PONG once, failing fast: commands that must say "Redis is down" (the doctor,
 * the demo) cannot wait for it the way a worker's reconnecting client would.
 */
import { Redis } from 'ioredis';

/** Resolves with Redis's answer; rejects with the connection error within ~2 s. */
export async function probeRedis(url: string): Promise<string> {
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return await probe.ping();
  } finally {
    probe.disconnect();
  }
}
