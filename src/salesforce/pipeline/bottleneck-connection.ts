/**
 * Bottleneck's ioredis connection, made to work on Redis 7.
 *
 * Bottleneck 2.19 (unmaintained, pinned) recovers from two replies of its own Lua scripts by
 * matching their messages exactly: `UNKNOWN_CLIENT` (this process was dropped from the limiter
 * because its event loop stalled past the client timeout) re-registers the client, and
 * `SETTINGS_KEY_NOT_FOUND` re-creates expired settings. Redis 7 prefixes such replies with "ERR ",
 * so neither match ever succeeds: the heartbeat fails every 5 s, and every call this process had
 * queued for the org waits for ever, holding its job (SGrondin/bottleneck#212 and #219). This
 * connection takes the prefix off those two replies, so Bottleneck's own recovery runs.
 */
import Bottleneck from 'bottleneck';

const RECOVERABLE = new Set(['UNKNOWN_CLIENT', 'SETTINGS_KEY_NOT_FOUND']);

type ScriptCallback = (error: Error | null | undefined, replies?: unknown) => void;
type ScriptArgs = (name: string, id: string, args: unknown[], callback: ScriptCallback) => unknown[];

/** The error as Bottleneck expects it: its bare sentinel when Redis 7 prefixed one. */
export function withoutRedis7Prefix<E extends Error | null | undefined>(error: E): E {
  if (error && error.message.startsWith('ERR ') && RECOVERABLE.has(error.message.slice(4)))
    error.message = error.message.slice(4);
  return error;
}

const scriptArgs = (Bottleneck.IORedisConnection.prototype as unknown as { __scriptArgs__: ScriptArgs })
  .__scriptArgs__;

export class Redis7IORedisConnection extends Bottleneck.IORedisConnection {
  // The name is Bottleneck's (undeclared in its types): every script call goes through it.
  __scriptArgs__(name: string, id: string, args: unknown[], callback: ScriptCallback): unknown[] {
    return scriptArgs.call(this, name, id, args, (error, replies) => {
      callback(withoutRedis7Prefix(error), replies);
    });
  }
}
