/**
 * `GET /metrics`: Prometheus' text format, for a scraper holding a viewer token
 * (`authorization: {type: Bearer, credentials: ...}` in the scrape config). The figures are read
 * from Redis at scrape time, so every worker's calls and runs are in them. They cover every org,
 * so a token limited to some orgs may not read them.
 */
import { defineRoute } from '../api-route.js';
import { HttpError } from '../http-error.js';
import { NoQuery } from '../schemas/common.js';

export const metricsRoutes = [
  defineRoute({
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics: Salesforce calls, latency, budget, limiter, queues, runs, records',
    role: 'viewer',
    query: NoQuery,
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4',
        contentType: 'text/plain; version=0.0.4',
      },
    },
    handle: async ({ caller }, deps) => {
      if (caller?.orgs)
        throw new HttpError(403, 'forbidden', 'the metrics cover every org: this token is limited to some');
      return { text: await deps.metrics.render(), contentType: deps.metrics.contentType };
    },
  }),
];
