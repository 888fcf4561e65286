/**
 * Deletes the keys matching one SCAN pattern, a batch at a time (SCAN + UNLINK, never KEYS or
 * FLUSH*): the Redis Pulse uses is shared, and only keys Pulse made may go.
 */
import type { Redis } from 'ioredis';

/** @param redis a client without a key prefix (the pattern names whole keys) */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
