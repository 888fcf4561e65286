/**
 * A checked replay target narrowed to some of its records: what bisect sends for a sub-batch, and
 * what a write sends once compare-before-write has held records back. Only records of the checked
 * request itself may go in, so narrowing can never add a record the check did not see.
 */
import { AppError } from '../../errors/app-error.js';
import type { CollectionRecord } from './replay-body.js';
import type { ReplayTarget } from './replay-target.js';

export function withRecords(target: ReplayTarget, records: readonly CollectionRecord[]): ReplayTarget {
  const sent = target.records;
  if (sent === undefined || target.body === undefined) {
    throw new AppError('replay_not_a_collection', `A ${target.shape} call has no records to choose from.`, {
      errorClass: 'config',
    });
  }
  if (records.length === 0 || records.some((record) => !sent.includes(record))) {
    throw new AppError(
      'replay_foreign_records',
      'A sub-batch must be a non-empty selection of the recorded request’s own records.',
      { errorClass: 'config' },
    );
  }
  // The recorded body was checked to be `{allOrNone?, records}`: keep its allOrNone as it was.
  const { allOrNone } = JSON.parse(target.body) as { allOrNone?: boolean };
  const kept = sent.filter((record) => records.includes(record));
  return {
    ...target,
    body: JSON.stringify({ ...(allOrNone === undefined ? {} : { allOrNone }), records: kept }),
    records: kept,
  };
}
