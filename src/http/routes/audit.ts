/** `GET /audit`: the latest state-changing requests, for admins. */
import { z } from 'zod';

import { defineRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { LimitQuery } from '../schemas/common.js';

const AuditEntries = z
  .object({
    entries: z.array(
      z.object({
        at: z.string(),
        who: z.string().meta({ description: 'The token’s name' }),
        method: z.string(),
        path: z.string(),
        status: z.number(),
      }),
    ),
  })
  .meta({ id: 'AuditEntries' });

export const auditRoutes = [
  defineRoute({
    method: 'get',
    path: `${API_PREFIX}/audit`,
    tag: 'audit',
    summary: 'Who changed what, newest first',
    role: 'admin',
    query: LimitQuery,
    responses: { 200: { description: 'The audit log', schema: AuditEntries } },
    handle: async ({ query }, deps) => ({ json: { entries: await deps.audit.recent(query.limit) } }),
  }),
];
