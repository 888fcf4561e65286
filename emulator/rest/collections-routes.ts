/**
 * sObject Collections (`/composite/sobjects`, API 42.0+): create, update, upsert by external id,
 * delete and retrieve up to 200 records in one call. A well-formed request answers 200 with one
 * result per record in request order; `allOrNone` commits all or nothing, and then every record but
 * the failing ones reports ALL_OR_NONE_OPERATION_ROLLED_BACK.
 */
import {
  applyRecordFaults,
  bodyKey,
  lockTarget,
  requestScope,
  type BatchEntry,
} from '../faults/record-faults.js';
import { isWellFormedId } from '../org/ids.js';
import type { SObjectSchema } from '../org/types.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../server/http-types.js';
import { jsonParserError, notFound, RestApiError } from '../server/salesforce-errors.js';
import {
  planCreate,
  planDelete,
  planUpdate,
  planUpsert,
  type SaveResult,
  type WriteContext,
  type WritePlan,
} from './plan-write.js';
import { recordError } from './record-error.js';
import { jsonObjectBody } from './request-body.js';
import { writeContextOf } from './write-context.js';

const MAX_RECORDS = 200;
const MAX_TYPE_CHUNKS = 10;

const ROLLED_BACK = recordError(
  'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  'Record rolled back because not all records were valid and the request was using AllOrNone header',
);

function requireVersion42(request: EmulatorRequest): void {
  if (Number(request.apiVersion) < 42) throw notFound();
}

function tooMany(count: number): void {
  if (count > MAX_RECORDS) {
    throw new RestApiError(
      400,
      'EXCEEDED_ID_LIMIT',
      'record limit reached. cannot submit more than 200 records into this call',
    );
  }
}

interface CollectionBody {
  readonly allOrNone: boolean;
  readonly records: readonly Record<string, unknown>[];
}

function collectionBody(request: EmulatorRequest): CollectionBody {
  const body = jsonObjectBody(request);
  const records = body['records'];
  if (
    !Array.isArray(records) ||
    !records.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))
  ) {
    throw jsonParserError(
      'Cannot deserialize instance of List<SObject>: "records" must be an array of records',
    );
  }
  tooMany(records.length);
  if (body['allOrNone'] !== undefined && typeof body['allOrNone'] !== 'boolean') {
    throw jsonParserError('Cannot deserialize instance of boolean from "allOrNone"');
  }
  return { allOrNone: body['allOrNone'] === true, records: records as Record<string, unknown>[] };
}

/** The schema named by `attributes.type`; records of one request may mix types in up to 10 chunks. */
function typesOf(
  state: EmulatorState,
  records: readonly Record<string, unknown>[],
): (SObjectSchema | undefined)[] {
  const schemas = records.map((record) => {
    const attributes = record['attributes'] as { type?: unknown } | undefined;
    return typeof attributes?.type === 'string' ? state.store.schemaOf(attributes.type) : undefined;
  });
  const chunks = schemas.filter((schema, i) => i === 0 || schema !== schemas[i - 1]).length;
  if (chunks > MAX_TYPE_CHUNKS) {
    throw new RestApiError(
      400,
      'INVALID_BATCH_REQUEST',
      'Number of SObject type chunks exceeds the limit of 10',
    );
  }
  return schemas;
}

const missingType = (): WritePlan => ({
  ok: false,
  error: recordError('INVALID_TYPE', 'Must send a concrete entity type.'),
});

/** Commits the plans (or none of them) and renders results in request order. */
function settle(plans: readonly WritePlan[], allOrNone: boolean, withCreated: boolean): EmulatorResponse {
  const failed = plans.some((plan) => !plan.ok);
  const results: SaveResult[] = plans.map((plan) => {
    if (!plan.ok) return { ...(plan.id ? { id: plan.id } : {}), success: false, errors: [plan.error] };
    if (allOrNone && failed)
      return { ...(plan.id ? { id: plan.id } : {}), success: false, errors: [ROLLED_BACK] };
    return plan.commit();
  });
  const body = results.map((result) =>
    withCreated
      ? result
      : { ...(result.id ? { id: result.id } : {}), success: result.success, errors: result.errors },
  );
  return { status: 200, body };
}

const context = (state: EmulatorState, request: EmulatorRequest): WriteContext =>
  writeContextOf(state, request.userId);

/** The request's plans after record faults (a poisoned record fails all; rows may fail to lock). */
function withRecordFaults(
  state: EmulatorState,
  request: EmulatorRequest,
  plans: readonly WritePlan[],
  records: readonly (Readonly<Record<string, unknown>> | undefined)[],
  schemas: readonly (SObjectSchema | undefined)[],
  externalField?: string,
): WritePlan[] {
  const entries: BatchEntry[] = plans.map((plan, i) => {
    const body = records[i] ?? {};
    const schema = schemas[i];
    const external = externalField === undefined ? undefined : body[externalField];
    return {
      objectName: schema?.name ?? 'SObject',
      plan,
      poisonKey: plan.id ?? (typeof external === 'string' ? external : bodyKey(body)),
      lockId: schema ? lockTarget(schema, plan.id, body) : undefined,
    };
  });
  return applyRecordFaults(state.faults, requestScope(request.trace), request.trace, entries);
}

function createOrUpdate(
  state: EmulatorState,
  request: EmulatorRequest,
  mode: 'create' | 'update',
): EmulatorResponse {
  requireVersion42(request);
  const { allOrNone, records } = collectionBody(request);
  const schemas = typesOf(state, records);
  const writes = context(state, request);
  const plans = records.map((record, i) => {
    const schema = schemas[i];
    if (!schema) return missingType();
    if (mode === 'create') return planCreate(writes, schema, record);
    return planUpdate(writes, schema, record['id'] ?? record['Id'], record);
  });
  return settle(withRecordFaults(state, request, plans, records, schemas), allOrNone, false);
}

function upsert(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  requireVersion42(request);
  const schema = state.store.schemaOf(request.params['type'] ?? '');
  if (!schema) throw notFound();
  const field = request.params['field'] ?? '';
  const { allOrNone, records } = collectionBody(request);
  const writes = context(state, request);
  const plans = records.map((record) => {
    const key = Object.keys(record).find((name) => name.toLowerCase() === field.toLowerCase());
    return planUpsert(writes, schema, field, key ? record[key] : undefined, record);
  });
  const notExternal = plans.find((plan) => !plan.ok && plan.error.statusCode === 'NOT_FOUND');
  if (notExternal && !notExternal.ok) throw new RestApiError(404, 'NOT_FOUND', notExternal.error.message);
  const external = schema.fields.find((candidate) => candidate.name.toLowerCase() === field.toLowerCase());
  const bodies = records.map((record) => {
    const key = Object.keys(record).find((name) => name.toLowerCase() === field.toLowerCase());
    return key && external ? { ...record, [external.name]: record[key] } : record;
  });
  const faulted = withRecordFaults(
    state,
    request,
    plans,
    bodies,
    records.map(() => schema),
    external?.name,
  );
  return settle(faulted, allOrNone, true);
}

function remove(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  requireVersion42(request);
  const ids = (request.url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
  tooMany(ids.length);
  const allOrNone = request.url.searchParams.get('allOrNone') === 'true';
  const writes = context(state, request);
  const schemas = state.store.objectNames.map((name) => state.store.schemaOf(name));
  const plans = ids.map((id): WritePlan => {
    // The key prefix names the object, as it does for Salesforce.
    const owner = schemas.find((schema) => schema && id.startsWith(schema.keyPrefix));
    if (!owner || !isWellFormedId(id))
      return { ok: false, error: recordError('MALFORMED_ID', `malformed id ${id}`) };
    return planDelete(writes, owner, id);
  });
  const owners = ids.map((id) => schemas.find((schema) => schema && id.startsWith(schema.keyPrefix)));
  return settle(
    withRecordFaults(
      state,
      request,
      plans,
      ids.map(() => ({})),
      owners,
    ),
    allOrNone,
    false,
  );
}

function retrieve(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  requireVersion42(request);
  const schema = state.store.schemaOf(request.params['type'] ?? '');
  if (!schema) throw notFound();
  const ids = (request.url.searchParams.get('ids') ?? '').split(',').filter((id) => id !== '');
  tooMany(ids.length);
  const fields = (request.url.searchParams.get('fields') ?? 'Id').split(',').map((name) => name.trim());
  const body = ids.map((id) => {
    const record = state.store.recordById(id);
    if (!record || record['IsDeleted'] === true || !id.startsWith(schema.keyPrefix)) return null;
    if (!state.visibility.isVisible(record)) return null;
    const row: Record<string, unknown> = {
      attributes: {
        type: schema.name,
        url: `/services/data/v${request.apiVersion}/sobjects/${schema.name}/${String(record['Id'])}`,
      },
    };
    for (const name of fields) {
      const field = schema.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
      if (!field)
        throw new RestApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${schema.name}'`);
      row[field.name] = record[field.name] ?? null;
    }
    return row;
  });
  return { status: 200, body };
}

export function collectionsRoutes(state: EmulatorState): Route[] {
  return [
    {
      method: 'POST',
      pattern: /^\/composite\/sobjects\/?$/,
      handler: (r) => createOrUpdate(state, r, 'create'),
    },
    {
      method: 'PATCH',
      pattern: /^\/composite\/sobjects\/?$/,
      handler: (r) => createOrUpdate(state, r, 'update'),
    },
    { method: 'DELETE', pattern: /^\/composite\/sobjects\/?$/, handler: (r) => remove(state, r) },
    {
      method: 'PATCH',
      pattern: /^\/composite\/sobjects\/(?<type>\w+)\/(?<field>\w+)\/?$/,
      handler: (r) => upsert(state, r),
    },
    {
      method: 'GET',
      pattern: /^\/composite\/sobjects\/(?<type>\w+)\/?$/,
      handler: (r) => retrieve(state, r),
    },
  ];
}
