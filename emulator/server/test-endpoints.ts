/**
 * `/__emulator/`: what tests and benchmarks need to see and steer, served only with
 * `--test-endpoints`. Never part of Salesforce's API, so never reachable by default.
 */
import type { StoredRecord, WireValue } from '../org/types.js';
import { formatDateTime } from '../org/wire-format.js';
import { jsonObjectBody } from '../rest/request-body.js';
import type { ValidationRule } from '../rest/validation-rules.js';
import type { EmulatorState } from './emulator-state.js';
import type { Route } from './http-types.js';
import { notFound } from './salesforce-errors.js';

export function testEndpointRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/__emulator\/records\/(?<type>\w+)$/,
      handler: (request) => {
        const schema = state.store.schemaOf(request.params['type'] ?? '');
        if (!schema) throw notFound();
        const includeDeleted = request.url.searchParams.get('includeDeleted') === 'true';
        const records: StoredRecord[] = [];
        for (const record of state.store.recordsOf(schema.name)) {
          if (includeDeleted || record['IsDeleted'] !== true) records.push(record);
        }
        return { status: 200, body: records };
      },
    },
    {
      // Benchmarks: `{count, values}` inserts count records, `{i}` in a string value replaced by 0..count-1.
      method: 'POST',
      pattern: /^\/__emulator\/records\/(?<type>\w+)$/,
      handler: (request) => {
        const schema = state.store.schemaOf(request.params['type'] ?? '');
        if (!schema) throw notFound();
        const body = jsonObjectBody(request);
        const count = Number(body['count'] ?? 0);
        const values = (body['values'] ?? {}) as Record<string, WireValue>;
        for (let i = 0; i < count; i += 1) {
          const record: Record<string, WireValue> = {};
          for (const [key, value] of Object.entries(values)) {
            record[key] = typeof value === 'string' ? value.replaceAll('{i}', String(i)) : value;
          }
          state.store.insert(schema.name, record, state.apiUserId);
        }
        return { status: 201, body: { inserted: count, total: state.store.count(schema.name) } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/__emulator\/calls$/,
      handler: () => ({
        status: 200,
        body: {
          apiUsage: { used: state.usage.used, max: state.usage.max },
          byEndpoint: Object.fromEntries(state.callCounts),
        },
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/__emulator\/calls$/,
      handler: () => {
        state.callCounts.clear();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: /^\/__emulator\/clock$/,
      handler: () => ({ status: 200, body: { now: formatDateTime(state.clock.now()) } }),
    },
    {
      method: 'POST',
      pattern: /^\/__emulator\/clock\/advance$/,
      handler: (request) => {
        state.clock.advance(Number(jsonObjectBody(request)['ms'] ?? 0));
        return { status: 200, body: { now: formatDateTime(state.clock.now()) } };
      },
    },
    {
      method: 'POST',
      pattern: /^\/__emulator\/sessions\/expire$/,
      handler: () => {
        state.sessions.expireAll();
        return { status: 204 };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/__emulator\/api-usage$/,
      handler: (request) => {
        state.usage.setUsed(Number(jsonObjectBody(request)['used'] ?? 0));
        return { status: 200, body: { used: state.usage.used, max: state.usage.max } };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/__emulator\/validation-rules$/,
      handler: (request) => {
        const rules = jsonObjectBody(request)['rules'];
        state.validationRules.splice(0, state.validationRules.length, ...((rules ?? []) as ValidationRule[]));
        return { status: 200, body: { rules: state.validationRules } };
      },
    },
  ];
}
