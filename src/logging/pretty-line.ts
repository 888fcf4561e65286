/**
 * The readable one-line form of a log entry, for a person at a terminal:
 * `12:04:05.120 warn  [org=acme run=r1] message key=value`.
 */
import type winston from 'winston';

const ID_KEYS = ['component', 'orgId', 'runId', 'jobId', 'requestId'] as const;
const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  error: '\u001b[31m',
  warn: '\u001b[33m',
  info: '\u001b[36m',
  debug: '\u001b[90m',
};
const RESET = '\u001b[0m';

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /[\s"=]/.test(value) ? JSON.stringify(value) : value;
  // JSON.stringify gives undefined for these, whatever its type says.
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return typeof value;
  return JSON.stringify(value);
}

export function prettyLine(info: winston.Logform.TransformableInfo): string {
  const { level, message, timestamp, stack, ...rest } = info;
  const time = typeof timestamp === 'string' ? timestamp.slice(11, 23) : '';
  const colour = LEVEL_COLOURS[level] ?? '';
  const isId = (key: string): boolean => (ID_KEYS as readonly string[]).includes(key);
  const entries = Object.entries(rest).filter(([, value]) => value !== undefined);
  const ids = entries.filter(([key]) => isId(key)).map(([key, value]) => `${key}=${formatValue(value)}`);
  const fields = entries.filter(([key]) => !isId(key)).map(([key, value]) => `${key}=${formatValue(value)}`);
  const parts = [
    time,
    `${colour}${level.padEnd(5)}${RESET}`,
    ids.length > 0 ? `[${ids.join(' ')}]` : '',
    String(message),
    ...fields,
  ].filter((part) => part !== '');
  const line = parts.join(' ');
  return typeof stack === 'string' ? `${line}\n${stack}` : line;
}
