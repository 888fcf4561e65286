/**
 * Fits generated values to an object's schema: every field the org has (null when not given),
 * nothing it lacks (undeployed fields, CurrencyIsoCode in single-currency orgs), text cut to length.
 */
import type { SObjectSchema, StoredRecord, WireValue } from '../org/types.js';

export type RecordValues = Readonly<Record<string, WireValue | undefined>>;

export interface RecordShaper {
  readonly schema: SObjectSchema;
  has(fieldName: string): boolean;
  shape(values: RecordValues): StoredRecord;
}

const TEXT_TYPES: ReadonlySet<string> = new Set(['string', 'textarea', 'email', 'phone', 'url']);

/**
 * The same text as one flat string. Strings built by concatenation or replace are trees over their
 * parts (V8 cons and sliced strings) and take about twice the memory; a large org keeps millions.
 * normalize() returns a flat copy, and changes nothing here (generated text is already NFC).
 */
function flat(text: string): string {
  return text.normalize('NFC');
}

export function createShaper(schema: SObjectSchema): RecordShaper {
  const names = schema.fields.map((field) => field.name);
  const limits = schema.fields.map((field) => (TEXT_TYPES.has(field.type) ? field.length : 0));
  const present = new Set(names);
  // JSON.parse builds a fast-mode object and spreading it copies that shape, so records stay
  // compact; adding 20+ properties one by one would turn each record into a hash table.
  const template = JSON.parse(
    JSON.stringify(Object.fromEntries(names.map((name) => [name, null]))),
  ) as StoredRecord;
  return {
    schema,
    has: (fieldName) => present.has(fieldName),
    shape(values) {
      const record: StoredRecord = { ...template };
      for (let i = 0; i < names.length; i += 1) {
        const name = names[i] ?? '';
        let value = values[name] ?? null;
        const limit = limits[i] ?? 0;
        if (typeof value === 'string') {
          if (limit > 0 && value.length > limit) value = value.slice(0, limit);
          if (value.length >= 13) value = flat(value);
        }
        record[name] = value;
      }
      return record;
    },
  };
}
