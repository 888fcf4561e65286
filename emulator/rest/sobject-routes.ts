/**
 * Single-record REST: create (201), read, update (204), delete (204), upsert by external id
 * (201 created / 200 updated), and the replication resources getDeleted and getUpdated.
 */
import { applyRecordFaults, bodyKey, lockTarget, requestScope } from '../faults/record-faults.js';
import { canonicalId, isWellFormedId } from '../org/ids.js';
import type { SObjectSchema, StoredRecord } from '../org/types.js';
import { formatDateTime, parseDateTime } from '../org/wire-format.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../server/http-types.js';
import { malformedId, notFound, RestApiError } from '../server/salesforce-errors.js';
import { fieldByName } from './prepare-write.js';
import {
  planCreate,
  planDelete,
  planUpdate,
  planUpsert,
  type WritePlan,
  type WriteContext,
} from './plan-write.js';
import { jsonObjectBody } from './request-body.js';
import { writeContextOf } from './write-context.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back getDeleted/getUpdated may start (Salesforce: 30 days). */
const REPLICATION_WINDOW_MS = 30 * DAY_MS;

export function schemaOrNotFound(state: EmulatorState, request: EmulatorRequest): SObjectSchema {
  const schema = state.store.schemaOf(request.params['type'] ?? '');
  if (!schema) throw notFound();
  return schema;
}

const writeContext = (state: EmulatorState, request: EmulatorRequest): WriteContext =>
  writeContextOf(state, request.userId);

/**
 * A single-record write fails as a REST error array (400), not as a SaveResult; record faults
 * (a poisoned trigger, UNABLE_TO_LOCK_ROW) fail it the same way.
 */
function commitOrThrow(
  state: EmulatorState,
  request: EmulatorRequest,
  schema: SObjectSchema,
  planned: WritePlan,
  body: Readonly<Record<string, unknown>> = {},
  external?: string,
): { id?: string; created?: boolean } {
  const [plan] = applyRecordFaults(state.faults, requestScope(request.trace), request.trace, [
    {
      objectName: schema.name,
      plan: planned,
      poisonKey: planned.id ?? external ?? bodyKey(body),
      lockId: lockTarget(schema, planned.id, body),
    },
  ]);
  if (!plan) throw new Error('no plan');
  if (!plan.ok) throw new RestApiError(400, plan.error.statusCode, plan.error.message, plan.error.fields);
  return plan.commit();
}

function liveRecord(state: EmulatorState, schema: SObjectSchema, id: string): StoredRecord {
  if (!isWellFormedId(id) || !id.startsWith(schema.keyPrefix)) throw malformedId(schema.label, id);
  const record = state.store.recordById(canonicalId(id));
  if (!record || record['IsDeleted'] === true || !state.visibility.isVisible(record)) throw notFound();
  return record;
}

function readRecord(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const schema = schemaOrNotFound(state, request);
  const record = liveRecord(state, schema, request.params['id'] ?? '');
  const requested = request.url.searchParams.get('fields');
  const names = requested
    ? requested.split(',').map((name) => {
        const field = fieldByName(schema, name.trim());
        if (!field)
          throw new RestApiError(
            400,
            'INVALID_FIELD',
            `No such column '${name.trim()}' on entity '${schema.name}'`,
          );
        return field.name;
      })
    : schema.fields.map((field) => field.name);
  const body: Record<string, unknown> = {
    attributes: {
      type: schema.name,
      url: `/services/data/v${request.apiVersion}/sobjects/${schema.name}/${String(record['Id'])}`,
    },
  };
  for (const name of names) body[name] = record[name] ?? null;
  return { status: 200, body };
}

/** `?start=...&end=...` of the replication resources, checked as Salesforce checks them. */
function replicationWindow(state: EmulatorState, request: EmulatorRequest): { start: Date; end: Date } {
  const start = parseDateTime(request.url.searchParams.get('start') ?? '');
  const end = parseDateTime(request.url.searchParams.get('end') ?? '');
  if (!start || !end)
    throw new RestApiError(400, 'INVALID_REPLICATION_DATE', 'start and end must be ISO 8601 date-times');
  if (end.getTime() <= start.getTime())
    throw new RestApiError(400, 'INVALID_REPLICATION_DATE', 'end date is before start date');
  if (state.clock.now().getTime() - start.getTime() > REPLICATION_WINDOW_MS) {
    throw new RestApiError(400, 'INVALID_REPLICATION_DATE', 'startDate cannot be more than 30 days ago');
  }
  return { start, end };
}

function getDeleted(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const schema = schemaOrNotFound(state, request);
  const { start, end } = replicationWindow(state, request);
  const earliest = state.store.earliestDeletedAvailable();
  if (start.getTime() < earliest.getTime()) {
    throw new RestApiError(
      400,
      'INVALID_REPLICATION_DATE',
      `startDate must be on or after ${formatDateTime(earliest)}`,
    );
  }
  const deleted = state.store.deletedBetween(schema.name, start, end).filter((entry) => {
    const record = state.store.recordById(entry.id);
    return record === undefined || state.visibility.isVisible(record);
  });
  const latest = new Date(Math.min(end.getTime(), state.clock.now().getTime()));
  return {
    status: 200,
    body: {
      deletedRecords: deleted.map((entry) => ({
        id: entry.id,
        deletedDate: formatDateTime(entry.deletedDate),
      })),
      earliestDateAvailable: formatDateTime(earliest),
      latestDateCovered: formatDateTime(latest),
    },
  };
}

function getUpdated(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const schema = schemaOrNotFound(state, request);
  const { start, end } = replicationWindow(state, request);
  const from = formatDateTime(start);
  const to = formatDateTime(end);
  const ids: string[] = [];
  for (const record of state.store.recordsOf(schema.name)) {
    const stamp = String(record['SystemModstamp']);
    if (record['IsDeleted'] !== true && stamp >= from && stamp < to && state.visibility.isVisible(record))
      ids.push(String(record['Id']));
  }
  const latest = new Date(Math.min(end.getTime(), state.clock.now().getTime()));
  return { status: 200, body: { ids, latestDateCovered: formatDateTime(latest) } };
}

export function sobjectRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/sobjects\/(?<type>\w+)\/deleted\/?$/,
      handler: (r) => getDeleted(state, r),
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(?<type>\w+)\/updated\/?$/,
      handler: (r) => getUpdated(state, r),
    },
    {
      method: 'POST',
      pattern: /^\/sobjects\/(?<type>\w+)\/?$/,
      handler: (request) => {
        const schema = schemaOrNotFound(state, request);
        const body = jsonObjectBody(request);
        const result = commitOrThrow(
          state,
          request,
          schema,
          planCreate(writeContext(state, request), schema, body),
          body,
        );
        return { status: 201, body: { id: result.id, success: true, errors: [] } };
      },
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(?<type>\w+)\/(?<id>[A-Za-z0-9]{15,18})$/,
      handler: (r) => readRecord(state, r),
    },
    {
      method: 'PATCH',
      pattern: /^\/sobjects\/(?<type>\w+)\/(?<id>[A-Za-z0-9]+)$/,
      handler: (request) => {
        const schema = schemaOrNotFound(state, request);
        const id = request.params['id'] ?? '';
        liveRecord(state, schema, id);
        const body = jsonObjectBody(request);
        commitOrThrow(
          state,
          request,
          schema,
          planUpdate(writeContext(state, request), schema, id, body),
          body,
        );
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/sobjects\/(?<type>\w+)\/(?<id>[A-Za-z0-9]+)$/,
      handler: (request) => {
        const schema = schemaOrNotFound(state, request);
        const id = request.params['id'] ?? '';
        liveRecord(state, schema, id);
        commitOrThrow(state, request, schema, planDelete(writeContext(state, request), schema, id));
        return { status: 204 };
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/sobjects\/(?<type>\w+)\/(?<field>\w+)\/(?<value>[^/]+)$/,
      handler: (request) => {
        const schema = schemaOrNotFound(state, request);
        const value = decodeURIComponent(request.params['value'] ?? '');
        const body = jsonObjectBody(request);
        const plan = planUpsert(
          writeContext(state, request),
          schema,
          request.params['field'] ?? '',
          value,
          body,
        );
        if (!plan.ok && plan.error.statusCode === 'NOT_FOUND')
          throw new RestApiError(404, 'NOT_FOUND', plan.error.message);
        const result = commitOrThrow(state, request, schema, plan, body, value);
        return {
          status: result.created ? 201 : 200,
          body: { id: result.id, success: true, errors: [], created: Boolean(result.created) },
        };
      },
    },
  ];
}
