/**
 * Turns one incoming JSON value into the value Salesforce would store for a field, or says why it
 * cannot: numbers rounded to the field's scale, multi-select values in picklist order, text checked
 * against its length, restricted picklists against their values.
 */
import { isWellFormedId, canonicalId } from '../org/ids.js';
import type { FieldDescribe, WireValue } from '../org/types.js';
import { formatDateTime, parseDate, parseDateTime } from '../org/wire-format.js';
import { jsonParserError } from '../server/salesforce-errors.js';
import { recordError, type RecordError } from './record-error.js';

export type Coerced = { readonly value: WireValue } | { readonly error: RecordError };

const NUMBER_TYPES = new Set(['double', 'int', 'currency', 'percent']);

/** A JSON value of the wrong kind fails the whole request, as Salesforce's deserialiser does. */
function wrongKind(field: FieldDescribe, value: unknown): never {
  const kind =
    typeof value === 'string' ? 'VALUE_STRING' : typeof value === 'number' ? 'VALUE_NUMBER' : 'VALUE_OTHER';
  const target = field.type === 'int' ? 'int' : NUMBER_TYPES.has(field.type) ? 'double' : field.type;
  throw jsonParserError(
    `Cannot deserialize instance of ${target} from ${kind} value ${String(value)} or request may be missing a required field`,
  );
}

function roundHalfUp(value: number, scale: number): number {
  const factor = 10 ** scale;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
}

function coerceNumber(field: FieldDescribe, raw: unknown): Coerced {
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(value)) wrongKind(field, raw);
  const scale = field.type === 'int' ? 0 : field.scale;
  const rounded = roundHalfUp(value, scale);
  const integerDigits = Math.trunc(Math.abs(rounded)).toString().length;
  const allowed = field.type === 'int' ? field.digits || 9 : field.precision - field.scale;
  if (Math.trunc(Math.abs(rounded)) !== 0 && integerDigits > allowed) {
    return {
      error: recordError(
        'NUMBER_OUTSIDE_VALID_RANGE',
        `${field.name}: value outside of valid range on numeric field: ${String(raw)}`,
        [field.name],
      ),
    };
  }
  return { value: rounded };
}

function coerceText(field: FieldDescribe, raw: unknown): Coerced {
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') wrongKind(field, raw);
  const text = String(raw);
  if (field.type === 'picklist' && field.restrictedPicklist) {
    if (!field.picklistValues.some((entry) => entry.active && entry.value === text)) {
      return {
        error: recordError(
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          `${field.name}: bad value for restricted picklist field: ${text}`,
          [field.name],
        ),
      };
    }
  }
  if (field.length > 0 && text.length > field.length) {
    return {
      error: recordError(
        'STRING_TOO_LONG',
        `${field.name}: data value too large: ${text} (max length=${field.length})`,
        [field.name],
      ),
    };
  }
  return { value: text === '' ? null : text };
}

/** `b;a;b` -> `a;b` when the picklist lists a before b: deduplicated and in picklist order. */
function coerceMultiPicklist(field: FieldDescribe, raw: unknown): Coerced {
  if (typeof raw !== 'string') wrongKind(field, raw);
  const chosen = [
    ...new Set(
      raw
        .split(';')
        .map((part) => part.trim())
        .filter((part) => part !== ''),
    ),
  ];
  const order = field.picklistValues.map((entry) => entry.value);
  const unknown = chosen.filter((value) => !order.includes(value));
  if (field.restrictedPicklist && unknown.length > 0) {
    return {
      error: recordError(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${field.name}: bad value for restricted picklist field: ${unknown[0] ?? ''}`,
        [field.name],
      ),
    };
  }
  const sorted = [...order.filter((value) => chosen.includes(value)), ...unknown];
  return { value: sorted.length === 0 ? null : sorted.join(';') };
}

function coerceReference(field: FieldDescribe, raw: unknown): Coerced {
  if (typeof raw !== 'string') wrongKind(field, raw);
  if (!isWellFormedId(raw)) {
    return {
      error: recordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${raw}`, [field.name]),
    };
  }
  return { value: canonicalId(raw) };
}

export function coerceFieldValue(field: FieldDescribe, raw: unknown): Coerced {
  if (raw === null) {
    if (field.type === 'boolean') return { value: false };
    if (!field.nillable) {
      return {
        error: recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${field.name}]`, [
          field.name,
        ]),
      };
    }
    return { value: null };
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
      return coerceText(field, raw);
    case 'double':
    case 'int':
    case 'currency':
    case 'percent':
      return coerceNumber(field, raw);
    case 'multipicklist':
      return coerceMultiPicklist(field, raw);
    case 'boolean':
      if (typeof raw !== 'boolean') wrongKind(field, raw);
      return { value: raw };
    case 'date': {
      const date = typeof raw === 'string' ? parseDate(raw.slice(0, 10)) : undefined;
      if (!date) wrongKind(field, raw);
      return { value: (raw as string).slice(0, 10) };
    }
    case 'datetime': {
      const date = typeof raw === 'string' ? parseDateTime(raw) : undefined;
      if (!date) wrongKind(field, raw);
      return { value: formatDateTime(date) };
    }
    case 'reference':
    case 'id':
      return coerceReference(field, raw);
  }
}
