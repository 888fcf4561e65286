/**
 * `pulse serve` as a real process: it says where it listens, answers the probes and an
 * authenticated request (logged with its request id), reports Redis gone on /readyz at once while
 * /healthz still answers, and stops cleanly on SIGTERM.
 */
import { describe, expect } from 'vitest';

import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { startServeProcess } from '../../support/serve-process.js';

describe('pulse serve', () => {
  redisTest('listens, answers, logs request ids, and stops on SIGTERM', async ({ redisPrefix }) => {
    const serve = await startServeProcess({
      settings: {
        redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
        log: { level: 'info', format: 'json' },
      },
      orgs: {},
    });
    try {
      expect(serve.output()).toMatch(
        /Pulse API on http:\/\/127\.0\.0\.1:\d+\/api\/v1 \(console: \/console; docs: \/api\/v1\/docs\/; queues, for admins: \/admin\/queues;/,
      );
      expect((await fetch(`${serve.baseUrl}/healthz`)).status).toBe(200);
      // The pages it names are there: the console's shell, and the queue dashboard behind its challenge.
      expect((await fetch(`${serve.baseUrl}/console/`)).status).toBe(200);
      const queues = await fetch(`${serve.baseUrl}/admin/queues`);
      expect([queues.status, queues.headers.get('www-authenticate')]).toEqual([
        401,
        'Basic realm="Pulse queues", charset="UTF-8"',
      ]);
      const ready = await fetch(`${serve.baseUrl}/readyz`);
      expect([ready.status, await ready.json()]).toEqual([
        200,
        { ok: true, checks: { redis: 'ok', config: 'ok' } },
      ]);
      const orgs = await fetch(`${serve.baseUrl}/api/v1/orgs`, {
        headers: { authorization: `Bearer ${serve.token}`, 'x-request-id': 'trace-42' },
      });
      expect([orgs.status, orgs.headers.get('x-request-id')]).toEqual([200, 'trace-42']);
      await expect.poll(() => serve.output()).toContain('"requestId":"trace-42"');
      expect(serve.output()).not.toContain(serve.token);
    } finally {
      const stopped = await serve.stop();
      expect(stopped).toEqual({ code: 0, signal: null });
      expect(serve.output()).toContain('SIGTERM: finishing the requests in hand');
    }
  });

  redisTest(
    'with Redis gone, /readyz says so at once and /healthz still answers',
    async ({ redisPrefix }) => {
      // Nothing listens on port 1.
      const serve = await startServeProcess({
        settings: { redis: { url: 'redis://127.0.0.1:1', keyPrefix: redisPrefix }, log: { level: 'error' } },
        orgs: {},
      });
      try {
        const ready = await fetch(`${serve.baseUrl}/readyz`);
        const body = (await ready.json()) as { ok: boolean; checks: { redis: string } };
        expect([ready.status, body.ok]).toEqual([503, false]);
        // Said by the probe's own client, which fails at once instead of queueing the PING.
        expect(body.checks.redis).toMatch(/^(not reachable|no answer within 1 s)$/);
        expect((await fetch(`${serve.baseUrl}/healthz`)).status).toBe(200);
      } finally {
        expect((await serve.stop()).code).toBe(0);
      }
    },
  );
});
