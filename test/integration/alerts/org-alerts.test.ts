/**
 * Alerts against real Redis and a real webhook server: each episode is announced once however
 * many workers see it, its end once; a delivery the webhook refused is retried by the next check
 * (once, even with two workers checking); staleness follows a fake clock; and a redirect is never
 * followed, so an alert cannot be steered to another address.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, beforeEach, describe, expect } from 'vitest';

import type { AlertMessage } from '../../../src/alerts/alert-message.js';
import { createAlertStore } from '../../../src/alerts/alert-store.js';
import { createOrgAlerts } from '../../../src/alerts/org-alerts.js';
import { createWebhookSender } from '../../../src/alerts/webhook-sender.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { redisTest } from '../../support/redis.js';

const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
const HOUR = 3600_000;

let received: AlertMessage[] = [];
let failNext = 0;
let webhookUrl = '';
let elsewhereHits = 0;
let redirectUrl = '';
const servers: http.Server[] = [];

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const base = await listen((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        response.writeHead(503).end();
        return;
      }
      received.push(JSON.parse(body) as AlertMessage);
      response.writeHead(200).end('ok');
    });
  });
  webhookUrl = `${base}/services/T000/B000/secret-part`;
  const elsewhere = await listen((_request, response) => {
    elsewhereHits += 1;
    response.writeHead(200).end();
  });
  redirectUrl = await listen((_request, response) => {
    response.writeHead(307, { location: `${elsewhere}/steal` }).end();
  });
});
afterAll(() => {
  for (const server of servers) server.close();
});
beforeEach(() => {
  received = [];
  failNext = 0;
});

function alertsFor(
  redis: Parameters<typeof createAlertStore>[0],
  org: string,
  clock: { now: Date },
  url = webhookUrl,
) {
  return createOrgAlerts({
    orgName: org,
    store: createAlertStore(redis, org),
    sender: createWebhookSender({ url, timeoutMs: 2000, attempts: 2, minBackoffMs: 10, logger }),
    staleAfterMs: 2 * HOUR,
    now: () => clock.now,
    logger,
  });
}

describe('alerts', () => {
  redisTest(
    'an episode is announced once, however many workers raise it; its end once',
    async ({ redis }) => {
      const clock = { now: new Date('2026-11-22T08:00:00Z') };
      const workers = [
        alertsFor(redis, 'acme', clock),
        alertsFor(redis, 'acme', clock),
        alertsFor(redis, 'acme', clock),
      ];
      await Promise.all(
        workers.flatMap((alerts) =>
          [1, 2, 3].map(() => alerts.raise('auth-lost', 'invalid_grant: expired refresh token')),
        ),
      );
      expect(received.map((message) => [message.alert, message.state])).toEqual([['auth-lost', 'raised']]);
      expect(received[0]?.text).toContain('*acme* lost its Salesforce session');
      expect(received[0]?.text).toContain('invalid_grant: expired refresh token');
      expect(JSON.stringify(received)).not.toContain('secret-part');
      const active = await createAlertStore(redis, 'acme').active();
      expect(active).toMatchObject([{ kind: 'auth-lost', since: '2026-11-22T08:00:00.000Z' }]);
      expect(active[0]?.notifiedAt).toBeDefined();

      await Promise.all(workers.map((alerts) => alerts.runCompleted()));
      expect(received.map((message) => message.state)).toEqual(['raised', 'resolved']);
      expect(await createAlertStore(redis, 'acme').active()).toEqual([]);
      // It falls again: a new episode, announced again.
      clock.now = new Date('2026-11-22T08:05:00Z');
      await workers[0]!.raise('auth-lost', 'again');
      expect(received.map((message) => message.state)).toEqual(['raised', 'resolved', 'raised']);
    },
  );

  redisTest('a delivery the webhook refused is retried by the next check, once', async ({ redis }) => {
    const clock = { now: new Date('2026-11-22T08:00:00Z') };
    failNext = 2; // both attempts of the first delivery
    const first = alertsFor(redis, 'beta', clock);
    await first.raise('budget-paused', 'REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.');
    expect(received).toEqual([]);
    expect((await createAlertStore(redis, 'beta').active())[0]?.notifiedAt).toBeUndefined();
    // The delivery claim lapses after a minute; then two workers check at once.
    await redis.del('org:{beta}:alerts:delivering:budget-paused:2026-11-22T08:00:00.000Z');
    await Promise.all([first.check(clock.now), alertsFor(redis, 'beta', clock).check(clock.now)]);
    expect(received.map((message) => [message.alert, message.state])).toEqual([['budget-paused', 'raised']]);
    await first.check(clock.now);
    expect(received).toHaveLength(1);
  });

  redisTest(
    'an org with no completed run for longer than staleAfter is stale until one completes',
    async ({ redis }) => {
      const clock = { now: new Date('2026-11-22T08:00:00Z') };
      const alerts = alertsFor(redis, 'gamma', clock);
      const lastRun = new Date('2026-11-22T07:00:00Z');
      await alerts.check(lastRun);
      expect(received).toEqual([]);
      clock.now = new Date('2026-11-22T09:30:00Z');
      await alerts.check(lastRun);
      await alerts.check(lastRun);
      expect(received.map((message) => [message.alert, message.state])).toEqual([['stale', 'raised']]);
      expect(received[0]?.detail).toContain('2026-11-22T07:00:00.000Z');
      await alerts.check(new Date('2026-11-22T09:29:00Z'));
      expect(received.map((message) => message.state)).toEqual(['raised', 'resolved']);
      // An org that never completed a run: the clock starts when it is first watched.
      const fresh = alertsFor(redis, 'delta', clock);
      await fresh.check(undefined);
      clock.now = new Date('2026-11-22T11:31:00Z');
      await fresh.check(undefined);
      expect(received.at(-1)).toMatchObject({ org: 'delta', alert: 'stale', state: 'raised' });
    },
  );

  redisTest('a webhook that redirects is not followed', async ({ redis }) => {
    const clock = { now: new Date('2026-11-22T08:00:00Z') };
    await alertsFor(redis, 'epsilon', clock, redirectUrl).raise('auth-lost', 'refused');
    expect(elsewhereHits).toBe(0);
    expect((await createAlertStore(redis, 'epsilon').active())[0]?.notifiedAt).toBeUndefined();
  });
});
