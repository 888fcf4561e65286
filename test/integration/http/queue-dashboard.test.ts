/**
 * The BullMQ dashboard at /admin/queues, over real org queues in Redis: admins only (bearer, or
 * the token as the Basic password a browser asks for), every org's queue shown by name, an admin
 * limited to one org sees only that org's queue, nothing loads from another host, and its actions
 * are audited. Chromium shows the board with both queues and no console error (screenshot kept).
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { expect } from 'vitest';

import { createApp } from '../../../src/http/create-app.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { queueBoards } from '../../../src/queue/queue-board.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { apiTest, TOKENS } from '../../support/api-app.js';
import { launchBrowser } from '../../support/browser.js';
import { TEST_REDIS_URL } from '../../support/redis.js';

const BETA_ADMIN = 'tok-beta-admin';
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const basic = (password: string): string => `Basic ${Buffer.from(`someone:${password}`).toString('base64')}`;

interface QueueListing {
  readonly queues: readonly { readonly name: string; readonly counts: Record<string, number> }[];
}

apiTest(
  'admins only; every org queue listed; an org-limited admin sees its own; actions audited',
  async ({ api, redisPrefix }) => {
    const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
    const connection = createQueueConnection({ url: TEST_REDIS_URL, keyPrefix: redisPrefix }, logger);
    const queues = new Map<string, ReturnType<typeof openOrgQueue>>(
      ['acme', 'beta'].map((name) => [name, openOrgQueue(connection, redisPrefix, name, logger)]),
    );
    const app = createApp({
      ...api.deps,
      tokens: [
        ...api.deps.tokens,
        { name: 'beta-admin', sha256: sha(BETA_ADMIN), role: 'admin', orgs: ['beta'] },
      ],
      queueBoards: queueBoards(queues),
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/admin/queues`;
    const get = (path: string, authorization?: string) =>
      fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} });
    try {
      await queues.get('acme')?.add('probe', { note: 'waiting for a worker' });

      const anonymous = await get('/');
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="Pulse queues"/);
      expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
      expect((await get('/api/queues')).status).toBe(401);
      expect((await get('/', basic('not-a-token'))).status).toBe(401);
      for (const token of [TOKENS.viewer, TOKENS.operator]) {
        const refused = await get('/api/queues', `Bearer ${token}`);
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
      }

      // The page a browser gets after the Basic challenge: everything from this server.
      const page = await get('/', basic(TOKENS.admin));
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      const html = await page.text();
      expect(html).toContain('<div id="root">');
      for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g))
        expect(url).not.toMatch(/^(https?:)?\/\//);

      const listing = (await (await get('/api/queues', `Bearer ${TOKENS.admin}`)).json()) as QueueListing;
      expect(listing.queues.map((queue) => queue.name).sort()).toEqual(['acme.sync', 'beta.sync']);
      expect(listing.queues.find((queue) => queue.name === 'acme.sync')?.counts['waiting']).toBe(1);

      const limited = (await (await get('/api/queues', basic(BETA_ADMIN))).json()) as QueueListing;
      expect(limited.queues.map((queue) => queue.name)).toEqual(['beta.sync']);
      const pauseOther = await fetch(`${base}/api/queues/acme.sync/pause`, {
        method: 'PUT',
        headers: { authorization: basic(BETA_ADMIN) },
      });
      expect(pauseOther.status).toBe(404);
      expect(await queues.get('acme')?.isPaused()).toBe(false);

      const pause = await fetch(`${base}/api/queues/acme.sync/pause`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${TOKENS.admin}` },
      });
      expect(pause.status).toBe(200);
      expect(await queues.get('acme')?.isPaused()).toBe(true);
      await expect
        .poll(async () => {
          const entries = await api.deps.audit.recent(50);
          return entries.map((entry) => `${entry.who} ${entry.method} ${entry.path} ${entry.status}`);
        })
        .toEqual(
          expect.arrayContaining([
            'admin PUT /admin/queues/api/queues/acme.sync/pause 200',
            'beta-admin PUT /admin/queues/api/queues/acme.sync/pause 404',
          ]),
        );

      const browser = await launchBrowser({ origin: new URL(base).origin });
      try {
        await browser.context.setExtraHTTPHeaders({ authorization: basic(TOKENS.admin) });
        await browser.page.goto(`${base}/`);
        await browser.page.getByText('acme: sync runs').first().waitFor();
        await browser.page.getByText('beta: sync runs').first().waitFor();
        await browser.screenshot('queue-dashboard');
        expect(browser.errors).toEqual([]);
        expect(browser.offOrigin).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      });
      for (const queue of queues.values()) await queue.obliterate({ force: true });
      for (const queue of queues.values()) await queue.close();
      connection.disconnect();
    }
  },
  30_000,
);
