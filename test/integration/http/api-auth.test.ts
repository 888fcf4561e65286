/**
 * The API's doors: every route found in express's own router refuses an anonymous request
 * (except the probes), and each answers every kind of caller — viewer, operator, admin, a token
 * limited to another org — as the authorization table says. Rejected and invalid requests change
 * nothing and answer in the documented error shape.
 */
import { describe, expect } from 'vitest';

import { API_PREFIX } from '../../../src/http/create-app.js';
import { listRoutes } from '../../../src/http/list-routes.js';
import { ACCOUNT_ID, apiTest, CALLERS, CALLS, RUNS } from '../../support/api-app.js';

/** Each route's needed role. A route missing here fails the test: every route must be decided. */
const NEEDS: Readonly<Record<string, 'viewer' | 'operator' | 'admin'>> = {
  [`GET ${API_PREFIX}/orgs`]: 'viewer',
  [`POST ${API_PREFIX}/orgs/:org/syncs`]: 'operator',
  [`GET ${API_PREFIX}/orgs/:org/runs`]: 'viewer',
  [`GET ${API_PREFIX}/orgs/:org/runs/:runId`]: 'viewer',
  [`GET ${API_PREFIX}/orgs/:org/failing`]: 'viewer',
  [`GET ${API_PREFIX}/orgs/:org/accounts/:accountId`]: 'viewer',
  [`GET ${API_PREFIX}/audit`]: 'admin',
  [`GET ${API_PREFIX}/openapi.json`]: 'viewer',
  ['GET /metrics']: 'viewer',
  [`GET ${API_PREFIX}/diagnostics/orgs/:org/calls`]: 'viewer',
  [`GET ${API_PREFIX}/diagnostics/orgs/:org/summary`]: 'viewer',
  [`GET ${API_PREFIX}/diagnostics/calls/:callId`]: 'viewer',
  [`POST ${API_PREFIX}/diagnostics/calls/:callId/replay`]: 'operator',
  [`GET ${API_PREFIX}/diagnostics/calls/:callId/curl`]: 'viewer',
  [`GET ${API_PREFIX}/diagnostics/orgs/:org/calls.har`]: 'viewer',
};
const PROBES = new Set(['GET /healthz', 'GET /readyz']);
// /metrics covers every org, and the seeded call is acme's: a token limited to beta gets 403 there.
const RANK = { viewer: 0, operator: 1, admin: 2 } as const;

describe('the API’s authentication and authorization', () => {
  const concrete = (route: string, org: string): string =>
    route
      .replace(':org', org)
      .replace(':runId', org === 'acme' ? RUNS.acme : RUNS.beta)
      .replace(':accountId', ACCOUNT_ID)
      .replace(':callId', CALLS.refused);

  apiTest(
    'every route is decided, refuses anonymous callers, and answers each role as the table says',
    async ({ api }) => {
      const routes = listRoutes(api.app).map((route) => `${route.method} ${route.path}`);
      expect(routes.length).toBeGreaterThan(5);
      for (const route of routes) {
        if (PROBES.has(route)) continue;
        expect([route, NEEDS[route] !== undefined]).toEqual([route, true]);
      }
      for (const route of routes.filter((candidate) => !PROBES.has(candidate))) {
        const [method = 'GET', pattern = ''] = route.split(' ');
        const needed = NEEDS[route] ?? 'admin';
        for (const caller of CALLERS) {
          const before = api.enqueued.length;
          const { status, body } = await api.call(
            caller,
            method,
            concrete(pattern, 'acme'),
            method === 'POST' ? {} : undefined,
          );
          let expected: number;
          if (caller === 'anonymous') expected = 401;
          else {
            const role = caller === 'betaViewer' ? 'viewer' : caller;
            const orgBlocked =
              caller === 'betaViewer' &&
              (pattern.includes(':org') || pattern.includes(':callId') || pattern === '/metrics');
            expected = RANK[role] < RANK[needed] || orgBlocked ? 403 : pattern.endsWith('/syncs') ? 202 : 200;
          }
          expect([route, caller, status]).toEqual([route, caller, expected]);
          if (expected >= 400) {
            expect((body['error'] as { code: string }).code).toMatch(/^(unauthenticated|forbidden)$/);
            expect(api.enqueued.length).toBe(before);
          }
        }
      }
      // The probes need no token.
      expect((await api.call('anonymous', 'GET', '/healthz')).status).toBe(200);
      expect((await api.call('anonymous', 'GET', '/readyz')).status).toBe(200);
    },
  );

  apiTest('a token limited to an org sees only that org', async ({ api }) => {
    const { body } = await api.call('betaViewer', 'GET', `${API_PREFIX}/orgs`);
    expect((body['orgs'] as { name: string }[]).map((org) => org.name)).toEqual(['beta']);
    // The status says what is wrong with an org: here acme lost its session, beta is fine.
    const all = (await api.call('viewer', 'GET', `${API_PREFIX}/orgs`)).body['orgs'] as {
      name: string;
      alerts: { kind: string }[];
    }[];
    expect(all.map((org) => [org.name, org.alerts.map((alert) => alert.kind)])).toEqual([
      ['acme', ['auth-lost']],
      ['beta', []],
    ]);
    expect((await api.call('betaViewer', 'GET', `${API_PREFIX}/orgs/beta/runs`)).status).toBe(200);
  });

  apiTest('bad input is a 400 naming the field, changes nothing, and never a 5xx', async ({ api }) => {
    const before = api.enqueued.length;
    const cases: [string, string, unknown, string][] = [
      ['GET', `${API_PREFIX}/orgs/acme/runs?limit=abc`, undefined, 'limit'],
      ['GET', `${API_PREFIX}/orgs/acme/runs?limit=1&color=red`, undefined, 'color'],
      ['GET', `${API_PREFIX}/orgs/acme/accounts/not-an-id`, undefined, 'accountId'],
      ['POST', `${API_PREFIX}/orgs/acme/syncs`, { full: 'yes' }, 'full'],
      ['POST', `${API_PREFIX}/orgs/acme/syncs`, { full: true, extra: 1 }, 'extra'],
      ['POST', `${API_PREFIX}/orgs/acme/syncs`, '{"full": tru', ''],
    ];
    for (const [method, url, body, field] of cases) {
      const response = await api.call('admin', method, url, body);
      expect([url, response.status]).toEqual([url, 400]);
      const error = response.body['error'] as { code: string; message: string };
      expect(error.code).toMatch(/^invalid_/);
      expect(error.message).toContain(field);
    }
    expect(api.enqueued.length).toBe(before);
    expect((await api.call('admin', 'GET', `${API_PREFIX}/orgs/nope/runs`)).status).toBe(404);
    expect((await api.call('admin', 'GET', `${API_PREFIX}/orgs/acme/runs/run-9`)).status).toBe(404);
    expect((await api.call('admin', 'GET', `${API_PREFIX}/nothing-here`)).status).toBe(404);
  });

  apiTest('an account’s health, computed from the snapshot, with its history', async ({ api }) => {
    const { status, body } = await api.call(
      'viewer',
      'GET',
      `${API_PREFIX}/orgs/acme/accounts/${ACCOUNT_ID}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      accountId: ACCOUNT_ID,
      name: 'Acme Corp',
      history: [{ at: '2026-10-20T12:00:00.000Z', score: 71 }],
    });
    const health = body['health'] as Record<string, unknown>;
    expect(Object.keys(health)).toEqual(
      expect.arrayContaining(['score', 'status', 'riskFlags', 'reasons', 'contributions', 'modelVersion']),
    );
    // What a CSM needs beside the score: the open case with its SLA state, the next renewal.
    expect(body['openCases']).toEqual([
      expect.objectContaining({
        id: '5005e000000001AAAA',
        tier: 'P2',
        escalated: false,
        openedAt: '2026-11-18T09:00:00.000Z',
        // 19 of its 24 business hours used: near its SLA, not past it.
        ageBusinessHours: 19,
        pastSla: false,
        nearSla: true,
      }),
    ]);
    expect(body['nextRenewal']).toEqual({
      daysToRenewal: 56,
      stage: 'Negotiation',
      probability: 60,
      amount: 120000,
    });
  });

  apiTest('a run under way answers its progress; a finished one its report', async ({ api, redis }) => {
    const running = await api.call('viewer', 'GET', `${API_PREFIX}/orgs/acme/runs/${RUNS.running}`);
    expect(running).toMatchObject({
      status: 200,
      body: {
        runId: RUNS.running,
        status: 'running',
        phase: 'pull',
        pulled: { Account: 120 },
        targets: null,
      },
    });
    const finished = await api.call('viewer', 'GET', `${API_PREFIX}/orgs/acme/runs/${RUNS.acme}`);
    expect(finished).toMatchObject({
      status: 200,
      body: { runId: RUNS.acme, status: 'completed', written: 2 },
    });
    // A run saved before reports were kept by id is found in the list.
    await redis.lpush('org:{acme}:runs', JSON.stringify({ ...finished.body, runId: 'legacy-1' }));
    const legacy = await api.call('viewer', 'GET', `${API_PREFIX}/orgs/acme/runs/legacy-1`);
    expect(legacy).toMatchObject({ status: 200, body: { runId: 'legacy-1', written: 2 } });
    const accepted = await api.call('operator', 'POST', `${API_PREFIX}/orgs/acme/syncs`);
    expect(accepted).toMatchObject({ status: 202, body: { org: 'acme', full: false } });
    expect(typeof accepted.body['runId']).toBe('string');
  });

  apiTest('state-changing requests are audited, and only admins read the audit log', async ({ api }) => {
    const accepted = await api.call('operator', 'POST', `${API_PREFIX}/orgs/acme/syncs`, { full: true });
    expect(accepted).toMatchObject({ status: 202, body: { org: 'acme', full: true } });
    const { body } = await api.call('admin', 'GET', `${API_PREFIX}/audit?limit=5`);
    expect(
      (body['entries'] as { who: string; method: string; path: string; status: number }[])[0],
    ).toMatchObject({
      who: 'operator',
      method: 'POST',
      path: `${API_PREFIX}/orgs/acme/syncs`,
      status: 202,
    });
    expect((await api.call('operator', 'GET', `${API_PREFIX}/audit`)).status).toBe(403);
    // Requests without a token change nothing and are not audited: they cannot flood the log.
    for (let i = 0; i < 5; i += 1)
      expect((await api.call('anonymous', 'POST', `${API_PREFIX}/orgs/acme/syncs`)).status).toBe(401);
    const after = await api.call('admin', 'GET', `${API_PREFIX}/audit?limit=5`);
    expect((after.body['entries'] as { who: string }[]).map((entry) => entry.who)).not.toContain('anonymous');
    expect((after.body['entries'] as { who: string }[])[0]).toMatchObject({ who: 'operator' });
  });
});
