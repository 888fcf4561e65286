/** `GET /audit`: the latest state-changing requests, for admins. */
import { Router } from 'express';
import { z } from 'zod';

import { requireRole } from '../auth/authenticate.js';
import type { HttpDeps } from '../http-deps.js';
import { Limit } from '../params.js';

export function auditRoutes(deps: HttpDeps): Router {
  const router = Router();
  router.get('/audit', requireRole('admin'), async (request, response) => {
    const { limit } = z.object({ limit: Limit }).strict().parse(request.query);
    response.json({ entries: await deps.audit.recent(limit) });
  });
  return router;
}
