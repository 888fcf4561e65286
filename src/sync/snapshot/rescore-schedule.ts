/**
 * Accounts to rescore at a time, though nothing about them changed in Salesforce: an open case's
 * SLA reaches its watch share or is breached as the clock runs, which moves the account's
 * escalation status (and can start a playbook). Incremental runs score the dirty accounts and
 * those whose time has come; the daily full pass scores everything anyway.
 */
import type { Redis } from 'ioredis';

export interface RescoreSchedule {
  /** Sets (or, with null, clears) when each account must next be rescored. */
  schedule(entries: readonly { readonly accountId: string; readonly atMs: number | null }[]): Promise<void>;
  /** Accounts whose time has come. */
  due(nowMs: number): Promise<string[]>;
}

/** @param redis a client with Pulse's key prefix */
export function createRescoreSchedule(redis: Redis, orgName: string): RescoreSchedule {
  const key = `org:{${orgName}}:rescore-at`;
  return {
    async schedule(entries) {
      if (entries.length === 0) return;
      const multi = redis.multi();
      for (const { accountId, atMs } of entries) {
        if (atMs === null) multi.zrem(key, accountId);
        else multi.zadd(key, atMs, accountId);
      }
      await multi.exec();
    },
    due: (nowMs) => redis.zrangebyscore(key, '-inf', String(nowMs)),
  };
}
