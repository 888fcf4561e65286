import { Writable } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { createLogger, type LoggerOptions } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';

function capture(options: Partial<LoggerOptions> = {}) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({
    level: 'debug',
    format: 'json',
    redactor: createRedactor(),
    stream,
    ...options,
  });
  const json = (): Record<string, unknown>[] =>
    lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, lines, json };
}

describe('logger', () => {
  it('writes one JSON object per line with level, message, timestamp and fields', () => {
    const { logger, json } = capture();
    logger.info('pulled accounts', { count: 120 });
    const entries = json();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'info', message: 'pulled accounts', count: 120 });
    expect(Date.parse(String(entries[0]?.['timestamp']))).not.toBeNaN();
  });

  it('stamps child loggers ids on every line, and nests them', () => {
    const { logger, json } = capture();
    const run = logger.child({ orgId: 'acme', runId: 'r-1' });
    run.child({ jobId: 'j-9' }).warn('lock contention');
    expect(json()[0]).toMatchObject({
      orgId: 'acme',
      runId: 'r-1',
      jobId: 'j-9',
      message: 'lock contention',
    });
  });

  it('redacts secrets in the message, in fields, in nested errors and in the Authorization header', () => {
    const { logger, lines } = capture({ redactor: createRedactor({ knownSecrets: ['Winter2026!pw'] }) });
    const error = new Error('token request failed: password=Winter2026!pw');
    logger.error('calling https://h/services/oauth2/token?refresh_token=5Aep86abcdef', {
      headers: { Authorization: 'Bearer 00Dx0000000BV7z!AR8AQAxo9UfVkh8A' },
      body: '{"client_secret":"shh-12345","grant_type":"refresh_token"}',
      error,
    });
    const text = lines.join('\n');
    for (const secret of ['5Aep86abcdef', 'AR8AQAxo9Uf', 'shh-12345', 'Winter2026!pw']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('grant_type');
    expect(text).toContain('token request failed');
  });

  it('logs an Error passed as the message with its stack, redacted', () => {
    const { logger, json } = capture();
    const inner = logger as unknown as { error(e: Error): void };
    inner.error(new Error('session 00Dx0000000BV7z!AR8AQAxo9UfVkh8A expired'));
    const [entry] = json();
    expect(String(entry?.['message'])).toContain('expired');
    expect(String(entry?.['stack'])).not.toContain('AR8AQAxo9Uf');
  });

  it('drops lines below the configured level, and everything when silent', () => {
    const quiet = capture({ level: 'warn' });
    quiet.logger.info('hidden');
    quiet.logger.warn('shown');
    expect(quiet.json().map((entry) => entry['message'])).toEqual(['shown']);
    const silent = capture({ level: 'silent' });
    silent.logger.error('nothing');
    expect(silent.lines).toEqual([]);
  });

  it('writes readable lines in pretty format, ids first, secrets hidden', () => {
    const { logger, lines } = capture({ format: 'pretty' });
    logger.child({ orgId: 'acme' }).info('wrote scores', { written: 3, note: 'password: hunter2x' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/info .*\[orgId=acme\] wrote scores written=3 note="password: \[REDACTED\]"/);
  });
});
