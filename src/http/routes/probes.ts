/** `/healthz` (the process answers) and `/readyz` (Redis and the configuration are usable): no token. */
import { z } from 'zod';

import { defineRoute } from '../api-route.js';

const Readiness = z
  .object({ ok: z.boolean(), checks: z.record(z.string(), z.string()) })
  .meta({ id: 'Readiness' });

export const probeRoutes = [
  defineRoute({
    method: 'get',
    path: '/healthz',
    tag: 'probes',
    summary: 'The process answers',
    role: 'public',
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handle: () => Promise.resolve({ json: { status: 'ok' } }),
  }),
  defineRoute({
    method: 'get',
    path: '/readyz',
    tag: 'probes',
    summary: 'Redis and the configuration are usable',
    description: 'Asks Redis on a client of its own that fails at once when Redis is gone.',
    role: 'public',
    responses: {
      200: { description: 'Ready', schema: Readiness },
      503: { description: 'Not ready; `checks` says what is wrong', schema: Readiness },
    },
    handle: async (_input, deps) => {
      const readiness = await deps.ready();
      return { status: readiness.ok ? 200 : 503, json: readiness };
    },
  }),
];
