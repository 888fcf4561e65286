/** `GET /orgs`: the orgs the token may see, with their status; `POST /orgs/:org/syncs`: run one now. */
import { z } from 'zod';

import { ALERT_KINDS } from '../../alerts/alert-store.js';
import { defineRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { mayUseOrg } from '../auth/api-tokens.js';
import { orgAccess } from '../org-access.js';
import { NoQuery, OrgParams } from '../schemas/common.js';
import { RunReport } from '../schemas/run-schemas.js';

const OrgStatus = z
  .object({
    name: z.string(),
    writeBack: z.boolean(),
    shadow: z.boolean(),
    writesPaused: z
      .object({ reason: z.string(), at: z.string() })
      .nullable()
      .meta({ description: 'Set while an admin has paused write-back (`pulse org pause-writes`)' }),
    lastRun: RunReport.nullable(),
    failing: z.number().meta({ description: 'Records listed as failing' }),
    alerts: z
      .array(
        z.object({
          kind: z.enum(ALERT_KINDS),
          since: z.string(),
          detail: z.string(),
          notifiedAt: z.string().optional().meta({ description: 'When the webhook took the alert' }),
        }),
      )
      .meta({ description: 'Alert episodes under way: auth lost, paused for budget, stale' }),
  })
  .meta({ id: 'OrgStatus' });

const SyncRequest = z
  .object({ full: z.boolean().default(false).meta({ description: 'Re-read and rescore every account' }) })
  .strict();

const SyncAccepted = z
  .object({
    org: z.string(),
    jobId: z.string(),
    runId: z
      .string()
      .nullable()
      .meta({ description: 'The run’s id, to follow at `/orgs/{org}/runs/{runId}`; null until it starts' }),
    full: z.boolean(),
  })
  .meta({ id: 'SyncAccepted' });

export const orgRoutes = [
  defineRoute({
    method: 'get',
    path: `${API_PREFIX}/orgs`,
    tag: 'orgs',
    summary: 'The orgs this token may see, with their status',
    role: 'viewer',
    query: NoQuery,
    responses: { 200: { description: 'The orgs', schema: z.object({ orgs: z.array(OrgStatus) }) } },
    handle: async ({ caller }, deps) => {
      const orgs = [];
      for (const [name, access] of deps.orgs) {
        if (caller && !mayUseOrg(caller, name)) continue;
        const [lastRun] = await access.runs.recent(1);
        orgs.push({
          name,
          writeBack: access.config.writeBack,
          shadow: access.config.shadow,
          writesPaused: (await access.writeSwitch.status()) ?? null,
          lastRun: lastRun ?? null,
          failing: (await access.runs.failing()).length,
          alerts: await access.alerts.active(),
        });
      }
      return { json: { orgs } };
    },
  }),
  defineRoute({
    method: 'post',
    path: `${API_PREFIX}/orgs/:org/syncs`,
    tag: 'orgs',
    summary: 'Run a sync of the org now',
    description:
      'Enqueues a run unless one is already queued or under way; then that run is answered. A full run is not merged into a queued incremental one.',
    role: 'operator',
    params: OrgParams,
    query: NoQuery,
    body: SyncRequest,
    responses: { 202: { description: 'Queued (or already queued)', schema: SyncAccepted } },
    handle: async ({ params, body }, deps) => {
      orgAccess(deps, params.org);
      const { jobId, runId } = await deps.enqueueSync(params.org, body.full);
      return { status: 202, json: { org: params.org, jobId, runId: runId ?? null, full: body.full } };
    },
  }),
];
