/**
 * Bulk API 2.0 ingest jobs: create, upload one CSV, close, poll, and read the three result CSVs as
 * Salesforce wrote them (parsing is the caller's). Each call goes through the org's pipeline like
 * any other, so it is rate-limited, budgeted, retried and recorded. Never creates a job on its own:
 * resuming a job is the caller's decision.
 */
import type jsforce from 'jsforce';

import { checkedJobId } from './bulk-job-id.js';
import { classify, type FailureFacts } from './errors/classify.js';
import { SalesforceError } from './errors/salesforce-error.js';
import type { CallLabels } from './pipeline/call-pipeline.js';

export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';
export type IngestJobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface IngestJobSpec {
  /** API name of the object, e.g. `Account`. */
  readonly object: string;
  readonly operation: IngestOperation;
  /** Upserts only. */
  readonly externalIdFieldName?: string;
}

export interface IngestJobInfo {
  readonly id: string;
  readonly state: IngestJobState;
  readonly object: string;
  readonly operation: string;
  /** Job info from a poll carries the counters; create and close answers do not. */
  readonly numberRecordsProcessed?: number;
  readonly numberRecordsFailed?: number;
  /** Why a Failed job failed. */
  readonly errorMessage?: string;
}

/** Whether the CSV was taken now, or the job already held one (a re-upload after a lost answer). */
export type UploadResult = 'uploaded' | 'already-uploaded';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly labels?: CallLabels;
  /** Told every job info read, the last (terminal) one included: counts calls, keeps the last state. */
  readonly onPoll?: (info: IngestJobInfo) => void;
}

export interface BulkIngest {
  create(spec: IngestJobSpec, labels?: CallLabels): Promise<IngestJobInfo>;
  /** One CSV with a header row, comma-separated, LF line endings (as `create` declares). */
  upload(jobId: string, csv: string, labels?: CallLabels): Promise<UploadResult>;
  /** `UploadComplete`: Salesforce starts processing only once a job is closed. */
  close(jobId: string, labels?: CallLabels): Promise<IngestJobInfo>;
  state(jobId: string, labels?: CallLabels): Promise<IngestJobInfo>;
  /**
   * Polls with a growing interval until the job is JobComplete (returned). A Failed or Aborted job,
   * or one still running at the timeout, is a SalesforceError (see `jobFailure`).
   */
  waitForCompletion(jobId: string, options: WaitOptions): Promise<IngestJobInfo>;
  /** CSV: `sf__Id`, `sf__Created`, then the uploaded columns. */
  successfulResults(jobId: string, labels?: CallLabels): Promise<string>;
  /** CSV: `sf__Id`, `sf__Error` (`CODE:message:fields --`), then the uploaded columns. */
  failedResults(jobId: string, labels?: CallLabels): Promise<string>;
  /** CSV: the uploaded columns of the rows Salesforce never processed (aborted or failed jobs). */
  unprocessedRecords(jobId: string, labels?: CallLabels): Promise<string>;
}

export type RunWithLabels = <T>(
  operation: string,
  labels: CallLabels | undefined,
  work: (conn: jsforce.Connection) => Promise<T>,
) => Promise<T>;

const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 10_000;

/** Why a Failed or Aborted job (or one that outran the timeout) stopped, for `classify`. */
export function jobFailureFacts(info: IngestJobInfo, timedOut = false): FailureFacts {
  const detail = info.errorMessage ? `: ${info.errorMessage}` : '';
  if (timedOut) {
    return { timedOut, message: `Bulk ingest job ${info.id} is still ${info.state} after the timeout` };
  }
  const message = `Bulk ingest job ${info.id} ${info.state.toLowerCase()}${detail}`;
  if (info.state === 'Aborted') return { errorCode: 'BULK_JOB_ABORTED', message };
  const text = info.errorMessage ?? '';
  // Salesforce words job failures as `Kind : detail` (InvalidBatch, ClientInputError...).
  if (/Field name not found/i.test(text)) return { errorCode: 'INVALID_FIELD', message };
  if (/Unable to find object|InvalidJob/i.test(text)) return { errorCode: 'INVALID_TYPE', message };
  if (/InvalidBatch|ClientInputError/i.test(text)) return { errorCode: 'JSON_PARSER_ERROR', message };
  if (/limit|per rolling 24 hours/i.test(text)) return { errorCode: 'REQUEST_LIMIT_EXCEEDED', message };
  return { errorCode: 'UNKNOWN_EXCEPTION', message };
}

export function jobFailure(info: IngestJobInfo, timedOut = false): SalesforceError {
  const facts = jobFailureFacts(info, timedOut);
  return new SalesforceError(classify(facts), facts.message, {});
}

/**
 * Results are read as text (responseType), so jsforce no longer parses a failed call's JSON body:
 * the error it throws is `ERROR_HTTP_<status>` with the body as message. Recover Salesforce's code.
 */
function withSalesforceCode(error: unknown): unknown {
  const code = (error as { errorCode?: unknown } | null)?.errorCode;
  if (!(error instanceof Error) || typeof code !== 'string' || !code.startsWith('ERROR_HTTP_')) return error;
  try {
    const body: unknown = JSON.parse(error.message);
    const first: unknown = Array.isArray(body) ? body[0] : body;
    const { errorCode, message } = (first ?? {}) as { errorCode?: unknown; message?: unknown };
    if (typeof errorCode !== 'string' || typeof message !== 'string') return error;
    return Object.assign(new Error(message, { cause: error }), { name: errorCode, errorCode });
  } catch {
    return error;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createBulkIngest(run: RunWithLabels): BulkIngest {
  // Checked before `run`: a bad id is Pulse's bug (or a corrupt checkpoint), not worth an API call.
  const jobPath = (jobId: string, rest = ''): string => `/jobs/ingest/${checkedJobId(jobId)}${rest}`;

  const readCsv = async (jobId: string, resource: string, labels?: CallLabels): Promise<string> => {
    const url = jobPath(jobId, `/${resource}/`);
    return run('bulkIngestResults', labels, async (conn) => {
      try {
        const text = await conn.request<string>(
          { method: 'GET', url, headers: { Accept: 'text/csv' } },
          { responseType: 'text/plain' },
        );
        return typeof text === 'string' ? text : '';
      } catch (error) {
        throw withSalesforceCode(error);
      }
    });
  };

  const ingest: BulkIngest = {
    create: (spec, labels) =>
      run('bulkIngestCreate', labels, (conn) =>
        conn.request<IngestJobInfo>({
          method: 'POST',
          url: '/jobs/ingest',
          body: JSON.stringify({
            object: spec.object,
            operation: spec.operation,
            ...(spec.externalIdFieldName ? { externalIdFieldName: spec.externalIdFieldName } : {}),
            contentType: 'CSV',
            columnDelimiter: 'COMMA',
            lineEnding: 'LF',
          }),
          headers: { 'content-type': 'application/json' },
        }),
      ),
    async upload(jobId, csv, labels) {
      const url = jobPath(jobId, '/batches');
      return run('bulkIngestUpload', labels, async (conn): Promise<UploadResult> => {
        try {
          await conn.request({ method: 'PUT', url, body: csv, headers: { 'content-type': 'text/csv' } });
          return 'uploaded';
        } catch (error) {
          // Salesforce takes one upload per job; a retry after a lost 201 is told so.
          const { errorCode, message } = error as { errorCode?: unknown; message?: unknown };
          if (errorCode === 'BULK_API_ERROR' && /multiple contents/i.test(String(message))) {
            return 'already-uploaded';
          }
          throw error;
        }
      });
    },
    async close(jobId, labels) {
      const url = jobPath(jobId);
      return run('bulkIngestClose', labels, (conn) =>
        conn.request<IngestJobInfo>({
          method: 'PATCH',
          url,
          body: JSON.stringify({ state: 'UploadComplete' }),
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
    async state(jobId, labels) {
      const url = jobPath(jobId);
      return run('bulkIngestState', labels, (conn) => conn.request<IngestJobInfo>(url));
    },
    async waitForCompletion(jobId, { timeoutMs, labels, onPoll }) {
      const deadline = Date.now() + timeoutMs;
      // Each poll is an API call: start fast for small jobs, back off for the long ones.
      for (let wait = FIRST_POLL_MS; ; wait = Math.min(wait * 2, MAX_POLL_MS)) {
        const info = await ingest.state(jobId, labels);
        onPoll?.(info);
        if (info.state === 'JobComplete') return info;
        if (info.state === 'Failed' || info.state === 'Aborted') throw jobFailure(info);
        const left = deadline - Date.now();
        if (left <= 0) throw jobFailure(info, true);
        await sleep(Math.min(wait, left));
      }
    },
    successfulResults: (jobId, labels) => readCsv(jobId, 'successfulResults', labels),
    failedResults: (jobId, labels) => readCsv(jobId, 'failedResults', labels),
    unprocessedRecords: (jobId, labels) => readCsv(jobId, 'unprocessedrecords', labels),
  };
  return ingest;
}
