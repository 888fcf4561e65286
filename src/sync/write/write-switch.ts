/**
 * The write-back switch an admin flips when the values look wrong: `pulse org pause-writes NAME`
 * stops writes at once — every score-and-write job checks it before each write call, so a run
 * under way writes nothing more — without touching the configuration or waiting for a deploy.
 * The run goes on in shadow mode (computes and reports what it would write).
 */
import type { Redis } from 'ioredis';

export interface WriteSwitch {
  paused(): Promise<boolean>;
  pause(reason: string): Promise<void>;
  resume(): Promise<void>;
  /** Why writes were paused, and when; undefined when they are not. */
  status(): Promise<{ readonly reason: string; readonly at: string } | undefined>;
}

/** @param redis a client with Pulse's key prefix */
export function createWriteSwitch(redis: Redis, orgName: string): WriteSwitch {
  const key = `org:{${orgName}}:writes-paused`;
  return {
    async paused() {
      return (await redis.exists(key)) === 1;
    },
    async pause(reason) {
      await redis.set(key, JSON.stringify({ reason, at: new Date().toISOString() }));
    },
    async resume() {
      await redis.del(key);
    },
    async status() {
      const value = await redis.get(key);
      return value === null ? undefined : (JSON.parse(value) as { reason: string; at: string });
    },
  };
}
