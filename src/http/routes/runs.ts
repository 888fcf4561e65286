/** An org's runs, newest first; one run, finished or under way; the records that keep failing. */
import { z } from 'zod';

import { defineRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { notFound } from '../http-error.js';
import { orgAccess } from '../org-access.js';
import { LimitQuery, NoQuery, OrgName } from '../schemas/common.js';
import { FailingRecord, RunInProgress, RunReport } from '../schemas/run-schemas.js';

const RunParams = z
  .object({
    org: OrgName,
    runId: z
      .string()
      .regex(/^[\w-]{1,64}$/, { error: 'expected a run id' })
      .meta({ example: '20261122T061500-1a2b3c4d' }),
  })
  .strict();

export const runRoutes = [
  defineRoute({
    method: 'get',
    path: `${API_PREFIX}/orgs/:org/runs`,
    tag: 'runs',
    summary: 'The org’s finished runs, newest first',
    role: 'viewer',
    params: z.object({ org: OrgName }).strict(),
    query: LimitQuery,
    responses: { 200: { description: 'Run reports', schema: z.object({ runs: z.array(RunReport) }) } },
    handle: async ({ params, query }, deps) => ({
      json: { runs: await orgAccess(deps, params.org).runs.recent(query.limit) },
    }),
  }),
  defineRoute({
    method: 'get',
    path: `${API_PREFIX}/orgs/:org/runs/:runId`,
    tag: 'runs',
    summary: 'One run: its report once finished, its progress while under way',
    role: 'viewer',
    params: RunParams,
    query: NoQuery,
    responses: {
      200: { description: 'The run', schema: z.union([RunReport, RunInProgress]) },
    },
    handle: async ({ params }, deps) => {
      const access = orgAccess(deps, params.org);
      const finished = await access.runs.report(params.runId);
      if (finished) return { json: finished };
      const state = access.runState(params.runId);
      const facts = await state.facts();
      if (!facts) throw notFound(`run ${params.runId}`);
      const progress = await state.progress();
      return {
        json: {
          runId: facts.runId,
          startedAt: facts.startedAt,
          status: 'running',
          mode: facts.full ? 'full' : 'incremental',
          phase: progress.phase,
          pulled: progress.pulled,
          targets: progress.targets ?? null,
          scored: progress.scored,
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${API_PREFIX}/orgs/:org/failing`,
    tag: 'runs',
    summary: 'Records Salesforce refused that have not been written since, with the reason',
    role: 'viewer',
    params: z.object({ org: OrgName }).strict(),
    query: NoQuery,
    responses: {
      200: { description: 'Failing records', schema: z.object({ failing: z.array(FailingRecord) }) },
    },
    handle: async ({ params }, deps) => ({
      json: { failing: await orgAccess(deps, params.org).runs.failing() },
    }),
  }),
];
