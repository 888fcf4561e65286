/**
 * Turns a Bulk ingest job's result files into a write outcome, in the order of the changes: written
 * only what successfulResults lists, failed what failedResults lists with Salesforce's code and
 * message, and every other change (unprocessed, or missing from every file) failed with a reason.
 */
import type { FailedRow, SuccessfulRow } from './bulk-csv.js';
import type { AccountChange, WriteFailure } from './write-accounts.js';

export interface BulkResults {
  readonly successful: readonly SuccessfulRow[];
  readonly failed: readonly FailedRow[];
  readonly unprocessed: readonly { readonly uploadedId: string | undefined }[];
}

/** Why unprocessed records were not written: the job's own failure, when it failed. */
export interface UnprocessedReason {
  readonly errorCode: string;
  readonly message: string;
}

const NOT_PROCESSED: UnprocessedReason = {
  errorCode: 'NOT_PROCESSED',
  message: 'Salesforce did not process the record',
};

/** Results echo the uploaded Id; sf__Id is always 18 characters. Compare on the 15 that matter. */
const keyOf = (id: string): string => (id.length === 18 ? id.slice(0, 15) : id);

export function toWriteOutcome(
  changes: readonly AccountChange[],
  results: BulkResults,
  unprocessedReason: UnprocessedReason = NOT_PROCESSED,
): { written: string[]; failed: WriteFailure[] } {
  const ids = new Map(changes.map((change) => [keyOf(change.id), change.id]));
  const decided = new Map<string, WriteFailure | 'written'>();
  const decide = (rowId: string | undefined, decision: (id: string) => WriteFailure | 'written') => {
    const id = rowId === undefined ? undefined : ids.get(keyOf(rowId));
    // The first file to name a record decides it; successfulResults is read first.
    if (id !== undefined && !decided.has(id)) decided.set(id, decision(id));
  };
  for (const row of results.successful) decide(row.uploadedId ?? row.sfId, () => 'written');
  for (const row of results.failed) {
    decide(row.uploadedId ?? row.sfId, (id) => ({ id, errorCode: row.errorCode, message: row.message }));
  }
  for (const row of results.unprocessed) decide(row.uploadedId, (id) => ({ id, ...unprocessedReason }));

  const written: string[] = [];
  const failed: WriteFailure[] = [];
  for (const change of changes) {
    const decision = decided.get(change.id);
    if (decision === 'written') written.push(change.id);
    else
      failed.push(decision ?? { id: change.id, errorCode: 'UNKNOWN', message: 'no result for the record' });
  }
  return { written, failed };
}
