/**
 * Compare before write: which records of a replayed collection write may be sent without
 * overwriting something that changed since the original call. Pure: the caller reads the current
 * values from Salesforce (the fields the call writes, by id) and passes them in.
 *
 * The rule. What a field held *right after* the original call ("then") is:
 *   - the value the call wrote, when the call landed for that record (its result said success);
 *   - the value it held before the call (`before`: the run store's overwrites, or the snapshot the
 *     run wrote from), when the call failed for that record, since a failed write changes nothing.
 * A field is "changed since" when it now holds neither the value the replay would write (writing
 * a value that is already there loses nothing) nor its "then" value. When "then" cannot be known —
 * no response came back or a 5xx (the write may or may not have landed), or a failed write whose
 * "before" was not kept — the field counts as changed: replay fails closed, and an operator who has
 * checked can still say so. A record with any changed field is held back whole (its fields were
 * written together, so they are not split); a record no longer found is held back too.
 */
import type { StoredCall } from '../call-store/stored-call.js';
import type { CollectionRecord } from './replay-body.js';

export type FieldValues = Readonly<Record<string, unknown>>;

/** What the original call did to one record. */
export type OriginalOutcome = 'landed' | 'failed' | 'unknown';

export interface CompareBeforeWriteInput {
  /** The records the replay would write, as sent (`ReplayTarget.records`). */
  readonly records: readonly CollectionRecord[];
  /** The call being replayed: its status and per-record results say what landed. */
  readonly original: Pick<StoredCall, 'status' | 'responseBody' | 'recordErrors'>;
  /** Each record's values now, read from Salesforce, by record key; a missing key: gone or hidden. */
  readonly current: ReadonlyMap<string, FieldValues>;
  /** Each record's values when the original call was made, by record key, when known. */
  readonly before?: ReadonlyMap<string, FieldValues>;
  /** The field that keys the records: `Id` (default) for updates, the external id for upserts. */
  readonly keyField?: string;
}

export interface ChangedField {
  readonly id: string;
  readonly field: string;
  /** What the field held right after the original call; absent when that cannot be known. */
  readonly then?: unknown;
  readonly now: unknown;
  /** What the replay would write over it. */
  readonly written: unknown;
  readonly why: string;
}

export interface CompareBeforeWriteResult {
  /** Records safe to write, in request order (records that already hold every value included). */
  readonly safe: CollectionRecord[];
  /** Every field of a held-back record that changed since (or may have). */
  readonly changed: ChangedField[];
  /** Keys of records no longer found in Salesforce (deleted, merged, or not visible to Pulse). */
  readonly missing: string[];
}

/** Not fields: the record's type and its key, which are sent but never written as values. */
const NOT_FIELDS = new Set(['attributes', 'id', 'Id']);
const SALESFORCE_ID = /^[A-Za-z0-9]{18}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A collection record's key: its id (`id` as jsforce writes it, or `Id`), or its external id. */
export function recordKeyOf(record: CollectionRecord, keyField = 'Id'): string | undefined {
  const value = keyField === 'Id' ? (record['Id'] ?? record['id']) : record[keyField];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  return String(value);
}

/** 18-character ids are compared by their case-sensitive 15-character form. */
const normalised = (key: string, keyField: string): string =>
  keyField === 'Id' && SALESFORCE_ID.test(key) ? key.slice(0, 15) : key;

function byNormalisedKey(map: ReadonlyMap<string, FieldValues> | undefined, keyField: string) {
  return new Map([...(map ?? [])].map(([key, values]) => [normalised(key, keyField), values]));
}

/**
 * Equal as Salesforce stores them: an empty string is null, date-times compare as instants
 * (`+0000` and `Z`), and a whole number matches its rounding (Number(n,0) fields store it rounded).
 */
export function sameValue(now: unknown, written: unknown): boolean {
  const a = now === '' || now === undefined ? null : now;
  const b = written === '' || written === undefined ? null : written;
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') {
    return (Number.isInteger(a) && Math.round(b) === a) || (Number.isInteger(b) && Math.round(a) === b);
  }
  if (typeof a === 'string' && typeof b === 'string' && DATE_TIME.test(a) && DATE_TIME.test(b)) {
    const instant = (text: string): number => Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    return !Number.isNaN(instant(a)) && instant(a) === instant(b);
  }
  return false;
}

/**
 * What the original call did to each record, by request position. A 4xx rejected the request
 * whole (nothing written); no response or a 5xx leaves it unknown; a 2xx says per record — from its
 * results, or, when the recorder cut them, from the record errors the store read.
 */
export function originalOutcomes(
  original: CompareBeforeWriteInput['original'],
  count: number,
): OriginalOutcome[] {
  const { status } = original;
  if (status === undefined || status >= 500) return Array<OriginalOutcome>(count).fill('unknown');
  if (status >= 300) return Array<OriginalOutcome>(count).fill('failed');
  let results: unknown;
  try {
    results = JSON.parse(original.responseBody ?? '');
  } catch {
    results = undefined;
  }
  const failedAt = new Set((original.recordErrors ?? []).map((error) => error.index));
  return Array.from({ length: count }, (_, index): OriginalOutcome => {
    if (failedAt.has(index)) return 'failed';
    const result: unknown = Array.isArray(results) ? results[index] : undefined;
    const success = (result as { success?: unknown } | null | undefined)?.success;
    return success === true ? 'landed' : success === false ? 'failed' : 'unknown';
  });
}

export function compareBeforeWrite(input: CompareBeforeWriteInput): CompareBeforeWriteResult {
  const keyField = input.keyField ?? 'Id';
  const current = byNormalisedKey(input.current, keyField);
  const before = byNormalisedKey(input.before, keyField);
  const outcomes = originalOutcomes(input.original, input.records.length);
  const result: CompareBeforeWriteResult = { safe: [], changed: [], missing: [] };
  input.records.forEach((record, index) => {
    const key = recordKeyOf(record, keyField);
    const now = key === undefined ? undefined : current.get(normalised(key, keyField));
    if (key === undefined || now === undefined) {
      result.missing.push(key ?? `#${index}`);
      return;
    }
    const outcome = outcomes[index] ?? 'unknown';
    const then = before.get(normalised(key, keyField));
    const conflicts: ChangedField[] = [];
    for (const [field, written] of Object.entries(record)) {
      if (NOT_FIELDS.has(field) || field === keyField) continue;
      const value = now[field] ?? null;
      if (sameValue(value, written)) continue;
      const base = { id: key, field, now: value, written };
      if (outcome === 'landed') {
        conflicts.push({ ...base, then: written, why: 'changed since the original call wrote it' });
      } else if (outcome === 'failed' && then !== undefined && field in then) {
        if (!sameValue(value, then[field])) {
          conflicts.push({
            ...base,
            then: then[field] ?? null,
            why: 'changed since the original call failed',
          });
        }
      } else {
        conflicts.push({
          ...base,
          why:
            outcome === 'failed'
              ? 'the value before the original call was not kept, so a change since cannot be ruled out'
              : 'whether the original call landed is unknown, so a change since cannot be ruled out',
        });
      }
    }
    if (conflicts.length === 0) result.safe.push(record);
    else result.changed.push(...conflicts);
  });
  return result;
}
