/**
 * An org's session as all its workers share it in Redis: the current access token and instance
 * URL, the last rotated refresh token, a lock so one worker refreshes at a time (rotating refresh
 * tokens must not be raced), and a count of recent refreshes to stop a refresh loop. The tokens
 * are sealed (session-cipher.ts): Redis never holds a usable one.
 */
import { randomUUID } from 'node:crypto';

import type { Redis } from 'ioredis';

import type { SessionCipher } from './session-cipher.js';

export interface StoredSession {
  readonly accessToken: string;
  readonly instanceUrl: string;
  readonly identityUrl: string;
  /** Which login URL, client and user the session belongs to: a changed configuration logs in anew. */
  readonly fingerprint: string;
}

export interface SessionStore {
  read(): Promise<StoredSession | undefined>;
  write(session: StoredSession): Promise<void>;
  readRefreshToken(): Promise<string | undefined>;
  writeRefreshToken(token: string): Promise<void>;
  /** Runs `work` holding the org's refresh lock (waits for it up to `waitMs`). */
  withLock<T>(work: () => Promise<T>, waitMs: number): Promise<T>;
  /** Counts a refresh; returns how many happened within the window. */
  /**
   * Counts a refresh: since the last call that succeeded on a refreshed session (a refresh loop),
   * and in all within the window (sessions revoked again and again, each working a moment).
   */
  countRefresh(windowMs: number): Promise<{ readonly sinceSuccess: number; readonly inWindow: number }>;
  /** A call succeeded on a refreshed session: it was no refresh loop, the count starts again. */
  resetRefreshCount(): Promise<void>;
  clear(): Promise<void>;
}

const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
/** How long the refresh lock lives: a holder that dies (SIGKILL) mid-login leaves it this long. */
export const SESSION_LOCK_TTL_MS = 30_000;
const LOCK_POLL_MS = 50;

/** @param redis a client with Pulse's key prefix */
export function createSessionStore(redis: Redis, orgName: string, cipher: SessionCipher): SessionStore {
  // One hash tag per org: all its keys live in one Redis Cluster slot.
  const key = (part: string): string => `org:{${orgName}}:${part}`;
  return {
    async read() {
      const fields = await redis.hgetall(key('session'));
      if (!fields['accessToken'] || !fields['instanceUrl']) return undefined;
      const accessToken = cipher.open('accessToken', fields['accessToken'], [
        fields['instanceUrl'],
        fields['identityUrl'] ?? '',
      ]);
      if (accessToken === undefined) return undefined;
      return {
        accessToken,
        instanceUrl: fields['instanceUrl'],
        identityUrl: fields['identityUrl'] ?? '',
        fingerprint: fields['fingerprint'] ?? '',
      };
    },
    async write(session) {
      await redis.hset(key('session'), {
        ...session,
        accessToken: cipher.seal('accessToken', session.accessToken, [
          session.instanceUrl,
          session.identityUrl,
        ]),
      });
    },
    async readRefreshToken() {
      const sealed = await redis.get(key('refresh-token'));
      return sealed === null ? undefined : cipher.open('refreshToken', sealed);
    },
    async writeRefreshToken(token) {
      await redis.set(key('refresh-token'), cipher.seal('refreshToken', token));
    },
    async withLock(work, waitMs) {
      const owner = randomUUID();
      const deadline = Date.now() + waitMs;
      while ((await redis.set(key('session-lock'), owner, 'PX', SESSION_LOCK_TTL_MS, 'NX')) !== 'OK') {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for the session lock of org ${orgName}`);
        await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
      }
      try {
        return await work();
      } finally {
        await redis.eval(RELEASE_LOCK, 1, key('session-lock'), owner);
      }
    },
    async countRefresh(windowMs) {
      const [sinceSuccess, inWindow] = await Promise.all(
        ['refresh-count', 'refresh-total'].map(async (part) => {
          const count = await redis.incr(key(part));
          if (count === 1) await redis.pexpire(key(part), windowMs);
          return count;
        }),
      );
      return { sinceSuccess: sinceSuccess ?? 0, inWindow: inWindow ?? 0 };
    },
    async resetRefreshCount() {
      await redis.del(key('refresh-count'));
    },
    async clear() {
      await redis.del(key('session'), key('refresh-count'), key('refresh-total'));
    },
  };
}
