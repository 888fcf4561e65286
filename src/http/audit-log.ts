/** Who changed what, when: every state-changing request, kept (capped) in Redis for admins. */
import type { Redis } from 'ioredis';

const MAX_ENTRIES = 10_000;

export interface AuditEntry {
  readonly at: string;
  readonly who: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  recent(limit: number): Promise<AuditEntry[]>;
}

/** @param redis a client with Pulse's key prefix */
export function createAuditLog(redis: Redis): AuditLog {
  const key = 'audit';
  return {
    async record(entry) {
      await redis
        .multi()
        .lpush(key, JSON.stringify(entry))
        .ltrim(key, 0, MAX_ENTRIES - 1)
        .exec();
    },
    async recent(limit) {
      return (await redis.lrange(key, 0, limit - 1)).map((entry) => JSON.parse(entry) as AuditEntry);
    },
  };
}
