/**
 * `GET /limits`: the org's limits, with DailyApiRequests agreeing with Sforce-Limit-Info, and the
 * Bulk API 2.0 allocations (DailyBulkV2QueryJobs, DailyBulkApiBatches) live.
 */
import type { EmulatorState } from '../server/emulator-state.js';
import type { Route } from '../server/http-types.js';
import { ORG_LIMIT_MAXIMA, ORG_SUB_LIMIT_MAXIMA } from './org-limits.js';

export function limitsRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/limits\/?$/,
      handler: () => {
        const body: Record<string, Record<string, unknown>> = {};
        for (const [name, max] of Object.entries(ORG_LIMIT_MAXIMA)) {
          body[name] = { Max: max, Remaining: max };
          for (const [sub, subMax] of Object.entries(ORG_SUB_LIMIT_MAXIMA[name] ?? {})) {
            body[name][sub] = { Max: subMax, Remaining: subMax };
          }
        }
        body['DailyApiRequests'] = { Max: state.usage.max, Remaining: state.usage.max - state.usage.used };
        const { queryJobs, batches } = state.bulkLimits;
        body['DailyBulkV2QueryJobs'] = { Max: queryJobs.max, Remaining: queryJobs.remaining };
        body['DailyBulkApiBatches'] = { Max: batches.max, Remaining: batches.remaining };
        return { status: 200, body };
      },
    },
  ];
}
