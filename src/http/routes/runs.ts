/** An org's runs, newest first, one run with its counts and failures, and its failing records. */
import { Router } from 'express';
import { z } from 'zod';

import { requireRole } from '../auth/authenticate.js';
import { notFound } from '../http-error.js';
import type { HttpDeps } from '../http-deps.js';
import { Limit, orgOf } from '../params.js';

const RunsQuery = z.object({ limit: Limit }).strict();
const RunParams = z.object({ org: z.string(), runId: z.string().regex(/^[\w-]{1,64}$/) });

export function runRoutes(deps: HttpDeps): Router {
  const router = Router();
  router.get('/orgs/:org/runs', requireRole('viewer'), async (request, response) => {
    const { access } = orgOf(deps, request.params);
    const { limit } = RunsQuery.parse(request.query);
    response.json({ runs: await access.runs.recent(limit) });
  });
  router.get('/orgs/:org/runs/:runId', requireRole('viewer'), async (request, response) => {
    const { access } = orgOf(deps, request.params);
    const { runId } = RunParams.parse(request.params);
    const run = ((await access.runs.recent(200)) as { runId?: string }[]).find(
      (candidate) => candidate.runId === runId,
    );
    if (!run) throw notFound(`run ${runId}`);
    response.json(run);
  });
  router.get('/orgs/:org/failing', requireRole('viewer'), async (request, response) => {
    const { access } = orgOf(deps, request.params);
    response.json({ failing: await access.runs.failing() });
  });
  return router;
}
