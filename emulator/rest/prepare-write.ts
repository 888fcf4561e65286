/**
 * Checks a record body against describe before it is written, as Salesforce does: unknown fields
 * fail the request; read-only fields, bad values and missing required fields fail the record.
 */
import type { FieldDescribe, SObjectSchema, WireValue } from '../org/types.js';
import { RestApiError } from '../server/salesforce-errors.js';
import { coerceFieldValue } from './coerce-field-value.js';
import { recordError, type RecordError } from './record-error.js';

export type WriteMode = 'create' | 'update';

export type PreparedWrite =
  { readonly values: Readonly<Record<string, WireValue>> } | { readonly errors: readonly RecordError[] };

/** Keys a client sends that are not fields to write. */
const ENVELOPE_KEYS = new Set(['attributes', 'id']);

function fieldIndex(schema: SObjectSchema): Map<string, FieldDescribe> {
  return new Map(schema.fields.map((field) => [field.name.toLowerCase(), field]));
}

const indexes = new WeakMap<SObjectSchema, Map<string, FieldDescribe>>();

export function fieldByName(schema: SObjectSchema, name: string): FieldDescribe | undefined {
  let index = indexes.get(schema);
  if (!index) {
    index = fieldIndex(schema);
    indexes.set(schema, index);
  }
  return index.get(name.toLowerCase());
}

export function prepareWrite(
  schema: SObjectSchema,
  body: Readonly<Record<string, unknown>>,
  mode: WriteMode,
): PreparedWrite {
  const values: Record<string, WireValue> = {};
  const readOnly: string[] = [];
  let firstError: RecordError | undefined;
  for (const [key, raw] of Object.entries(body)) {
    if (ENVELOPE_KEYS.has(key.toLowerCase())) continue;
    const field = fieldByName(schema, key);
    if (!field)
      throw new RestApiError(
        400,
        'INVALID_FIELD',
        `No such column '${key}' on sobject of type ${schema.name}`,
      );
    if (field.type === 'id') continue;
    if (mode === 'create' ? !field.createable : !field.updateable) {
      readOnly.push(field.name);
      continue;
    }
    const coerced = coerceFieldValue(field, raw);
    if ('error' in coerced) firstError ??= coerced.error;
    else values[field.name] = coerced.value;
  }
  if (readOnly.length > 0) {
    return {
      errors: [
        recordError(
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          readOnly,
        ),
      ],
    };
  }
  if (firstError) return { errors: [firstError] };
  if (mode === 'create') {
    const missing = schema.fields.filter(
      (field) =>
        field.createable &&
        !field.nillable &&
        !field.defaultedOnCreate &&
        field.type !== 'boolean' &&
        (values[field.name] === undefined || values[field.name] === null),
    );
    if (missing.length > 0) {
      const names = missing.map((field) => field.name);
      return {
        errors: [
          recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names),
        ],
      };
    }
  }
  return { values };
}
