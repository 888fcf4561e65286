/**
 * Writes changed accounts with sObject Collections (200 a call, allOrNone false) and checks every
 * record's result: UNABLE_TO_LOCK_ROW records are retried in smaller batches, then one by one;
 * data errors are recorded with the record id and Salesforce's message while the rest lands.
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
  for (const size of BATCH_SIZES) {
    if (pending.length === 0) break;
    const locked: AccountChange[] = [];
    for (const batch of chunks(pending, size)) {
      calls += 1;
      const results: RecordResult[] = await client.updateRecords(
        'Account',
        batch.map((change) => ({ Id: change.id, ...change.values })),
        labels,
      );
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
