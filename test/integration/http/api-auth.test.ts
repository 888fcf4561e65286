/**
 * The API's doors: every route found in express's own router refuses an anonymous request
 * (except the probes), and each answers every kind of caller — viewer, operator, admin, a token
 * limited to another org — as the authorization table says. Rejected and invalid requests change
 * nothing and answer in the documented error shape.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { afterAll, describe, expect } from 'vitest';

import { OrgConfig } from '../../../src/config/index.js';
import { createAuditLog } from '../../../src/http/audit-log.js';
import { API_PREFIX, createApp } from '../../../src/http/create-app.js';
import type { HttpDeps } from '../../../src/http/http-deps.js';
import { listRoutes } from '../../../src/http/list-routes.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createRunStore } from '../../../src/sync/run-store.js';
import { createSnapshotStore } from '../../../src/sync/snapshot/snapshot-store.js';
import { createWriteSwitch } from '../../../src/sync/write/write-switch.js';
import { redisTest } from '../../support/redis.js';

const TOKENS = { viewer: 'tok-viewer', operator: 'tok-operator', admin: 'tok-admin', betaViewer: 'tok-beta' };
const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
const ACCOUNT_ID = '0015e000000001AAAA';

type CallerName = 'anonymous' | keyof typeof TOKENS;
const CALLERS: readonly CallerName[] = ['anonymous', 'viewer', 'operator', 'admin', 'betaViewer'];

/** Each route's needed role. A route missing here fails the test: every route must be decided. */
const NEEDS: Readonly<Record<string, 'viewer' | 'operator' | 'admin'>> = {
  [`GET ${API_PREFIX}/orgs`]: 'viewer',
  [`POST ${API_PREFIX}/orgs/:org/syncs`]: 'operator',
  [`GET ${API_PREFIX}/orgs/:org/runs`]: 'viewer',
  [`GET ${API_PREFIX}/orgs/:org/runs/:runId`]: 'viewer',
  [`GET ${API_PREFIX}/orgs/:org/failing`]: 'viewer',
  [`GET ${API_PREFIX}/orgs/:org/accounts/:accountId`]: 'viewer',
  [`GET ${API_PREFIX}/audit`]: 'admin',
};
const PROBES = new Set(['GET /healthz', 'GET /readyz']);
const RANK = { viewer: 0, operator: 1, admin: 2 } as const;

describe('the API’s authentication and authorization', () => {
  let base = '';
  let close: () => Promise<void> = () => Promise.resolve();
  const enqueued: string[] = [];
  let app: ReturnType<typeof createApp>;

  afterAll(async () => {
    await close();
  });

  redisTest('setup: an app over two orgs, with a run and an account', async ({ redis }) => {
    const org = OrgConfig.parse({
      loginUrl: 'https://acme.my.salesforce.com',
      authFlow: 'client_credentials',
      clientId: 'x',
      clientSecret: 'y',
    });
    const orgs = new Map(
      ['acme', 'beta'].map((name) => [
        name,
        {
          config: org,
          runs: createRunStore(redis, name),
          store: createSnapshotStore(redis, name),
          writeSwitch: createWriteSwitch(redis, name),
        },
      ]),
    );
    await orgs.get('acme')!.runs.save('run-1', { org: 'acme', status: 'completed', written: 3 });
    await orgs.get('beta')!.runs.save('run-2', { org: 'beta', status: 'completed', written: 1 });
    await orgs
      .get('acme')!
      .store.applyPage(
        'Account',
        [{ Id: ACCOUNT_ID, Name: 'Acme Corp', SystemModstamp: '2026-11-01T00:00:00.000+0000' }],
        { mode: 'full', to: '2026-11-02T00:00:00.000Z', pages: 1, records: 1, done: true },
      );
    const deps: HttpDeps = {
      tokens: [
        { name: 'viewer', sha256: sha(TOKENS.viewer), role: 'viewer' },
        { name: 'operator', sha256: sha(TOKENS.operator), role: 'operator' },
        { name: 'admin', sha256: sha(TOKENS.admin), role: 'admin' },
        { name: 'beta-viewer', sha256: sha(TOKENS.betaViewer), role: 'viewer', orgs: ['beta'] },
      ],
      orgs,
      model: loadHealthModel({ cwd: path.resolve(import.meta.dirname, '../../..') }),
      audit: createAuditLog(redis),
      logger: createLogger({ level: 'silent', format: 'json', redactor: createRedactor() }),
      ready: () => Promise.resolve({ ok: true, checks: { redis: 'ok' } }),
      enqueueSync: (orgName) => {
        enqueued.push(orgName);
        return Promise.resolve({ jobId: `job-${enqueued.length}` });
      },
    };
    app = createApp(deps);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      });
  });

  const call = async (caller: CallerName, method: string, url: string, body?: unknown) => {
    const response = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${TOKENS[caller]}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const concrete = (route: string, org: string): string =>
    route
      .replace(':org', org)
      .replace(':runId', org === 'acme' ? 'run-1' : 'run-2')
      .replace(':accountId', ACCOUNT_ID);

  redisTest(
    'every route is decided, refuses anonymous callers, and answers each role as the table says',
    async () => {
      const routes = listRoutes(app).map((route) => `${route.method} ${route.path}`);
      expect(routes.length).toBeGreaterThan(5);
      for (const route of routes) {
        if (PROBES.has(route)) continue;
        expect([route, NEEDS[route] !== undefined]).toEqual([route, true]);
      }
      for (const route of routes.filter((candidate) => !PROBES.has(candidate))) {
        const [method = 'GET', pattern = ''] = route.split(' ');
        const needed = NEEDS[route] ?? 'admin';
        for (const caller of CALLERS) {
          const before = enqueued.length;
          const { status, body } = await call(
            caller,
            method,
            concrete(pattern, 'acme'),
            method === 'POST' ? {} : undefined,
          );
          let expected: number;
          if (caller === 'anonymous') expected = 401;
          else {
            const role = caller === 'betaViewer' ? 'viewer' : caller;
            const orgBlocked = caller === 'betaViewer' && pattern.includes(':org');
            expected = RANK[role] < RANK[needed] || orgBlocked ? 403 : method === 'POST' ? 202 : 200;
          }
          expect([route, caller, status]).toEqual([route, caller, expected]);
          if (expected >= 400) {
            expect((body['error'] as { code: string }).code).toMatch(/^(unauthenticated|forbidden)$/);
            expect(enqueued.length).toBe(before);
          }
        }
      }
      // The probes need no token.
      expect((await call('anonymous', 'GET', '/healthz')).status).toBe(200);
      expect((await call('anonymous', 'GET', '/readyz')).status).toBe(200);
    },
  );

  redisTest('a token limited to an org sees only that org', async () => {
    const { body } = await call('betaViewer', 'GET', `${API_PREFIX}/orgs`);
    expect((body['orgs'] as { name: string }[]).map((org) => org.name)).toEqual(['beta']);
    expect((await call('betaViewer', 'GET', `${API_PREFIX}/orgs/beta/runs`)).status).toBe(200);
  });

  redisTest('bad input is a 400 naming the field, changes nothing, and never a 5xx', async () => {
    const before = enqueued.length;
    const cases: [string, string, unknown, string][] = [
      ['GET', `${API_PREFIX}/orgs/acme/runs?limit=abc`, undefined, 'limit'],
      ['GET', `${API_PREFIX}/orgs/acme/runs?limit=1&color=red`, undefined, 'color'],
      ['GET', `${API_PREFIX}/orgs/acme/accounts/not-an-id`, undefined, 'accountId'],
      ['POST', `${API_PREFIX}/orgs/acme/syncs`, { full: 'yes' }, 'full'],
      ['POST', `${API_PREFIX}/orgs/acme/syncs`, { full: true, extra: 1 }, 'extra'],
      ['POST', `${API_PREFIX}/orgs/acme/syncs`, '{"full": tru', ''],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await call('admin', method, url, body);
      expect([url, response.status]).toEqual([url, 400]);
      const error = response.body['error'] as { code: string; message: string };
      expect(error.code).toMatch(/^invalid_/);
      expect(error.message).toContain(field);
    }
    expect(enqueued.length).toBe(before);
    expect((await call('admin', 'GET', `${API_PREFIX}/orgs/nope/runs`)).status).toBe(404);
    expect((await call('admin', 'GET', `${API_PREFIX}/orgs/acme/runs/run-9`)).status).toBe(404);
    expect((await call('admin', 'GET', `${API_PREFIX}/nothing-here`)).status).toBe(404);
  });

  redisTest('an account’s health, computed from the snapshot, with its history', async () => {
    const { status, body } = await call('viewer', 'GET', `${API_PREFIX}/orgs/acme/accounts/${ACCOUNT_ID}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ accountId: ACCOUNT_ID, name: 'Acme Corp', history: [] });
    const health = body['health'] as Record<string, unknown>;
    expect(Object.keys(health)).toEqual(
      expect.arrayContaining(['score', 'status', 'riskFlags', 'reasons', 'contributions', 'modelVersion']),
    );
  });

  redisTest('state-changing requests are audited, and only admins read the audit log', async () => {
    const accepted = await call('operator', 'POST', `${API_PREFIX}/orgs/acme/syncs`, { full: true });
    expect(accepted).toMatchObject({ status: 202, body: { org: 'acme', full: true } });
    const { body } = await call('admin', 'GET', `${API_PREFIX}/audit?limit=5`);
    expect(
      (body['entries'] as { who: string; method: string; path: string; status: number }[])[0],
    ).toMatchObject({
      who: 'operator',
      method: 'POST',
      path: `${API_PREFIX}/orgs/acme/syncs`,
      status: 202,
    });
    expect((await call('operator', 'GET', `${API_PREFIX}/audit`)).status).toBe(403);
  });
});
