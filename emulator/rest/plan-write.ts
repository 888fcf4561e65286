/**
 * Plans one record write without doing it, so a batch can be checked whole before anything is
 * committed (`allOrNone`). A plan either commits to a result or carries the record's error.
 */
import { canonicalId, isWellFormedId } from '../org/ids.js';
import type { OrgStore } from '../org/org-store.js';
import type { SObjectSchema, StoredRecord } from '../org/types.js';
import { fieldByName, prepareWrite } from './prepare-write.js';
import { recordError, type RecordError } from './record-error.js';
import { failingRule, type ValidationRule } from './validation-rules.js';

export interface SaveResult {
  readonly id?: string;
  readonly success: boolean;
  readonly errors: readonly RecordError[];
  readonly created?: boolean;
}

export type WritePlan =
  | { readonly ok: true; readonly id?: string; commit(): SaveResult }
  | { readonly ok: false; readonly id?: string; readonly error: RecordError };

export interface WriteContext {
  readonly store: OrgStore;
  readonly rules: readonly ValidationRule[];
  readonly userId: string;
  /** Whether the user sees a record (restricted account visibility); everything when absent. */
  readonly canSee?: (record: StoredRecord) => boolean;
}

const fail = (error: RecordError, id?: string): WritePlan => ({ ok: false, error, ...(id ? { id } : {}) });

function ruleError(
  context: WriteContext,
  schema: SObjectSchema,
  merged: StoredRecord,
): RecordError | undefined {
  const rule = failingRule(context.rules, schema.name, merged);
  if (!rule) return undefined;
  return recordError(
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    rule.message,
    rule.errorField ? [rule.errorField] : [],
  );
}

export function planCreate(
  context: WriteContext,
  schema: SObjectSchema,
  body: Readonly<Record<string, unknown>>,
): WritePlan {
  const prepared = prepareWrite(schema, body, 'create');
  if ('errors' in prepared) return fail(prepared.errors[0] as RecordError);
  const error = ruleError(context, schema, { ...prepared.values });
  if (error) return fail(error);
  return {
    ok: true,
    commit: () => {
      const record = context.store.insert(schema.name, prepared.values, context.userId);
      return { id: String(record['Id']), success: true, errors: [], created: true };
    },
  };
}

/** The live record for an update or delete, or the error Salesforce gives for that id. */
function findTarget(
  context: WriteContext,
  schema: SObjectSchema,
  id: unknown,
): { record: StoredRecord; id: string } | { error: RecordError; id?: string } {
  if (typeof id !== 'string' || !isWellFormedId(id) || !id.startsWith(schema.keyPrefix)) {
    return {
      error: recordError('MALFORMED_ID', `${schema.label} ID: id value of incorrect type: ${String(id)}`, [
        'Id',
      ]),
    };
  }
  const canonical = canonicalId(id);
  const record = context.store.recordById(canonical);
  if (!record)
    return {
      error: recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', []),
      id: canonical,
    };
  if (record['IsDeleted'] === true)
    return { error: recordError('ENTITY_IS_DELETED', 'entity is deleted', []), id: canonical };
  if (context.canSee && !context.canSee(record)) {
    return {
      error: recordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id', []),
      id: canonical,
    };
  }
  return { record, id: canonical };
}

export function planUpdate(
  context: WriteContext,
  schema: SObjectSchema,
  id: unknown,
  body: Readonly<Record<string, unknown>>,
): WritePlan {
  const target = findTarget(context, schema, id);
  if ('error' in target) return fail(target.error, target.id);
  const prepared = prepareWrite(schema, body, 'update');
  if ('errors' in prepared) return fail(prepared.errors[0] as RecordError, target.id);
  const error = ruleError(context, schema, { ...target.record, ...prepared.values });
  if (error) return fail(error, target.id);
  return {
    ok: true,
    id: target.id,
    commit: () => {
      context.store.update(target.record, prepared.values, context.userId);
      return { id: target.id, success: true, errors: [] };
    },
  };
}

export function planDelete(context: WriteContext, schema: SObjectSchema, id: unknown): WritePlan {
  const target = findTarget(context, schema, id);
  if ('error' in target) return fail(target.error, target.id);
  return {
    ok: true,
    id: target.id,
    commit: () => {
      context.store.softDelete(target.record, context.userId);
      return { id: target.id, success: true, errors: [] };
    },
  };
}

/** Upsert by an external id field: update the one match, create when none, refuse when several. */
export function planUpsert(
  context: WriteContext,
  schema: SObjectSchema,
  externalField: string,
  externalValue: unknown,
  body: Readonly<Record<string, unknown>>,
): WritePlan {
  const field = fieldByName(schema, externalField);
  if (!field?.externalId && field?.name !== 'Id') {
    return fail(
      recordError(
        'NOT_FOUND',
        `Provided external ID field does not exist or is not accessible: ${externalField}`,
        [],
      ),
    );
  }
  if (typeof externalValue !== 'string' || externalValue === '') {
    return fail(
      recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [field.name]),
    );
  }
  const matches = [...context.store.recordsOf(schema.name)].filter(
    (record) => record['IsDeleted'] !== true && record[field.name] === externalValue,
  );
  if (matches.length > 1) {
    return fail(
      recordError(
        'DUPLICATE_EXTERNAL_ID',
        `${field.name}: more than one record found for external id field`,
        [field.name],
      ),
    );
  }
  const match = matches[0];
  if (match) {
    const plan = planUpdate(context, schema, match['Id'], body);
    if (!plan.ok) return plan;
    return { ...plan, commit: () => ({ ...plan.commit(), created: false }) };
  }
  return planCreate(context, schema, { ...body, [field.name]: externalValue });
}
