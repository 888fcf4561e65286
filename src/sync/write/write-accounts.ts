/**
 * Writes changed accounts with sObject Collections (200 a call, allOrNone false) and checks every
 * record's result: UNABLE_TO_LOCK_ROW records are retried in smaller batches, then one by one;
 * data errors are recorded with the record id and Salesforce's message while the rest lands. A
 * batch that failed as a whole with one trigger error (an Apex exception, such as a governor
 * limit, fails its whole transaction) is split in halves until the records that cause it stand
 * alone, so one bad record costs about 2·log2(batch) calls instead of its 199 neighbours' writes.
 * Only what Salesforce accepted is reported written.
 */
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import type { RecordResult } from '../../salesforce/types.js';

export interface AccountChange {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface WriteFailure {
  readonly id: string;
  readonly errorCode: string;
  readonly message: string;
}

export interface WriteOutcome {
  readonly written: readonly string[];
  readonly failed: readonly WriteFailure[];
  readonly calls: number;
}

const BATCH_SIZES = [200, 50, 10, 1];
/** What an Apex trigger's uncaught exception gives every record of its transaction. */
const TRIGGER_FAILURE = 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY';

/** Every record failed, with the same trigger error: the transaction failed, not each record. */
function failedAsWhole(batch: readonly AccountChange[], results: readonly RecordResult[]): boolean {
  if (batch.length < 2 || results.length !== batch.length) return false;
  const first = results[0]?.errors[0];
  return (
    first?.statusCode === TRIGGER_FAILURE &&
    results.every(
      (result) =>
        !result.success &&
        result.errors[0]?.statusCode === TRIGGER_FAILURE &&
        result.errors[0].message === first.message,
    )
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function writeAccounts(
  client: SalesforceClient,
  changes: readonly AccountChange[],
  labels?: CallLabels,
): Promise<WriteOutcome> {
  const written: string[] = [];
  const failed: WriteFailure[] = [];
  let calls = 0;
  let pending = [...changes];
  const send = async (batch: readonly AccountChange[]): Promise<RecordResult[]> => {
    calls += 1;
    return client.updateRecords(
      'Account',
      batch.map((change) => ({ Id: change.id, ...change.values })),
      labels,
    );
  };
  for (const size of BATCH_SIZES) {
    if (pending.length === 0) break;
    const locked: AccountChange[] = [];
    const batches = chunks(pending, size);
    while (batches.length > 0) {
      const batch = batches.shift() ?? [];
      const results = await send(batch);
      if (failedAsWhole(batch, results)) {
        // Bisect: each half goes again now, in this pass.
        const half = Math.ceil(batch.length / 2);
        batches.unshift(batch.slice(0, half), batch.slice(half));
        continue;
      }
      batch.forEach((change, index) => {
        const result = results[index];
        if (result?.success) {
          written.push(change.id);
          return;
        }
        const error = result?.errors[0];
        if (error?.statusCode === 'UNABLE_TO_LOCK_ROW' && size > 1) {
          locked.push(change);
          return;
        }
        failed.push({
          id: change.id,
          errorCode: error?.statusCode ?? 'UNKNOWN',
          message: error?.message ?? 'no result for the record',
        });
      });
    }
    // Locks clear in moments: the next, smaller pass retries only the locked records.
    pending = locked;
  }
  return { written, failed, calls };
}
