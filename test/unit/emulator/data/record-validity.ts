/**
 * Test helper: checks generated records against their describe, the way Salesforce would accept
 * them (picklists, lengths, precision/scale, wire formats) and that references resolve.
 */
import type {
  FieldDescribe,
  SObjectSchema,
  StoredRecord,
  WireValue,
} from '../../../../emulator/org/types.js';
import { isWellFormedId } from '../../../../emulator/org/ids.js';
import { parseDate, parseDateTime } from '../../../../emulator/org/wire-format.js';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/;

function numberProblem(field: FieldDescribe, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'not a finite number';
  if (field.type === 'int') {
    if (!Number.isInteger(value)) return 'not an integer';
    return Math.abs(value) >= 10 ** field.digits ? `more than ${field.digits} digits` : undefined;
  }
  const factor = 10 ** field.scale;
  if (Math.round(value * factor) / factor !== value) return `more than ${field.scale} decimals`;
  if (Math.abs(value) >= 10 ** (field.precision - field.scale))
    return `too large for (${field.precision},${field.scale})`;
  return undefined;
}

function valueProblem(field: FieldDescribe, value: WireValue): string | undefined {
  if (value === null) return field.nillable ? undefined : 'null in a non-nillable field';
  const values = field.picklistValues.map((entry) => entry.value);
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'not a boolean';
    case 'double':
    case 'currency':
    case 'percent':
    case 'int':
      return typeof value === 'number' ? numberProblem(field, value) : 'not a number';
    case 'date':
      return typeof value === 'string' && parseDate(value) ? undefined : 'not a date';
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && parseDateTime(value)
        ? undefined
        : 'not a datetime';
    case 'picklist':
      return typeof value === 'string' && values.includes(value) ? undefined : `not a picklist value`;
    case 'multipicklist': {
      if (typeof value !== 'string' || value.length > field.length) return 'not a multi-select value';
      const chosen = value.split(';').map((item) => values.indexOf(item));
      const ordered = chosen.every((index, i) => index >= 0 && (i === 0 || index > (chosen[i - 1] ?? -1)));
      return ordered ? undefined : 'values unknown, repeated or out of picklist order';
    }
    case 'id':
    case 'reference':
      return typeof value === 'string' && value.length === 18 && isWellFormedId(value)
        ? undefined
        : 'not an 18-character id';
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      if (typeof value !== 'string') return 'not a string';
      return value.length > field.length ? `longer than ${field.length}` : undefined;
  }
}

/** Every problem found, as `Object.Field of <id>: problem (value)`; empty when all records are valid. */
export function invalidValues(
  records: ReadonlyMap<string, readonly StoredRecord[]>,
  schemas: ReadonlyMap<string, SObjectSchema>,
): string[] {
  const objectOfId = new Map<string, string>();
  for (const [objectName, list] of records)
    for (const record of list) objectOfId.set(String(record['Id']), objectName);
  const problems: string[] = [];
  for (const [objectName, list] of records) {
    const schema = schemas.get(objectName);
    if (!schema) {
      problems.push(`${objectName}: not in the schemas`);
      continue;
    }
    const fieldNames = schema.fields.map((field) => field.name).sort();
    for (const record of list) {
      const where = `${objectName} ${String(record['Id'])}`;
      const keys = Object.keys(record).sort();
      if (keys.join() !== fieldNames.join())
        problems.push(`${where}: keys ${keys.join()} differ from the schema`);
      if (!String(record['Id']).startsWith(schema.keyPrefix)) problems.push(`${where}: wrong key prefix`);
      for (const field of schema.fields) {
        const value = record[field.name] ?? null;
        const problem = valueProblem(field, value);
        if (problem) problems.push(`${where}.${field.name}: ${problem} (${JSON.stringify(value)})`);
        if (field.type === 'reference' && typeof value === 'string') {
          const target = objectOfId.get(value);
          if (!target || !field.referenceTo.includes(target)) {
            problems.push(`${where}.${field.name}: ${value} is not a ${field.referenceTo.join('/')}`);
          }
        }
      }
      if (problems.length > 50) return problems;
    }
  }
  return problems;
}
