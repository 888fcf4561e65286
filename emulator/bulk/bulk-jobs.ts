/**
 * Bulk API 2.0 jobs and their state machine, paced by the org clock: a query job runs its query
 * on the first request after it was created and completes `processingMs` later; an ingest job,
 * once closed, processes one internal batch every `processingMs`. Finished jobs are forgotten
 * `retentionMs` after they finish. Nothing runs on timers: every request advances the jobs.
 */
import type { OrgClock } from '../org/clock.js';
import type { FlatColumn } from '../soql/index.js';
import type { ColumnDelimiter, LineEnding, ParsedUpload } from './csv-format.js';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';

export const isTerminal = (state: JobState): boolean =>
  state === 'JobComplete' || state === 'Failed' || state === 'Aborted';

interface JobCommon {
  readonly id: string;
  readonly object: string;
  readonly createdById: string;
  readonly createdAt: number;
  modifiedAt: number;
  state: JobState;
  /** `64.0`: the version the job was created with; results need the same. */
  readonly apiVersion: string;
  readonly lineEnding: LineEnding;
  readonly columnDelimiter: ColumnDelimiter;
  finishedAt: number | undefined;
  numberRecordsProcessed: number;
  errorMessage: string | undefined;
}

export interface QueryJob extends JobCommon {
  readonly kind: 'query';
  readonly operation: 'query' | 'queryAll';
  readonly query: string;
  /** Runs the query now: the result rows, as CSV cells in column order. */
  readonly run: () => string[][];
  readonly columns: readonly FlatColumn[];
  readyAt: number | undefined;
  rows: string[][] | undefined;
}

export interface IngestResult {
  /** Index of the row in the upload. */
  readonly row: number;
  readonly id: string;
  readonly created: boolean;
  /** `STATUS_CODE:message:fields --` for a failed row. */
  readonly error?: string;
}

export interface IngestJob extends JobCommon {
  readonly kind: 'ingest';
  readonly operation: IngestOperation;
  readonly externalIdFieldName: string | undefined;
  upload: ParsedUpload | undefined;
  closedAt: number | undefined;
  /** Row indexes of each internal batch, in processing order. */
  batches: number[][];
  processedBatches: number;
  readonly results: IngestResult[];
  numberRecordsFailed: number;
}

export type BulkJob = QueryJob | IngestJob;

/** What processing a job needs from the org. */
export interface BulkProcessor {
  /**
   * Splits a closed ingest job into batches (in processing order) before the first one runs; a
   * string when the upload cannot be processed at all (the job fails with that message).
   */
  planBatches(job: IngestJob): number[][] | string;
  /** Processes one batch; false when the daily batch allocation is spent (the job fails). */
  processBatch(job: IngestJob, rows: readonly number[]): boolean;
}

export interface BulkJobStore {
  add(job: BulkJob): void;
  get(id: string): BulkJob | undefined;
  remove(id: string): void;
  list(kind: BulkJob['kind']): BulkJob[];
  /** Moves every job as far as the org clock allows. */
  advance(): void;
  attach(processor: BulkProcessor): void;
  clear(): void;
}

export interface BulkPacing {
  readonly processingMs: number;
  readonly retentionMs: number;
}

function finish(job: BulkJob, state: JobState, at: number): void {
  job.state = state;
  job.finishedAt = at;
  job.modifiedAt = at;
}

export function createBulkJobStore(clock: OrgClock, pacing: BulkPacing): BulkJobStore {
  const jobs = new Map<string, BulkJob>();
  let processor: BulkProcessor | undefined;

  const advanceQuery = (job: QueryJob, now: number): void => {
    if (job.state === 'UploadComplete' && now > job.createdAt) {
      job.rows = job.run();
      job.numberRecordsProcessed = job.rows.length;
      job.state = 'InProgress';
      job.modifiedAt = now;
      job.readyAt = now + pacing.processingMs;
    }
    if (job.state === 'InProgress' && job.readyAt !== undefined && now >= job.readyAt) {
      finish(job, 'JobComplete', job.readyAt);
    }
  };

  const advanceIngest = (job: IngestJob, now: number): void => {
    if (!processor || job.closedAt === undefined) return;
    if (job.state === 'UploadComplete' && now > job.closedAt) {
      const planned = processor.planBatches(job);
      job.state = 'InProgress';
      job.modifiedAt = now;
      if (typeof planned === 'string') {
        job.errorMessage = planned;
        finish(job, 'Failed', now);
        return;
      }
      job.batches = planned;
    }
    if (job.state !== 'InProgress') return;
    while (job.processedBatches < job.batches.length) {
      const dueAt = job.closedAt + (job.processedBatches + 1) * pacing.processingMs;
      if (now < dueAt) return;
      if (!processor.processBatch(job, job.batches[job.processedBatches] ?? [])) {
        job.errorMessage = 'Exceeded max limit of batches per rolling 24 hours (DailyBulkApiBatches)';
        finish(job, 'Failed', dueAt);
        return;
      }
      job.processedBatches += 1;
      job.modifiedAt = dueAt;
    }
    finish(job, 'JobComplete', job.closedAt + Math.max(1, job.batches.length) * pacing.processingMs);
  };

  return {
    add(job) {
      jobs.set(job.id, job);
    },
    get: (id) => jobs.get(id),
    remove(id) {
      jobs.delete(id);
    },
    list: (kind) => [...jobs.values()].filter((job) => job.kind === kind),
    advance() {
      if (jobs.size === 0) return;
      const now = clock.now().getTime();
      for (const job of jobs.values()) {
        if (job.finishedAt !== undefined && now - job.finishedAt >= pacing.retentionMs) {
          jobs.delete(job.id);
          continue;
        }
        if (job.kind === 'query') advanceQuery(job, now);
        else advanceIngest(job, now);
      }
    },
    attach(next) {
      processor = next;
    },
    clear() {
      jobs.clear();
    },
  };
}
