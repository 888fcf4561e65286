/**
 * `GET /orgs/:org/accounts/:accountId`: the customer context in one call — the account's health as
 * the model computes it now from the snapshot (score, status, flags and reasons, contributions,
 * the CSM's override, model version), what Salesforce holds, and the score history.
 */
import { Router } from 'express';
import { z } from 'zod';

import { evaluateAccount } from '../../health/index.js';
import { toHealthSnapshot } from '../../sync/score/to-health-snapshot.js';
import { requireRole } from '../auth/authenticate.js';
import { notFound } from '../http-error.js';
import type { HttpDeps } from '../http-deps.js';
import { orgOf } from '../params.js';

const AccountParams = z.object({
  org: z.string(),
  accountId: z.string().regex(/^001[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/, { error: 'expected an Account id' }),
});

export function accountRoutes(deps: HttpDeps): Router {
  const router = Router();
  router.get('/orgs/:org/accounts/:accountId', requireRole('viewer'), async (request, response) => {
    const { access } = orgOf(deps, request.params);
    const { accountId } = AccountParams.parse(request.params);
    const stored = (await access.store.readAccounts([accountId])).get(accountId);
    if (!stored) throw notFound(`account ${accountId}`);
    const mapping = access.config.fieldMapping;
    const health = evaluateAccount(
      toHealthSnapshot(stored, mapping, deps.model),
      deps.model,
      (deps.now ?? (() => new Date()))(),
    );
    response.json({
      accountId,
      name: stored.account['Name'] ?? null,
      health: {
        score: health.score,
        status: health.status,
        scoreChange: health.scoreChange,
        override: health.override,
        escalation: health.escalation,
        riskFlags: health.riskFlags,
        reasons: health.reasons,
        contributions: health.contributions,
        segment: health.segment,
        modelVersion: health.modelVersion,
      },
      inSalesforce: Object.fromEntries(
        Object.values(mapping).map((field) => [field, stored.account[field] ?? null]),
      ),
      history: stored.history,
    });
  });
  return router;
}
