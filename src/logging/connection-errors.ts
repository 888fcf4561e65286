/**
 * Logs a connection's errors once per new cause: ioredis repeats the same error on every
 * reconnect attempt, and one line per cause is enough.
 */
import type { Logger } from './logger.js';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'ready', listener: () => void): unknown;
}

export function logConnectionErrors(connection: ErrorEmitter, logger: Logger, message: string): void {
  let lastError = '';
  connection.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.error(message, { error });
  });
  connection.on('ready', () => {
    lastError = '';
  });
}
