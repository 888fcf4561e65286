/**
 * The Bulk API 2.0 ingest calls against a scripted connection: the requests match the reference
 * payloads (bulk2-ingest-job-*.request.json), every call goes through `run` with its labels,
 * polling backs off until a terminal state, and failed jobs become classified SalesforceErrors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type jsforce from 'jsforce';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { createBulkIngest, type IngestJobInfo } from '../../../src/salesforce/bulk-ingest.js';
import { SalesforceError, toSalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const reference = (name: string): unknown => JSON.parse(readFileSync(path.join(PAYLOADS, name), 'utf8'));

const JOB = '7505e000000AbCdEFG';

interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly options?: unknown;
}

/** An answer: a value, an Error to reject with, or a function of the request giving either. */
type Answer = unknown;

/** A connection whose `request` answers from a script, in order, and remembers what was sent. */
function scripted(answers: readonly Answer[]) {
  const sent: SentRequest[] = [];
  const operations: { operation: string; labels: unknown }[] = [];
  let next = 0;
  const conn = {
    request: (request: string | SentRequest, options?: unknown) => {
      const normalised = typeof request === 'string' ? { method: 'GET', url: request } : request;
      sent.push({ ...normalised, ...(options === undefined ? {} : { options }) });
      const answer = answers[next++];
      const value =
        typeof answer === 'function' ? (answer as (r: SentRequest) => unknown)(normalised) : answer;
      return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
    },
  } as unknown as jsforce.Connection;
  const ingest = createBulkIngest((operation, labels, work) => {
    operations.push({ operation, labels });
    return work(conn);
  });
  return { ingest, sent, operations };
}

const info = (state: IngestJobInfo['state'], extra: Partial<IngestJobInfo> = {}): IngestJobInfo => ({
  id: JOB,
  object: 'Account',
  operation: 'update',
  state,
  ...extra,
});

/** jsforce's HttpApiError: name and errorCode from the body's errorCode. */
const apiError = (errorCode: string, message: string): Error =>
  Object.assign(new Error(message), { name: errorCode, errorCode });

afterEach(() => {
  vi.useRealTimers();
});

describe('job calls', () => {
  it('creates an update job with the CSV format spelled out, through run with the labels', async () => {
    const { ingest, sent, operations } = scripted([info('Open')]);
    const labels = { runId: 'run-1', jobId: 'job-1' };
    expect(await ingest.create({ object: 'Account', operation: 'update' }, labels)).toMatchObject({
      state: 'Open',
    });
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/jobs/ingest' });
    const body = JSON.parse(sent[0]?.body ?? '') as Record<string, unknown>;
    // The reference request names the object and operation; the format is spelled out, not defaulted.
    const referenceKeys = Object.keys(reference('bulk2-ingest-job-create.request.json') as object);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(referenceKeys));
    expect(body).toEqual({
      object: 'Account',
      operation: 'update',
      contentType: 'CSV',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    });
    expect(operations).toEqual([{ operation: 'bulkIngestCreate', labels }]);
  });

  it('uploads CSV with PUT …/batches, and closes with the reference request', async () => {
    const { ingest, sent } = scripted(['', info('UploadComplete')]);
    expect(await ingest.upload(JOB, 'Id,Health_Score__c\n', undefined)).toBe('uploaded');
    await ingest.close(JOB);
    expect(sent[0]).toMatchObject({
      method: 'PUT',
      url: `/jobs/ingest/${JOB}/batches`,
      body: 'Id,Health_Score__c\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(sent[1]).toMatchObject({ method: 'PATCH', url: `/jobs/ingest/${JOB}` });
    expect(JSON.parse(sent[1]?.body ?? '')).toEqual(
      reference('bulk2-ingest-job-upload-complete.request.json'),
    );
  });

  it('a second upload of the same job is told apart from other refusals', async () => {
    const multiple = apiError(
      'BULK_API_ERROR',
      `Found multiple contents for job: <${JOB}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
    );
    const { ingest } = scripted([multiple, apiError('INVALIDJOBSTATE', 'not Open')]);
    expect(await ingest.upload(JOB, 'Id\n')).toBe('already-uploaded');
    await expect(ingest.upload(JOB, 'Id\n')).rejects.toMatchObject({ errorCode: 'INVALIDJOBSTATE' });
  });

  it('reads result files as text, and keeps Salesforce’s error code when one is refused', async () => {
    const csv = '"sf__Id","sf__Created",Id\n';
    const notFound = apiError(
      'ERROR_HTTP_404',
      '[{"errorCode":"NOT_FOUND","message":"The requested resource does not exist"}]',
    );
    const { ingest, sent } = scripted([csv, '', 'Id\n', notFound]);
    expect(await ingest.successfulResults(JOB)).toBe(csv);
    await ingest.failedResults(JOB);
    await ingest.unprocessedRecords(JOB);
    expect(sent.map((request) => request.url)).toEqual([
      `/jobs/ingest/${JOB}/successfulResults/`,
      `/jobs/ingest/${JOB}/failedResults/`,
      `/jobs/ingest/${JOB}/unprocessedrecords/`,
    ]);
    expect(sent[0]?.options).toEqual({ responseType: 'text/plain' });
    const error = await ingest.successfulResults(JOB).catch((caught: unknown) => caught);
    expect(toSalesforceError(error, { status: 404 })).toMatchObject({
      errorCode: 'NOT_FOUND',
      classification: { errorClass: 'config', retry: false },
    });
  });

  it('never puts something that is not a job id in a URL', async () => {
    const { ingest, sent } = scripted([]);
    await expect(ingest.state('../../sobjects/Account')).rejects.toThrow(/not a Bulk API job id/);
    expect(sent).toEqual([]);
  });
});

describe('waitForCompletion', () => {
  it('polls with a growing interval until JobComplete, telling every poll', async () => {
    vi.useFakeTimers();
    const at: number[] = [];
    const states = ['UploadComplete', 'InProgress', 'InProgress', 'InProgress', 'JobComplete'] as const;
    const { ingest } = scripted(
      states.map((state) => () => {
        at.push(Date.now());
        return info(state, { numberRecordsProcessed: 3 });
      }),
    );
    const polled: string[] = [];
    const done = ingest.waitForCompletion(JOB, {
      timeoutMs: 60_000,
      onPoll: (job) => polled.push(job.state),
    });
    await vi.runAllTimersAsync();
    expect(await done).toMatchObject({ state: 'JobComplete', numberRecordsProcessed: 3 });
    expect(polled).toEqual([...states]);
    expect(at.slice(1).map((time, i) => time - (at[i] ?? 0))).toEqual([250, 500, 1000, 2000]);
  });

  it('a job still running at the timeout is a transient TIMEOUT (it goes on in Salesforce)', async () => {
    vi.useFakeTimers();
    const { ingest } = scripted(Array.from({ length: 20 }, () => info('InProgress')));
    const done = ingest.waitForCompletion(JOB, { timeoutMs: 1_000 }).catch((error: unknown) => error);
    await vi.runAllTimersAsync();
    expect(await done).toMatchObject({
      errorCode: 'TIMEOUT',
      classification: { errorClass: 'transient', retry: true },
    });
  });

  it.each([
    ['InvalidBatch : Field name not found : Colour__c', 'INVALID_FIELD', 'config'],
    ['InvalidJob : Unable to find object: Widget__c', 'INVALID_TYPE', 'config'],
    ['ClientInputError : LineEnding is invalid on user data', 'JSON_PARSER_ERROR', 'config'],
    [
      'Exceeded max limit of batches per rolling 24 hours (DailyBulkApiBatches)',
      'REQUEST_LIMIT_EXCEEDED',
      'limit',
    ],
    ['InternalServerError : retried too many times', 'UNKNOWN_EXCEPTION', 'transient'],
  ])('a Failed job (%s) is a SalesforceError %s of class %s', async (errorMessage, errorCode, errorClass) => {
    const { ingest } = scripted([info('Failed', { errorMessage })]);
    const error = await ingest
      .waitForCompletion(JOB, { timeoutMs: 1_000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SalesforceError);
    expect(error).toMatchObject({ errorCode, classification: { errorClass } });
    expect((error as Error).message).toContain(errorMessage);
  });

  it('an Aborted job is not retried: someone stopped it on purpose', async () => {
    const { ingest } = scripted([info('Aborted')]);
    await expect(ingest.waitForCompletion(JOB, { timeoutMs: 1_000 })).rejects.toMatchObject({
      errorCode: 'BULK_JOB_ABORTED',
      classification: { retry: false },
    });
  });
});
