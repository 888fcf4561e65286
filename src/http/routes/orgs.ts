/** `GET /orgs`: the orgs the token may see, with their status; `POST /orgs/:org/syncs`: run one now. */
import { Router } from 'express';
import { z } from 'zod';

import { mayUseOrg } from '../auth/api-tokens.js';
import { callerOf, requireRole } from '../auth/authenticate.js';
import type { HttpDeps } from '../http-deps.js';
import { orgOf } from '../params.js';

const SyncRequest = z.object({ full: z.boolean().default(false) }).strict();

export function orgRoutes(deps: HttpDeps): Router {
  const router = Router();
  router.get('/orgs', requireRole('viewer'), async (request, response) => {
    const caller = callerOf(request);
    const orgs = [];
    for (const [name, access] of deps.orgs) {
      if (!mayUseOrg(caller, name)) continue;
      const [lastRun] = await access.runs.recent(1);
      orgs.push({
        name,
        writeBack: access.config.writeBack,
        shadow: access.config.shadow,
        writesPaused: (await access.writeSwitch.status()) ?? null,
        lastRun: lastRun ?? null,
        failing: (await access.runs.failing()).length,
      });
    }
    response.json({ orgs });
  });
  router.post('/orgs/:org/syncs', requireRole('operator'), async (request, response) => {
    const { name } = orgOf(deps, request.params);
    const { full } = SyncRequest.parse(request.body ?? {});
    const { jobId } = await deps.enqueueSync(name, full);
    response.status(202).json({ org: name, jobId, full });
  });
  return router;
}
