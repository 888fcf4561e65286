/**
 * Property tests of every route: arbitrary path segments, query strings and bodies (valid ones,
 * near misses, garbage and malformed JSON) never get a 5xx; every refusal is in the documented
 * error shape and changes nothing — no write to Redis (the audit log's aside, which records
 * attempts), no sync enqueued.
 */
import fc from 'fast-check';
import { describe, expect } from 'vitest';

import type { ApiRoute } from '../../../src/http/api-route.js';
import { apiRoutes } from '../../../src/http/create-app.js';
import { ErrorResponse } from '../../../src/http/schemas/common.js';
import { ACCOUNT_ID, apiTest, CALLERS, CALLS, RUNS } from '../../support/api-app.js';

const segment = fc.oneof(
  fc.constantFrom(
    'acme',
    'beta',
    'nope',
    ACCOUNT_ID,
    RUNS.acme,
    RUNS.running,
    CALLS.refused,
    '001',
    '..',
    '%',
    ' ',
  ),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.stringMatching(/^[\w-]{1,70}$/),
);

const queryValue = fc.oneof(
  fc.constantFrom(
    '1',
    '20',
    '200',
    '201',
    '0',
    '-1',
    'abc',
    '1e3',
    '',
    'true',
    'data',
    'Account',
    '2026-11-20T11:00:00Z',
  ),
  fc.string({ maxLength: 30 }),
);
const queryKey = fc.oneof(
  fc.constantFrom(
    'limit',
    'cursor',
    'from',
    'to',
    'errorCode',
    'errorClass',
    'sObject',
    'runId',
    'jobId',
    'hours',
  ),
  fc.string({ maxLength: 10 }),
);
const query = fc.dictionary(queryKey, queryValue, {
  maxKeys: 3,
});

/** A body as sent: JSON of anything (often near the real schema), or text that is not JSON. */
const body = fc.oneof(
  fc
    .record({ full: fc.oneof(fc.boolean(), fc.jsonValue()) }, { requiredKeys: [] })
    .map((value) => JSON.stringify(value)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string({ maxLength: 60 }),
  fc.constant('{"full": tru'),
);

function urlFor(route: ApiRoute, segments: readonly string[], params: Record<string, string>): string {
  let index = 0;
  const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(segments[index++] ?? ''));
  const search = new URLSearchParams(params).toString();
  return search ? `${path}?${search}` : path;
}

describe('every route, under arbitrary input', () => {
  for (const route of apiRoutes()) {
    const name = `${route.method.toUpperCase()} ${route.path}`;
    apiTest(`${name}: no 5xx; refusals are documented errors that change nothing`, async ({ api }) => {
      const pathParams = (route.path.match(/:\w+/g) ?? []).length;
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: pathParams, maxLength: pathParams }),
          query,
          fc.option(body, { nil: undefined }),
          fc.constantFrom(...CALLERS, 'admin', 'admin'),
          async (segments, params, sent, caller) => {
            const writes = api.redisWrites.length;
            const enqueued = api.enqueued.length;
            const url = urlFor(route, segments, params);
            const response = await fetch(`${api.base}${url}`, {
              method: route.method.toUpperCase(),
              headers: {
                ...(caller === 'anonymous' ? {} : { authorization: `Bearer ${tokenOf(caller)}` }),
                ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(sent === undefined ? {} : { body: sent }),
            });
            const text = await response.text();
            expect([url, response.status]).toEqual([url, expect.toSatisfy((status: number) => status < 500)]);
            if (response.status >= 400) {
              const parsed = ErrorResponse.safeParse(JSON.parse(text));
              expect([url, parsed.success]).toEqual([url, true]);
              expect(api.enqueued.length).toBe(enqueued);
              expect(api.redisWrites.slice(writes)).toEqual([]);
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

function tokenOf(caller: Exclude<(typeof CALLERS)[number], 'anonymous'>): string {
  return { viewer: 'tok-viewer', operator: 'tok-operator', admin: 'tok-admin', betaViewer: 'tok-beta' }[
    caller
  ];
}
