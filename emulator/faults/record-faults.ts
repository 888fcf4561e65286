/**
 * Record faults on writes: UNABLE_TO_LOCK_ROW for single records, and the "trigger" fault — a
 * batch holding a poisoned record fails as a whole, every record getting CANNOT_INSERT_UPDATE_
 * ACTIVATE_ENTITY with an Apex governor-limit message (the case a TAM must bisect).
 */
import type { SObjectSchema } from '../org/types.js';
import type { WritePlan } from '../rest/plan-write.js';
import { fieldByName } from '../rest/prepare-write.js';
import { recordError, type RecordError } from '../rest/record-error.js';
import type { FaultDecider, RequestTrace } from './fault-decider.js';

export const lockError = (id: string): RecordError =>
  recordError(
    'UNABLE_TO_LOCK_ROW',
    `unable to obtain exclusive access to this record or 1 records: ${id}`,
    [],
  );

export const triggerMessage = (objectName: string): string =>
  `Pulse${objectName}Trigger: System.LimitException: Too many SOQL queries: 101`;

export const triggerError = (objectName: string): RecordError =>
  recordError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', triggerMessage(objectName), []);

/** One record of a write batch, as the faults see it. */
export interface BatchEntry {
  readonly objectName: string;
  readonly plan: WritePlan;
  /** What poisons it: the record id, else its external id value, else its body. */
  readonly poisonKey: string;
  /** The row a lock failure names: the record, else the parent it locks. Undefined: cannot lock. */
  readonly lockId: string | undefined;
}

/** The scope of record draws for a REST request. */
export const requestScope = (trace: RequestTrace): string => `${trace.identity}|${String(trace.attempt)}`;

/** The key a record body poisons by when it has no id yet: its values in a stable order. */
export function bodyKey(body: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(
    Object.keys(body)
      .filter((key) => key !== 'attributes')
      .sort()
      .map((key) => [key, body[key]]),
  );
}

/** The row a write would lock: the record itself, else the first parent a create names. */
export function lockTarget(
  schema: SObjectSchema,
  id: string | undefined,
  body: Readonly<Record<string, unknown>>,
): string | undefined {
  if (id) return id;
  for (const [key, value] of Object.entries(body)) {
    const field = fieldByName(schema, key);
    if (field?.type === 'reference' && typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * The plans of one batch with record faults applied: all fail when one is poisoned; else each
 * planned write may fail to lock its row. Plans that already failed keep their own error.
 */
export function applyRecordFaults(
  faults: FaultDecider,
  scope: string,
  trace: RequestTrace,
  entries: readonly BatchEntry[],
): WritePlan[] {
  const poisoned = entries.find((entry) => faults.poisoned(entry.poisonKey));
  if (poisoned) {
    faults.note({ kind: 'poisonedRecords', ...trace, record: poisoned.poisonKey });
    const error = triggerError(poisoned.objectName);
    return entries.map((entry) => ({ ok: false, error, ...(entry.plan.id ? { id: entry.plan.id } : {}) }));
  }
  return entries.map((entry, index) => {
    if (!entry.plan.ok || entry.lockId === undefined || !faults.recordLocked(scope, index)) return entry.plan;
    faults.note({ kind: 'unableToLockRow', ...trace, record: entry.lockId });
    return { ok: false, error: lockError(entry.lockId), ...(entry.plan.id ? { id: entry.plan.id } : {}) };
  });
}
