/**
 * Whether a recorded request body is what Pulse sends for its shape, and the records it carries.
 * Strict on purpose: an allowlisted path with a body Pulse never writes (an extra key, a nested
 * value, another job operation) is still not Pulse's request, and replay does not re-send it.
 */
import { refuse, type ReplayRefusal } from './replay-refusal.js';
import type { BodyRule } from './replay-shapes.js';

/** One record of an sObject Collections request, as sent: `attributes`, its key, its fields. */
export type CollectionRecord = Readonly<Record<string, unknown>>;

export interface CheckedBody {
  /** The records of a collection write, in request order. */
  readonly records?: readonly CollectionRecord[];
  /** The sObject the body names. */
  readonly sObject?: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;
const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;
/** sObject Collections take at most 200 records a call. */
const MAX_COLLECTION = 200;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isFieldValue = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value);

function parseObject(body: string): Json | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function onlyKeys(object: Json, allowed: readonly string[]): string | undefined {
  return Object.keys(object).find((key) => !allowed.includes(key));
}

/** Field names and flat values: what Pulse writes. Returns what is wrong, or undefined. */
function fieldsProblem(record: Json, skip: readonly string[]): string | undefined {
  for (const [name, value] of Object.entries(record)) {
    if (skip.includes(name)) continue;
    if (!NAME.test(name)) return `field name ${JSON.stringify(name)} is not an API name`;
    if (!isFieldValue(value)) return `field ${name} holds a nested value`;
  }
  return undefined;
}

function collectionProblem(body: Json, keyField: string | undefined): string | undefined {
  const extra = onlyKeys(body, ['allOrNone', 'records']);
  if (extra !== undefined) return `unexpected key ${JSON.stringify(extra)}`;
  if (body['allOrNone'] !== undefined && typeof body['allOrNone'] !== 'boolean')
    return 'allOrNone is not a boolean';
  const records = body['records'];
  if (!Array.isArray(records) || records.length === 0) return 'no records';
  if (records.length > MAX_COLLECTION) return `${records.length} records, more than ${MAX_COLLECTION}`;
  for (const [index, record] of records.entries()) {
    const where = `record ${index}`;
    if (!isObject(record)) return `${where} is not an object`;
    const attributes = record['attributes'];
    if (!isObject(attributes) || typeof attributes['type'] !== 'string' || !NAME.test(attributes['type']))
      return `${where} has no attributes.type`;
    if (keyField === undefined) {
      const id = record['id'] ?? record['Id'];
      if (typeof id !== 'string' || !RECORD_ID.test(id)) return `${where} has no record id`;
    } else {
      const key = record[keyField];
      if ((typeof key !== 'string' || key === '') && typeof key !== 'number')
        return `${where} has no ${keyField} value`;
    }
    const fields = fieldsProblem(record, ['attributes']);
    if (fields !== undefined) return `${where}: ${fields}`;
  }
  return undefined;
}

function typeOf(records: readonly CollectionRecord[]): string | undefined {
  const attributes = records[0]?.['attributes'];
  return isObject(attributes) && typeof attributes['type'] === 'string' ? attributes['type'] : undefined;
}

/**
 * The body checked against its rule.
 * @param groups the named groups of the shape's path (`type`, `field` of an upsert)
 */
export function checkBody(
  rule: BodyRule,
  body: string | undefined,
  groups: Readonly<Record<string, string>>,
): CheckedBody | ReplayRefusal {
  const bad = (what: string): ReplayRefusal =>
    refuse('bad_body', `the recorded request body is not one Pulse sends for this call: ${what}.`);
  if (rule === 'none') return body === undefined || body === '' ? {} : bad('this call takes no body');
  if (body === undefined || body === '') return bad('the body is missing');
  if (rule === 'csv') {
    // One CSV with a header row, as bulk-ingest.ts uploads it.
    return /^[^\n]+\n/.test(body) ? {} : bad('not a CSV with a header row');
  }
  const json = parseObject(body);
  if (json === undefined) return bad('not a JSON object');
  switch (rule) {
    case 'collection-update':
    case 'collection-upsert': {
      const problem = collectionProblem(json, rule === 'collection-upsert' ? groups['field'] : undefined);
      if (problem !== undefined) return bad(problem);
      const records = json['records'] as CollectionRecord[];
      const sObject = groups['type'] ?? typeOf(records);
      return { records, ...(sObject === undefined ? {} : { sObject }) };
    }
    case 'record-fields': {
      if (Object.keys(json).length === 0) return bad('no fields');
      const problem = fieldsProblem(json, []);
      return problem === undefined
        ? { ...(groups['type'] ? { sObject: groups['type'] } : {}) }
        : bad(problem);
    }
    case 'bulk-query-job': {
      const extra = onlyKeys(json, ['operation', 'query', 'contentType', 'columnDelimiter', 'lineEnding']);
      if (extra !== undefined) return bad(`unexpected key ${JSON.stringify(extra)}`);
      if (json['operation'] !== 'query' && json['operation'] !== 'queryAll')
        return bad('the operation is not query or queryAll');
      if (typeof json['query'] !== 'string' || json['query'] === '') return bad('no query');
      return {};
    }
    case 'bulk-ingest-job': {
      const extra = onlyKeys(json, [
        'object',
        'operation',
        'externalIdFieldName',
        'contentType',
        'columnDelimiter',
        'lineEnding',
      ]);
      if (extra !== undefined) return bad(`unexpected key ${JSON.stringify(extra)}`);
      const object = json['object'];
      if (typeof object !== 'string' || !NAME.test(object)) return bad('no object');
      if (!['insert', 'update', 'upsert', 'delete'].includes(String(json['operation'])))
        return bad('the operation is not insert, update, upsert or delete');
      return { sObject: object };
    }
    case 'bulk-ingest-close':
      // Pulse only ever closes a job (UploadComplete); it never aborts one.
      return Object.keys(json).length === 1 && json['state'] === 'UploadComplete'
        ? {}
        : bad('a job is only ever closed with {"state":"UploadComplete"}');
  }
}
