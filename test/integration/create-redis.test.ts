import { Writable } from 'node:stream';

import { expect } from 'vitest';

import { createRedis } from '../../src/main/create-redis.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import { redisTest, TEST_REDIS_URL } from '../support/redis.js';

function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return {
    lines,
    logger: createLogger({ level: 'debug', format: 'json', redactor: createRedactor(), stream }),
  };
}

redisTest('prefixes every key it writes with the configured prefix', async ({ rawRedis, redisPrefix }) => {
  const { logger } = capturingLogger();
  const client = createRedis({ url: TEST_REDIS_URL, keyPrefix: `${redisPrefix}app:` }, logger);
  try {
    await client.set('watermark', '2026-11-22T00:00:00Z');
    expect(await rawRedis.get(`${redisPrefix}app:watermark`)).toBe('2026-11-22T00:00:00Z');
  } finally {
    await client.quit();
  }
});

redisTest('logs a connection failure once, without the password from the URL', async () => {
  const { logger, lines } = capturingLogger();
  // Nothing listens on port 9; the URL carries a password that must not reach the log.
  const client = createRedis(
    { url: 'redis://:pw-must-not-leak@127.0.0.1:9', keyPrefix: 'pulse-test:' },
    logger,
  );
  // Wait for three failed attempts: the same cause repeated must still be one log line.
  await new Promise<void>((resolve) => {
    let attempts = 0;
    client.on('error', () => {
      attempts += 1;
      if (attempts === 3) resolve();
    });
  });
  client.disconnect();
  const errors = lines.filter((line) => line.includes('redis connection error'));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain('ECONNREFUSED');
  expect(lines.join('')).not.toContain('pw-must-not-leak');
});
