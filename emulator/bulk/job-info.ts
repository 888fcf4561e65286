/**
 * Bulk API 2.0 job info as Salesforce renders it: the create answer (with contentUrl, no leading
 * slash, for ingest), the short answer to a state change, and the full `GET` job info with
 * jobType and counters (`errorMessage` when a job failed).
 */
import { formatDateTime } from '../org/wire-format.js';
import type { BulkJob } from './bulk-jobs.js';

type Json = Record<string, unknown>;

function base(job: BulkJob): Json {
  return {
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: job.createdById,
    createdDate: formatDateTime(new Date(job.createdAt)),
    systemModstamp: formatDateTime(new Date(job.modifiedAt)),
    state: job.state,
    ...(job.kind === 'ingest' && job.externalIdFieldName
      ? { externalIdFieldName: job.externalIdFieldName }
      : {}),
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: Number(job.apiVersion),
  };
}

const contentUrl = (job: BulkJob): string => `services/data/v${job.apiVersion}/jobs/ingest/${job.id}/batches`;

/** The answer to `POST /jobs/ingest` and `POST /jobs/query`. */
export function createdJobInfo(job: BulkJob): Json {
  return {
    ...base(job),
    ...(job.kind === 'ingest' ? { contentUrl: contentUrl(job) } : {}),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
  };
}

/** The answer to `PATCH {state}`: the job's basic info. */
export function stateChangeInfo(job: BulkJob): Json {
  return base(job);
}

function processingTime(job: BulkJob): number {
  if (job.finishedAt === undefined) return 0;
  const started = job.kind === 'ingest' ? (job.closedAt ?? job.createdAt) : job.createdAt;
  return Math.max(0, job.finishedAt - started);
}

/** `GET /jobs/{ingest|query}/{id}`. */
export function fullJobInfo(job: BulkJob): Json {
  const total = processingTime(job);
  const common = {
    ...base(job),
    lineEnding: job.lineEnding,
    columnDelimiter: job.columnDelimiter,
    numberRecordsProcessed: job.numberRecordsProcessed,
    retries: 0,
    totalProcessingTime: total,
  };
  if (job.kind === 'query') {
    return {
      ...common,
      jobType: 'V2Query',
      isPkChunkingSupported: true,
      ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    };
  }
  return {
    ...common,
    jobType: 'V2Ingest',
    contentUrl: contentUrl(job),
    numberRecordsFailed: job.numberRecordsFailed,
    apiActiveProcessingTime: Math.round(total * 0.43),
    apexProcessingTime: 0,
    ...(job.errorMessage ? { errorMessage: job.errorMessage } : {}),
  };
}

/** `GET /jobs/{ingest|query}`: every job of that kind, one page. */
export function jobList(jobs: readonly BulkJob[]): Json {
  return { done: true, records: jobs.map(fullJobInfo), nextRecordsUrl: null };
}
