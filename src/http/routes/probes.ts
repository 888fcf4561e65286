/** `/healthz` (the process answers) and `/readyz` (Redis and the configuration are usable): no token. */
import { Router } from 'express';

import type { HttpDeps } from '../http-deps.js';

export function probeRoutes(deps: HttpDeps): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const readiness = await deps.ready();
    response.status(readiness.ok ? 200 : 503).json(readiness);
  });
  return router;
}
