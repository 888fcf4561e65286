/**
 * What every part of the generator shares: the seeded randomness, the id factory, the org clock,
 * and `emit`, which stamps a record's id and audit fields, fits it to the schema and stores it.
 */
import type { IdFactory } from '../org/ids.js';
import type { StoredRecord } from '../org/types.js';
import type { Random } from './random.js';
import type { RecordShaper, RecordValues } from './record-shaper.js';
import { wireDateTime } from './time.js';

export interface GeneratorContext {
  readonly random: Random;
  readonly ids: IdFactory;
  /** The org clock, whole seconds. */
  readonly nowMs: number;
  /** The UTC day number of nowMs. */
  readonly today: number;
  readonly shapers: ReadonlyMap<string, RecordShaper>;
  readonly output: Map<string, StoredRecord[]>;
}

/** Who made and last changed a record, and when (epoch ms, at most nowMs). */
export interface Audit {
  readonly createdMs: number;
  readonly createdById: string;
  readonly modifiedMs: number;
  readonly modifiedById: string;
}

/** True when the org has this field deployed. */
export function hasField(ctx: GeneratorContext, objectName: string, fieldName: string): boolean {
  return ctx.shapers.get(objectName)?.has(fieldName) ?? false;
}

/**
 * Stores a new record of `objectName` and returns it, or undefined when the org lacks the object.
 * SystemModstamp equals LastModifiedDate, as after an ordinary save.
 */
export function emit(
  ctx: GeneratorContext,
  objectName: string,
  audit: Audit,
  values: RecordValues,
): StoredRecord | undefined {
  const shaper = ctx.shapers.get(objectName);
  if (!shaper) return undefined;
  const modified = wireDateTime(Math.min(Math.max(audit.modifiedMs, audit.createdMs), ctx.nowMs));
  const record = shaper.shape({
    ...values,
    Id: ctx.ids.next(shaper.schema.keyPrefix),
    IsDeleted: false,
    CreatedDate: wireDateTime(Math.min(audit.createdMs, ctx.nowMs)),
    CreatedById: audit.createdById,
    LastModifiedDate: modified,
    LastModifiedById: audit.modifiedById,
    SystemModstamp: modified,
  });
  let list = ctx.output.get(objectName);
  if (!list) {
    list = [];
    ctx.output.set(objectName, list);
  }
  list.push(record);
  return record;
}

/** A record's Id (always set by emit). */
export function idOf(record: StoredRecord): string {
  const id = record['Id'];
  if (typeof id !== 'string') throw new Error('generated record without an Id');
  return id;
}
