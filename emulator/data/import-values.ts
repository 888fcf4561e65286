/**
 * One field of one imported row: evaluates the mapping's FieldSpec against the CSV row, then turns
 * the text into the value Salesforce would store for the field's type, checked like a write is.
 */
import type { FieldDescribe, WireValue } from '../org/types.js';
import { formatDate, formatDateTime, parseDate, parseDateTime } from '../org/wire-format.js';
import { coerceFieldValue } from '../rest/coerce-field-value.js';
import type { FieldSpec } from './import-mapping.js';
import { DAY } from './time.js';

type Raw = string | number | boolean | null;

export interface RowContext {
  readonly row: Readonly<Record<string, string>>;
  /** `file line n`, for error messages. */
  readonly where: string;
  /** The id of the record of `object` imported with `key`. */
  lookup(object: string, key: string): string | undefined;
  /** A record of `object` chosen by this row's key. */
  pick(object: string): string | undefined;
}

const blank = (value: Raw): boolean => value === null || value === '';

function column(ctx: RowContext, name: string): string {
  const value = ctx.row[name];
  if (value === undefined) throw new Error(`${ctx.where}: no column ${name}`);
  return value;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

function fillTemplate(ctx: RowContext, template: string): string {
  return template.replace(/\{([^}|]+)(?:\|(slug|lower))?\}/g, (_, name: string, filter?: string) => {
    const value = column(ctx, name.trim());
    return filter === 'slug' ? slug(value) : filter === 'lower' ? value.toLowerCase() : value;
  });
}

function shiftDays(value: Raw, days: number): Raw {
  if (typeof value !== 'string' || days === 0) return value;
  const date = parseDate(value.slice(0, 10));
  if (!date) return value;
  if (value.length === 10) return formatDate(new Date(date.getTime() + days * DAY));
  const time = parseDateTime(value);
  return time ? formatDateTime(new Date(time.getTime() + days * DAY)) : value;
}

/** The spec's value for the row, before type conversion (blank results fall through to `or`). */
export function evaluateSpec(ctx: RowContext, spec: FieldSpec): Raw {
  let value: Raw =
    spec.column !== undefined
      ? column(ctx, spec.column)
      : spec.template !== undefined
        ? fillTemplate(ctx, spec.template)
        : spec.pick !== undefined
          ? (ctx.pick(spec.pick) ?? null)
          : (spec.value ?? null);
  if (spec.words && typeof value === 'string') {
    const [start, end] = spec.words;
    value = value.split(/\s+/).filter(Boolean).slice(start, end).join(' ');
  }
  if (spec.map && typeof value === 'string' && Object.hasOwn(spec.map, value))
    value = spec.map[value] ?? null;
  if (spec.scale !== undefined && !blank(value)) value = Number(value) * spec.scale;
  if (spec.addDays !== undefined) value = shiftDays(value, spec.addDays);
  if (spec.lookup !== undefined && !blank(value)) {
    const id = ctx.lookup(spec.lookup, String(value));
    if (id === undefined)
      throw new Error(`${ctx.where}: no ${spec.lookup} imported with key ${String(value)}`);
    value = id;
  }
  return blank(value) && spec.or ? evaluateSpec(ctx, spec.or) : value;
}

function typed(field: FieldDescribe, value: Raw, where: string): WireValue {
  if (blank(value)) return null;
  const fail = (): never => {
    throw new Error(`${where}: ${field.name}: cannot store ${String(value)} in a ${field.type} field`);
  };
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (/^(true|1|yes)$/i.test(String(value))) return true;
      if (/^(false|0|no)$/i.test(String(value))) return false;
      return fail();
    case 'double':
    case 'currency':
    case 'percent':
    case 'int': {
      const number = Number(value);
      if (!Number.isFinite(number)) fail();
      return field.type === 'int' ? Math.round(number) : number;
    }
    case 'date': {
      const text = String(value).slice(0, 10);
      return parseDate(text) ? text : fail();
    }
    case 'datetime': {
      const text = String(value);
      if (parseDate(text)) return `${text}T00:00:00.000+0000`;
      const time = parseDateTime(text);
      return time ? formatDateTime(time) : fail();
    }
    case 'id':
    case 'reference':
      return String(value);
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'multipicklist': {
      const text = String(value);
      return field.length > 0 ? text.slice(0, field.length) : text;
    }
  }
}

/** The stored value for a field, checked as a write would be (restricted picklists, number ranges). */
export function fieldValue(field: FieldDescribe, value: Raw, where: string): WireValue {
  const stored = typed(field, value, where);
  if (stored === null || field.type === 'datetime') return stored;
  let checked;
  try {
    checked = coerceFieldValue(field, stored);
  } catch (error) {
    throw new Error(`${where}: ${field.name}: ${(error as Error).message}`, { cause: error });
  }
  if ('error' in checked) throw new Error(`${where}: ${checked.error.statusCode}: ${checked.error.message}`);
  return checked.value;
}
