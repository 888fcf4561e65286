/**
 * Writes changed accounts with sObject Collections (200 a call, allOrNone false) and checks every
 * record's result: UNABLE_TO_LOCK_ROW records are retried in smaller batches, then one by one;
 * data errors are recorded with the record id and Salesforce's message while the rest lands. A
 * batch that failed as a whole with one trigger error (an Apex exception, such as a governor
 * limit, fails its whole transaction) is searched for the records that cause it
 * (isolate-culprits.ts), so one bad record costs about log2(batch) + 2 calls instead of its 199
 * neighbours' writes. Only what Salesforce accepted is reported written.
 */
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import type { RecordResult } from '../../salesforce/types.js';
import { isolateCulprits, type RecordError } from './isolate-culprits.js';

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

/**
 * Every record failed with the same trigger error (`message`, when given): the transaction failed,
 * not each record. A lone record counts only when the error to match is known.
 */
function failedAsWhole(
  batch: readonly AccountChange[],
  results: readonly RecordResult[],
  message?: string,
): RecordError | undefined {
  if (results.length !== batch.length || batch.length < (message === undefined ? 2 : 1)) return undefined;
  const first = results[0]?.errors[0];
  if (first?.statusCode !== TRIGGER_FAILURE || (message !== undefined && first.message !== message))
    return undefined;
  const alike = results.every(
    (result) =>
      !result.success &&
      result.errors[0]?.statusCode === TRIGGER_FAILURE &&
      result.errors[0].message === first.message,
  );
  return alike ? first : undefined;
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
  let locked: AccountChange[] = [];
  let lockRetry = true;
  const fail = (change: AccountChange, error: RecordError | undefined): void => {
    failed.push({
      id: change.id,
      errorCode: error?.statusCode ?? 'UNKNOWN',
      message: error?.message ?? 'no result for the record',
    });
  };
  /** Each record's own result: written, locked (retried in the next, smaller pass) or failed. */
  const file = (batch: readonly AccountChange[], results: readonly RecordResult[]): void => {
    batch.forEach((change, index) => {
      const result = results[index];
      if (result?.success) {
        written.push(change.id);
        return;
      }
      const error = result?.errors[0];
      if (error?.statusCode === 'UNABLE_TO_LOCK_ROW' && lockRetry) {
        locked.push(change);
        return;
      }
      fail(change, error);
    });
  };
  /** Sends a batch; the trigger error when it failed as a whole, else its records are filed. */
  const trySend = async (
    batch: readonly AccountChange[],
    message?: string,
  ): Promise<RecordError | undefined> => {
    calls += 1;
    const results = await client.updateRecords(
      'Account',
      batch.map((change) => ({ Id: change.id, ...change.values })),
      labels,
    );
    const whole = failedAsWhole(batch, results, message);
    if (!whole) file(batch, results);
    return whole;
  };
  for (const size of BATCH_SIZES) {
    if (pending.length === 0) break;
    locked = [];
    lockRetry = size > 1;
    for (const batch of chunks(pending, size)) {
      const error = await trySend(batch);
      if (error) await isolateCulprits(batch, error, trySend, fail);
    }
    // Locks clear in moments: the next, smaller pass retries only the locked records.
    pending = locked;
  }
  return { written, failed, calls };
}
