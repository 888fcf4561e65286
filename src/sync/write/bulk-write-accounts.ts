/**
 * Writes changed accounts with one Bulk API 2.0 update job: the opt-in write path for very large
 * orgs (DESIGN.md, step 6). The job id is checkpointed before anything is uploaded, so a worker
 * that dies mid-job is resumed on the same job, never a second one for the same changes. Only what
 * successfulResults lists is reported written.
 *
 * A job that Failed or was Aborted after processing records is reported record by record (what it
 * wrote is in Salesforce and must be known, for rollback); one that processed nothing throws its
 * classified SalesforceError (a missing field, the daily batch limit), like a failed call would.
 */
import { jobFailure, type BulkIngest, type IngestJobInfo } from '../../salesforce/bulk-ingest.js';
import { classify } from '../../salesforce/errors/classify.js';
import { SalesforceError } from '../../salesforce/errors/salesforce-error.js';
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import {
  parseFailedResults,
  parseSuccessfulResults,
  parseUnprocessedRecords,
  toUpdateCsv,
} from './bulk-csv.js';
import { toWriteOutcome, type UnprocessedReason } from './bulk-outcome.js';
import type { AccountChange, WriteOutcome } from './write-accounts.js';

/** Where the job of these changes is remembered (the run's state, for as long as the run lives). */
export interface JobCheckpoint {
  read(): Promise<string | undefined>;
  write(jobId: string): Promise<void>;
}

export interface BulkWriteOptions {
  readonly checkpoint: JobCheckpoint;
  readonly labels?: CallLabels;
  /** How long to wait for Salesforce to process the job. Default 30 minutes. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30 * 60_000;

const isStopped = (info: IngestJobInfo): boolean => info.state === 'Failed' || info.state === 'Aborted';

function assertUniqueIds(changes: readonly AccountChange[]): void {
  const seen = new Set<string>();
  for (const change of changes) {
    if (seen.has(change.id)) throw new Error(`account ${change.id} is changed twice in one Bulk write`);
    seen.add(change.id);
  }
}

/** A checkpointed job Salesforce no longer knows (deleted, or kept past its 7 days). */
function vanished(jobId: string, error: SalesforceError): SalesforceError {
  const message = `the checkpointed Bulk ingest job ${jobId} no longer exists in the org, so whether it wrote these changes is unknown; clear the checkpoint to write them again`;
  return new SalesforceError(classify({ errorCode: error.errorCode, message }), message, { cause: error });
}

export async function bulkWriteAccounts(
  client: SalesforceClient,
  changes: readonly AccountChange[],
  options: BulkWriteOptions,
): Promise<WriteOutcome> {
  if (changes.length === 0) return { written: [], failed: [], calls: 0 };
  assertUniqueIds(changes);
  const { checkpoint, labels } = options;
  const ingest: BulkIngest = client.bulkIngest;
  let calls = 0;
  const counted = <T>(call: () => Promise<T>): Promise<T> => {
    calls += 1;
    return call();
  };
  // Built first: a value Salesforce cannot take fails before any job exists.
  const csv = toUpdateCsv(changes);

  let jobId = await checkpoint.read();
  let info: IngestJobInfo;
  if (jobId === undefined) {
    const job = await counted(() => ingest.create({ object: 'Account', operation: 'update' }, labels));
    jobId = job.id;
    // Before the upload: from here on, a worker that dies leaves a job to resume, not to repeat.
    await checkpoint.write(jobId);
    info = job;
  } else {
    const resumed = jobId;
    info = await counted(() => ingest.state(resumed, labels)).catch((error: unknown) => {
      throw error instanceof SalesforceError && error.errorCode === 'NOT_FOUND'
        ? vanished(resumed, error)
        : error;
    });
  }
  const id = jobId;

  if (info.state === 'Open') {
    // A re-upload after a lost answer is refused by Salesforce as "already uploaded": go on and close.
    await counted(() => ingest.upload(id, csv, labels));
    await counted(() => ingest.close(id, labels));
  }
  if (info.state !== 'JobComplete' && !isStopped(info)) {
    const seen: { last?: IngestJobInfo } = {};
    const onPoll = (polled: IngestJobInfo): void => {
      calls += 1;
      seen.last = polled;
    };
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    info = await ingest
      .waitForCompletion(id, { timeoutMs, ...(labels ? { labels } : {}), onPoll })
      .catch((error: unknown) => {
        if (seen.last && isStopped(seen.last)) return seen.last;
        throw error;
      });
  }
  if (isStopped(info) && info.numberRecordsProcessed === 0) throw jobFailure(info);

  const [successful, failed, unprocessed] = await Promise.all([
    counted(() => ingest.successfulResults(id, labels)).then(parseSuccessfulResults),
    counted(() => ingest.failedResults(id, labels)).then(parseFailedResults),
    counted(() => ingest.unprocessedRecords(id, labels)).then(parseUnprocessedRecords),
  ]);
  let reason: UnprocessedReason | undefined;
  if (isStopped(info)) {
    const failure = jobFailure(info);
    if (successful.length === 0 && failed.length === 0) throw failure;
    reason = { errorCode: failure.errorCode, message: info.errorMessage ?? `Bulk ingest job ${info.state}` };
  }
  return { ...toWriteOutcome(changes, { successful, failed, unprocessed }, reason), calls };
}
