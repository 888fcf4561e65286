/**
 * `/__emulator/` controls for time-and-change tests (only with `testEndpoints`): change N% of an
 * object's records, delete and undelete, edit a field as a person would, reset the org, read the
 * concurrency high-water mark, and read or swap the fault profile.
 */
import { changeRecords, CHANGE_KINDS, type ChangeKind } from '../data/change-records.js';
import { createDeletions } from '../data/delete-records.js';
import { derivedValues } from '../data/derived-fields.js';
import { resolveFaultProfile, type FaultsOption } from '../faults/fault-profile.js';
import { unitDraw } from '../faults/hash.js';
import { canonicalId, isWellFormedId } from '../org/ids.js';
import type { WireValue } from '../org/types.js';
import { formatDateTime } from '../org/wire-format.js';
import { coerceFieldValue } from '../rest/coerce-field-value.js';
import { fieldByName } from '../rest/prepare-write.js';
import { jsonObjectBody } from '../rest/request-body.js';
import type { EmulatorState } from './emulator-state.js';
import type { EmulatorRequest, Route } from './http-types.js';
import { notFound, RestApiError } from './salesforce-errors.js';

/** Fields no person edits: the record's identity and what the org stamps itself. */
const SYSTEM_FIELDS = new Set([
  'Id',
  'IsDeleted',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
]);

const badRequest = (message: string): RestApiError => new RestApiError(400, 'INVALID_REQUEST', message);

function schemaOf(state: EmulatorState, request: EmulatorRequest) {
  const schema = state.store.schemaOf(request.params['type'] ?? '');
  if (!schema) throw notFound();
  return schema;
}

/**
 * The user a person's edit is saved as: the one named, else the record's owner when that is a user
 * (not a queue), else the admin.
 */
function humanUser(state: EmulatorState, named: unknown, owner: unknown): string {
  if (typeof named === 'string' && named !== '') return canonicalId(named);
  const ownerId = typeof owner === 'string' ? owner : '';
  return ownerId.startsWith('005') && ownerId !== state.apiUserId ? ownerId : state.adminId;
}

export function testControlRoutes(state: EmulatorState): Route[] {
  const deletions = createDeletions(state.store);
  const rounds = new Map<string, number>();
  const nextRound = (key: string): number => {
    const round = rounds.get(key) ?? 0;
    rounds.set(key, round + 1);
    return round;
  };
  const seedOf = (body: Record<string, unknown>): number =>
    typeof body['seed'] === 'number' ? body['seed'] : state.options.seed;

  return [
    {
      method: 'POST',
      pattern: /^\/__emulator\/changes\/(?<type>\w+)$/,
      handler: (request) => {
        const schema = schemaOf(state, request);
        const body = jsonObjectBody(request);
        const kinds = body['kinds'];
        if (
          kinds !== undefined &&
          (!Array.isArray(kinds) || !kinds.every((k) => CHANGE_KINDS.includes(k as ChangeKind)))
        )
          throw badRequest(`kinds: expected some of ${CHANGE_KINDS.join(', ')}`);
        try {
          const changed = changeRecords(
            state.store,
            {
              object: schema.name,
              percent: Number(body['percent'] ?? 0),
              ...(kinds ? { kinds: kinds as ChangeKind[] } : {}),
            },
            seedOf(body),
            nextRound(`changes ${schema.name}`),
            state,
          );
          return { status: 200, body: { changed } };
        } catch (error) {
          throw badRequest((error as Error).message);
        }
      },
    },
    {
      method: 'POST',
      pattern: /^\/__emulator\/records\/(?<type>\w+)\/delete$/,
      handler: (request) => {
        const schema = schemaOf(state, request);
        const body = jsonObjectBody(request);
        let ids = Array.isArray(body['ids']) ? body['ids'].map(String) : [];
        if (typeof body['percent'] === 'number') {
          const round = nextRound(`delete ${schema.name}`);
          const share = Math.min(Math.max(body['percent'], 0), 100) / 100;
          ids = [...state.store.recordsOf(schema.name)]
            .filter((record) => record['IsDeleted'] !== true)
            .map((record) => String(record['Id']))
            .filter((id) => unitDraw(seedOf(body), 'delete', round, id) < share);
        }
        return {
          status: 200,
          body: { deleted: deletions.remove(ids, humanUser(state, body['userId'], undefined)) },
        };
      },
    },
    {
      method: 'POST',
      pattern: /^\/__emulator\/records\/(?<type>\w+)\/undelete$/,
      handler: (request) => {
        schemaOf(state, request);
        const body = jsonObjectBody(request);
        const ids = Array.isArray(body['ids']) ? body['ids'].map(String) : [];
        return {
          status: 200,
          body: { undeleted: deletions.restore(ids, humanUser(state, body['userId'], undefined)) },
        };
      },
    },
    {
      // A person edits a record in the UI: any field but the system ones, saved as a human user.
      method: 'PATCH',
      pattern: /^\/__emulator\/records\/(?<type>\w+)\/(?<id>[A-Za-z0-9]{15,18})$/,
      handler: (request) => {
        const schema = schemaOf(state, request);
        const id = request.params['id'] ?? '';
        const record = isWellFormedId(id) ? state.store.recordById(canonicalId(id)) : undefined;
        if (!record || record['IsDeleted'] === true || !id.startsWith(schema.keyPrefix)) throw notFound();
        const body = jsonObjectBody(request);
        const values: Record<string, WireValue> = {};
        for (const [name, raw] of Object.entries((body['values'] ?? {}) as Record<string, unknown>)) {
          const field = fieldByName(schema, name);
          if (!field || SYSTEM_FIELDS.has(field.name) || field.calculated || field.autoNumber)
            throw badRequest(`${schema.name}.${name} cannot be edited`);
          const coerced = coerceFieldValue(field, raw);
          if ('error' in coerced) throw badRequest(`${coerced.error.statusCode}: ${coerced.error.message}`);
          values[field.name] = coerced.value;
        }
        const now = formatDateTime(state.clock.now());
        Object.assign(
          values,
          derivedValues(schema.name, { ...record, ...values }, new Set(Object.keys(values)), now),
        );
        state.store.update(record, values, humanUser(state, body['userId'], record['OwnerId']));
        return { status: 200, body: record };
      },
    },
    {
      method: 'POST',
      pattern: /^\/__emulator\/reset$/,
      handler: () => {
        state.reset();
        deletions.clear();
        rounds.clear();
        return {
          status: 200,
          body: {
            records: Object.fromEntries(state.store.objectNames.map((n) => [n, state.store.count(n)])),
          },
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/__emulator\/concurrency$/,
      handler: () => ({
        status: 200,
        body: { current: state.inFlight.current, highWaterMark: state.inFlight.highWaterMark },
      }),
    },
    {
      method: 'DELETE',
      pattern: /^\/__emulator\/concurrency$/,
      handler: () => {
        state.inFlight.resetHighWaterMark();
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: /^\/__emulator\/faults$/,
      handler: () => ({
        status: 200,
        body: {
          profile: state.faults.profile,
          seed: state.faults.seed,
          counts: state.faults.counts(),
          injected: state.faults.injected.slice(-500),
        },
      }),
    },
    {
      method: 'PUT',
      pattern: /^\/__emulator\/faults$/,
      handler: (request) => {
        const option = jsonObjectBody(request)['faults'] as FaultsOption | undefined;
        try {
          state.faults.setProfile(resolveFaultProfile(option ?? 'none'));
        } catch (error) {
          throw badRequest((error as Error).message);
        }
        return { status: 200, body: { profile: state.faults.profile } };
      },
    },
  ];
}
