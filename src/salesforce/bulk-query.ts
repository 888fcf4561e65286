/**
 * Bulk API 2.0 query jobs, read set by set through Sforce-Locator rather than jsforce's bulk2
 * (3.10.16 crashes when results span more than one CSV set, jsforce #1546/#1693). Each call goes
 * through the org's pipeline like any other.
 */
import type jsforce from 'jsforce';

import { checkedJobId } from './bulk-job-id.js';
import { classify } from './errors/classify.js';
import { SalesforceError } from './errors/salesforce-error.js';
import type { CallLabels } from './pipeline/call-pipeline.js';
import { currentCallContext } from './transport/call-context.js';

export type BulkJobState = 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

export interface BulkResultSet {
  /** CSV rows as Salesforce wrote them: every value a string, empty for null. */
  readonly rows: readonly Record<string, string>[];
  /** The next set's locator; undefined when this was the last. */
  readonly nextLocator?: string;
}

export type RunOnConnection = <T>(
  operation: string,
  labels: CallLabels | undefined,
  work: (conn: jsforce.Connection) => Promise<T>,
) => Promise<T>;

export interface BulkQueries {
  start(soql: string, operation: 'query' | 'queryAll', labels?: CallLabels): Promise<string>;
  state(jobId: string, labels?: CallLabels): Promise<{ state: BulkJobState; errorMessage?: string }>;
  /** Waits for the job, polling with a growing interval; a failed job is a SalesforceError. */
  waitForCompletion(jobId: string, timeoutMs: number, labels?: CallLabels): Promise<void>;
  results(
    jobId: string,
    locator: string | undefined,
    maxRecords: number,
    labels?: CallLabels,
  ): Promise<BulkResultSet>;
}

export function createBulkQueries(run: RunOnConnection): BulkQueries {
  const queries: BulkQueries = {
    start: (soql, operation, labels) =>
      run('bulkQueryStart', labels, async (conn) => {
        const job = await conn.request<{ id: string }>({
          method: 'POST',
          url: '/jobs/query',
          body: JSON.stringify({
            operation,
            query: soql,
            contentType: 'CSV',
            columnDelimiter: 'COMMA',
            lineEnding: 'LF',
          }),
          headers: { 'content-type': 'application/json' },
        });
        return job.id;
      }),
    state: (jobId, labels) =>
      run('bulkQueryState', labels, (conn) =>
        conn.request<{ state: BulkJobState; errorMessage?: string }>(`/jobs/query/${checkedJobId(jobId)}`),
      ),
    async waitForCompletion(jobId, timeoutMs, labels) {
      const deadline = Date.now() + timeoutMs;
      for (let wait = 200; ; wait = Math.min(wait * 2, 5_000)) {
        const { state, errorMessage } = await queries.state(jobId, labels);
        if (state === 'JobComplete') return;
        if (state === 'Failed' || state === 'Aborted' || Date.now() > deadline) {
          const message = `Bulk query job ${jobId} ${state === 'InProgress' || state === 'UploadComplete' ? 'did not finish in time' : state.toLowerCase()}${errorMessage ? `: ${errorMessage}` : ''}`;
          throw new SalesforceError(classify({ message, errorCode: 'SERVER_UNAVAILABLE' }), message, {});
        }
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    results: (jobId, locator, maxRecords, labels) =>
      run('bulkQueryResults', labels, async (conn) => {
        const query = new URLSearchParams({
          maxRecords: String(maxRecords),
          ...(locator ? { locator } : {}),
        });
        const rows = await conn.request<Record<string, string>[] | string>({
          method: 'GET',
          url: `/jobs/query/${checkedJobId(jobId)}/results?${query.toString()}`,
          headers: { Accept: 'text/csv' },
        });
        const next = currentCallContext()?.lastResponse?.bulkLocator;
        return {
          // An empty set comes back as an empty body, which jsforce leaves a string.
          rows: Array.isArray(rows) ? rows : [],
          ...(next && next !== 'null' ? { nextLocator: next } : {}),
        };
      }),
  };
  return queries;
}
