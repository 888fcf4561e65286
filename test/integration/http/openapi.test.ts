/**
 * The API document: it validates as OpenAPI 3.1, holds exactly the routes express serves, and
 * tells the truth — each route's real answers have a documented status and match its schema. The
 * interactive page is served from this machine, with no request leaving it.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect } from 'vitest';

import { openApiPath } from '../../../src/http/api-route.js';
import { API_PREFIX, apiRoutes } from '../../../src/http/create-app.js';
import { listRoutes } from '../../../src/http/list-routes.js';
import { ErrorResponse } from '../../../src/http/schemas/common.js';
import { ACCOUNT_ID, apiTest, CALLS, RUNS } from '../../support/api-app.js';

type Document = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

const concrete = (path: string, runId: string = RUNS.acme): string =>
  path
    .replace(':org', 'acme')
    .replace(':runId', runId)
    .replace(':accountId', ACCOUNT_ID)
    .replace(':callId', CALLS.refused);

describe('the OpenAPI document', () => {
  apiTest('validates, and lists exactly the routes the app serves', async ({ api }) => {
    const { status, body } = await api.call('viewer', 'GET', `${API_PREFIX}/openapi.json`);
    expect(status).toBe(200);
    expect(body['openapi']).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(body) as never);
    const documented = Object.entries((body as unknown as Document).paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = listRoutes(api.app).map((route) => `${route.method} ${openApiPath(route.path)}`);
    expect(documented.sort()).toEqual(served.sort());
    expect(served.length).toBeGreaterThanOrEqual(10);
  });

  apiTest(
    'each route’s answers have a documented status and match the documented schema',
    async ({ api }) => {
      const { body } = await api.call('viewer', 'GET', `${API_PREFIX}/openapi.json`);
      const paths = (body as unknown as Document).paths;
      const asked: string[] = [];
      for (const route of apiRoutes()) {
        const urls = route.path.includes(':runId')
          ? [concrete(route.path), concrete(route.path, RUNS.running), concrete(route.path, 'no-such-run')]
          : [concrete(route.path)];
        for (const url of urls) {
          const answer = await api.call(
            'admin',
            route.method.toUpperCase(),
            url,
            route.body ? {} : undefined,
          );
          const documented = paths[openApiPath(route.path)]?.[route.method]?.responses ?? {};
          expect([url, Object.keys(documented)]).toEqual([
            url,
            expect.arrayContaining([String(answer.status)]),
          ]);
          const schema = route.responses[answer.status]?.schema;
          if (schema) expect([url, schema.safeParse(answer.body).error]).toEqual([url, undefined]);
          else if (answer.status >= 400) expect(ErrorResponse.safeParse(answer.body).success).toBe(true);
          asked.push(`${answer.status} ${url}`);
        }
      }
      expect(asked).toContain(`404 ${API_PREFIX}/orgs/acme/runs/no-such-run`);
    },
  );
});

describe('the interactive docs page', () => {
  apiTest('is served locally, asks for a token, and loads nothing from elsewhere', async ({ api }) => {
    const redirect = await fetch(`${api.base}${API_PREFIX}/docs`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, `${API_PREFIX}/docs/`]);
    const page = await fetch(`${api.base}${API_PREFIX}/docs/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('id="token"');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    expect(assets.filter((asset) => /^(https?:)?\/\//.test(asset))).toEqual([]);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      const response = await fetch(`${api.base}${API_PREFIX}/docs/${asset}`);
      expect([asset, response.status]).toEqual([asset, 200]);
    }
    // The page holds no data; the document it shows still needs a token.
    expect((await api.call('anonymous', 'GET', `${API_PREFIX}/openapi.json`)).status).toBe(401);
  });
});
