/**
 * `GET /orgs/:org/accounts/:accountId`: the customer context in one call — the account's health as
 * the model computes it now from the snapshot (score, status, flags and reasons, contributions,
 * the CSM’s override, model version), what Salesforce holds, the score history, its open cases
 * with their SLA states and the next renewal.
 */
import { z } from 'zod';

import { evaluateAccount, type HealthResult } from '../../health/index.js';
import { toHealthSnapshot } from '../../sync/score/to-health-snapshot.js';
import { defineRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { notFound } from '../http-error.js';
import { orgAccess } from '../org-access.js';
import { AccountHealth, AccountId } from '../schemas/account-schemas.js';
import { NoQuery, OrgName } from '../schemas/common.js';

const HOUR_MS = 3600_000;

/** Open cases, the most urgent first: past their SLA, then near it, then by share used. */
function openCasesOf(health: HealthResult) {
  return health.cases
    .filter((sla) => sla.open)
    .map((sla) => ({
      id: sla.caseId,
      label: sla.label,
      tier: sla.tier,
      escalated: sla.escalated,
      openedAt: new Date(sla.createdMs).toISOString(),
      ageBusinessHours: Math.round((sla.ageBusinessMs / HOUR_MS) * 10) / 10,
      pastSla: sla.pastSla,
      nearSla: sla.nearSla,
      resolutionUsedShare: sla.resolution.usedShare,
      firstResponseUsedShare: sla.firstResponse?.usedShare ?? null,
    }))
    .sort(
      (a, b) =>
        Number(b.pastSla) - Number(a.pastSla) ||
        Number(b.nearSla) - Number(a.nearSla) ||
        b.resolutionUsedShare - a.resolutionUsedShare,
    );
}

/** The next open renewal, from the signals the score used. */
function nextRenewalOf(health: HealthResult) {
  const days = health.signals['daysToRenewal'];
  if (typeof days !== 'number') return null;
  const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);
  const stage = health.signals['renewalStage'];
  return {
    daysToRenewal: days,
    stage: typeof stage === 'string' ? stage : null,
    probability: number(health.signals['renewalProbability']),
    amount: number(health.signals['renewalAmount']),
  };
}

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
          openCases: openCasesOf(health),
          nextRenewal: nextRenewalOf(health),
        },
      };
    },
  }),
];
