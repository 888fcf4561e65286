/**
 * `GET /orgs/:org/accounts/:accountId`: the customer context in one call — the account's health as
 * the model computes it now from the snapshot (score, status, flags and reasons, contributions,
 * the CSM's override, model version), what Salesforce holds, and the score history.
 */
import { z } from 'zod';

import { evaluateAccount } from '../../health/index.js';
import { toHealthSnapshot } from '../../sync/score/to-health-snapshot.js';
import { defineRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { notFound } from '../http-error.js';
import { orgAccess } from '../org-access.js';
import { AccountHealth, AccountId } from '../schemas/account-schemas.js';
import { NoQuery, OrgName } from '../schemas/common.js';

export const accountRoutes = [
  defineRoute({
    method: 'get',
    path: `${API_PREFIX}/orgs/:org/accounts/:accountId`,
    tag: 'accounts',
    summary: 'An account’s health now, what Salesforce holds, and its score history',
    role: 'viewer',
    params: z.object({ org: OrgName, accountId: AccountId }).strict(),
    query: NoQuery,
    responses: { 200: { description: 'The account', schema: AccountHealth } },
    handle: async ({ params }, deps) => {
      const access = orgAccess(deps, params.org);
      const { accountId } = params;
      const stored = (await access.store.readAccounts([accountId])).get(accountId);
      if (!stored) throw notFound(`account ${accountId}`);
      const mapping = access.config.fieldMapping;
      const health = evaluateAccount(
        toHealthSnapshot(stored, mapping, deps.model),
        deps.model,
        (deps.now ?? (() => new Date()))(),
      );
      return {
        json: {
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
        },
      };
    },
  }),
];
