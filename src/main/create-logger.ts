/**
 * Builds the process's redactor and logger from the configuration: secrets found in the
 * configuration are hidden in every log line, on top of the built-in patterns.
 */
import { secretValuesOf, type Config } from '../config/index.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createRedactor, type Redactor } from '../redaction/redactor.js';

export interface LoggingEnvironment {
  /** Whether standard error is a terminal: readable lines there, JSON elsewhere (`log.format: auto`). */
  readonly isTTY: boolean;
}

export function createConfiguredRedactor(config: Config): Redactor {
  return createRedactor({ extraKeys: config.log.redactKeys, knownSecrets: secretValuesOf(config) });
}

export function createConfiguredLogger(config: Config, environment: LoggingEnvironment): Logger {
  const format = config.log.format === 'auto' ? (environment.isTTY ? 'pretty' : 'json') : config.log.format;
  return createLogger({ level: config.log.level, format, redactor: createConfiguredRedactor(config) });
}
