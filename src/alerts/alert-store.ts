/**
 * An org's alert episodes in Redis: an episode starts when its condition is first raised and ends
 * when it is cleared. Raising is atomic (HSETNX), so among any number of workers exactly one sees
 * the episode begin — and sends its one notification; raising it again changes nothing.
 */
import type { Redis } from 'ioredis';

export const ALERT_KINDS = ['auth-lost', 'budget-paused', 'stale'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertEpisode {
  readonly kind: AlertKind;
  /** When the condition was first seen. */
  readonly since: string;
  /** What a person should know: the error's message, how long since the last run... */
  readonly detail: string;
  /** When its notification was delivered; absent until then (a failed delivery is retried). */
  readonly notifiedAt?: string;
}

export interface AlertStore {
  /** Starts an episode unless one is under way; answers it only when this call started it. */
  raise(kind: AlertKind, detail: string, at: Date): Promise<AlertEpisode | undefined>;
  /** Ends the episode; answers it only when this call ended it. */
  clear(kind: AlertKind): Promise<AlertEpisode | undefined>;
  active(): Promise<AlertEpisode[]>;
  markNotified(kind: AlertKind, at: Date): Promise<void>;
  /** When the staleness clock started for an org that never completed a run (set once). */
  watchedSince(at: Date): Promise<Date>;
  /** Claims the episode's delivery for a while, so two workers never send it twice at once. */
  claimDelivery(episode: AlertEpisode, forMs: number): Promise<boolean>;
}

// Deletes the field and answers what it held, in one step: two workers clearing at once do not
// both announce the recovery.
const TAKE = `
local value = redis.call('HGET', KEYS[1], ARGV[1])
if value then redis.call('HDEL', KEYS[1], ARGV[1]) end
return value`;

/** @param redis a client with Pulse's key prefix */
export function createAlertStore(redis: Redis, orgName: string): AlertStore {
  const key = `org:{${orgName}}:alerts`;
  const parse = (value: string): AlertEpisode => JSON.parse(value) as AlertEpisode;
  return {
    async raise(kind, detail, at) {
      const episode: AlertEpisode = { kind, since: at.toISOString(), detail };
      const started = await redis.hsetnx(key, kind, JSON.stringify(episode));
      return started === 1 ? episode : undefined;
    },
    async clear(kind) {
      const value = (await redis.eval(TAKE, 1, key, kind)) as string | null;
      return value === null ? undefined : parse(value);
    },
    async active() {
      const fields = await redis.hgetall(key);
      return ALERT_KINDS.filter((kind) => fields[kind] !== undefined).map((kind) =>
        parse(fields[kind] ?? ''),
      );
    },
    async markNotified(kind, at) {
      // Only while the episode lasts: a notification landing after the recovery must not revive it.
      const value = await redis.hget(key, kind);
      if (value === null) return;
      await redis.hset(key, kind, JSON.stringify({ ...parse(value), notifiedAt: at.toISOString() }));
    },
    async claimDelivery(episode, forMs) {
      const claim = `${key}:delivering:${episode.kind}:${episode.since}`;
      return (await redis.set(claim, '1', 'PX', forMs, 'NX')) === 'OK';
    },
    async watchedSince(at) {
      await redis.hsetnx(key, 'watched-since', at.toISOString());
      return new Date((await redis.hget(key, 'watched-since')) ?? at.toISOString());
    },
  };
}
