/**
 * Bulk API 2.0 query jobs under /jobs/query: create (UploadComplete), poll, abort, delete, list,
 * and results as CSV in sets: `maxRecords` rows at most, `Sforce-NumberOfRecords`, and
 * `Sforce-Locator` naming the next set (base64 of its offset, as Salesforce's `MTAwMDA`) or `null`.
 */
import { compileQuery, SoqlError, type CompiledQuery, type FlatColumn } from '../soql/index.js';
import { jsonObjectBody } from '../rest/request-body.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../server/http-types.js';
import { isTerminal, type QueryJob } from './bulk-jobs.js';
import {
  bulkError,
  csvFormatOf,
  jobOf,
  newJobId,
  requestedState,
  stateConstant,
  text,
} from './bulk-common.js';
import { cell, writeRows } from './csv-format.js';
import { createdJobInfo, fullJobInfo, jobList, stateChangeInfo } from './job-info.js';

const JOB = '(?<id>750[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)';

function compile(
  state: EmulatorState,
  soql: string,
  includeDeleted: boolean,
): { compiled: CompiledQuery; columns: FlatColumn[] } {
  let compiled: CompiledQuery;
  try {
    compiled = compileQuery(soql, state.visibility.view, { includeDeleted });
  } catch (error) {
    if (error instanceof SoqlError) throw bulkError(400, error.errorCode, error.message);
    throw error;
  }
  const columns = compiled.flatColumns();
  if (compiled.isCount || columns === undefined) {
    throw bulkError(
      400,
      'INVALIDJOB',
      compiled.isCount
        ? 'Aggregate queries are not supported by Bulk API 2.0 query jobs'
        : 'Nested (parent-to-child) queries are not supported by Bulk API 2.0 query jobs',
    );
  }
  return { compiled, columns };
}

function createJob(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const body = jsonObjectBody(request);
  const operation = body['operation'] ?? 'query';
  if (operation !== 'query' && operation !== 'queryAll') {
    throw bulkError(400, 'INVALIDJOB', `Invalid operation for a query job: ${text(operation)}`);
  }
  const soql = body['query'];
  if (typeof soql !== 'string' || soql.trim() === '')
    throw bulkError(400, 'INVALIDJOB', 'A query must be given');
  const format = csvFormatOf(body);
  const { compiled, columns } = compile(state, soql, operation === 'queryAll');
  if (!state.bulkLimits.queryJobs.tryTake()) {
    throw bulkError(
      400,
      'LIMIT_EXCEEDED',
      `Max number of Bulk API 2.0 query jobs per rolling 24 hours exceeded (DailyBulkV2QueryJobs: ${state.bulkLimits.queryJobs.max})`,
    );
  }
  const now = state.clock.now().getTime();
  const job: QueryJob = {
    kind: 'query',
    id: newJobId(state, request),
    operation,
    object: compiled.objectName,
    query: soql,
    createdById: request.userId,
    createdAt: now,
    modifiedAt: now,
    state: 'UploadComplete',
    apiVersion: request.apiVersion,
    ...format,
    finishedAt: undefined,
    numberRecordsProcessed: 0,
    errorMessage: undefined,
    columns,
    run: () => compiled.execute().map((record) => columns.map((column) => cell(column.read(record)))),
    readyAt: undefined,
    rows: undefined,
  };
  state.bulk.add(job);
  return { status: 200, body: createdJobInfo(job) };
}

function changeState(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const job = jobOf(state, request, 'query');
  const wanted = requestedState(jsonObjectBody(request));
  if (wanted !== 'Aborted')
    throw bulkError(400, 'INVALIDJOBSTATE', `Invalid state for a query job: ${wanted}`);
  if (isTerminal(job.state)) {
    throw bulkError(400, 'INVALIDJOBSTATE', `Job ${job.id} is already ${job.state} and cannot be aborted`);
  }
  const now = state.clock.now().getTime();
  job.state = 'Aborted';
  job.finishedAt = now;
  job.modifiedAt = now;
  job.rows = undefined;
  return { status: 200, body: stateChangeInfo(job) };
}

/** The offset a locator names: base64 (no padding) of its decimal digits. */
function offsetOf(locator: string): number | undefined {
  if (locator === '') return 0;
  const text = Buffer.from(locator, 'base64url').toString('utf8');
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

const locatorOf = (offset: number): string => Buffer.from(String(offset), 'utf8').toString('base64url');

function results(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const job = jobOf(state, request, 'query');
  if (request.apiVersion !== job.apiVersion) {
    throw bulkError(
      409,
      'API_VERSION_MISMATCH',
      `Results of job ${job.id} must be retrieved with API version ${job.apiVersion}, the version it was created with, not ${request.apiVersion}`,
    );
  }
  if (job.state !== 'JobComplete' || !job.rows) {
    throw bulkError(
      412,
      'JOB_NOT_COMPLETE',
      `can only download query results of successfully completed bulk job with status: JOB_COMPLETE. Current status: ${stateConstant(job.state)}`,
    );
  }
  const params = request.url.searchParams;
  const maxText = params.get('maxRecords');
  const max = maxText === null ? state.options.bulkQueryPageSize : Number(maxText);
  if (!Number.isInteger(max) || max < 1) {
    throw bulkError(
      400,
      'INVALIDPARAMETER',
      `maxRecords must be a positive whole number, got ${String(maxText)}`,
    );
  }
  const offset = offsetOf(params.get('locator') ?? '');
  if (offset === undefined || offset > job.rows.length) {
    throw bulkError(400, 'INVALIDLOCATOR', `Invalid locator: ${params.get('locator') ?? ''}`);
  }
  const end = Math.min(offset + max, job.rows.length);
  const page = job.rows.slice(offset, end);
  return {
    status: 200,
    contentType: 'text/csv',
    body: writeRows([job.columns.map((column) => column.name), ...page], job),
    headers: {
      'sforce-locator': end < job.rows.length ? locatorOf(end) : 'null',
      'sforce-numberofrecords': String(page.length),
    },
  };
}

export function queryJobRoutes(state: EmulatorState): Route[] {
  return [
    { method: 'POST', pattern: /^\/jobs\/query\/?$/, handler: (r) => createJob(state, r) },
    {
      method: 'GET',
      pattern: /^\/jobs\/query\/?$/,
      handler: () => ({ status: 200, body: jobList(state.bulk.list('query')) }),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/jobs/query/${JOB}/?$`),
      handler: (r) => ({ status: 200, body: fullJobInfo(jobOf(state, r, 'query')) }),
    },
    { method: 'PATCH', pattern: new RegExp(`^/jobs/query/${JOB}/?$`), handler: (r) => changeState(state, r) },
    {
      method: 'DELETE',
      pattern: new RegExp(`^/jobs/query/${JOB}/?$`),
      handler: (r) => {
        state.bulk.remove(jobOf(state, r, 'query').id);
        return { status: 204 };
      },
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/jobs/query/${JOB}/results/?$`),
      handler: (r) => results(state, r),
    },
  ];
}
