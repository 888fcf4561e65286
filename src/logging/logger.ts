/**
 * The one logger type Pulse code uses: four levels, child loggers that carry ids, and a redaction
 * step that every line passes before it is written. Built once per process in `src/main/`.
 */
import type { Writable } from 'node:stream';
import winston from 'winston';

import type { Redactor } from '../redaction/redactor.js';
import { prettyLine } from './pretty-line.js';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
export type LogFormat = 'json' | 'pretty';

/** Ids a child logger stamps on each of its lines, so one run or request can be followed. */
export interface LogBindings {
  readonly component?: string;
  readonly orgId?: string;
  readonly runId?: string;
  readonly jobId?: string;
  readonly requestId?: string;
  readonly [key: string]: string | number | undefined;
}

export type LogMeta = Readonly<Record<string, unknown>>;

/**
 * Only these levels exist: winston would accept `logger.warning(...)` from untyped callers and throw
 * at run time (Nango met this); a narrow interface makes it a compile error instead.
 */
export interface Logger {
  error(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  debug(message: string, meta?: LogMeta): void;
  child(bindings: LogBindings): Logger;
}

export interface LoggerOptions {
  readonly level: LogLevel | 'silent';
  readonly format: LogFormat;
  readonly redactor: Redactor;
  /** Where lines go; standard error by default, so a command's `--json` output on stdout stays clean. */
  readonly stream?: Writable;
}

function redactionFormat(redactor: Redactor): winston.Logform.Format {
  return winston.format((info) => {
    // Symbol-keyed fields (winston's level/splat bookkeeping) are kept; every named field is redacted.
    const redacted = redactor.value({ ...info }) as Record<string, unknown>;
    return Object.assign(info, redacted);
  })();
}

function wrap(inner: winston.Logger): Logger {
  return {
    error: (message, meta) => inner.error(message, meta),
    warn: (message, meta) => inner.warn(message, meta),
    info: (message, meta) => inner.info(message, meta),
    debug: (message, meta) => inner.debug(message, meta),
    child: (bindings) => wrap(inner.child(bindings)),
  };
}

export function createLogger(options: LoggerOptions): Logger {
  const { combine, errors, timestamp, json, printf } = winston.format;
  const output = options.format === 'json' ? json() : printf(prettyLine);
  const inner = winston.createLogger({
    level: options.level === 'silent' ? 'error' : options.level,
    silent: options.level === 'silent',
    format: combine(errors({ stack: true }), redactionFormat(options.redactor), timestamp(), output),
    transports: [
      // winston types its Stream transport as an interface; the instance is a real TransportStream.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
      new winston.transports.Stream({ stream: options.stream ?? process.stderr }),
    ],
  });
  return wrap(inner);
}
