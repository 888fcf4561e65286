/**
 * Bulk API 2.0 ingest jobs under /jobs/ingest: create (Open), one CSV upload (PUT, 201 with an
 * empty body), close (UploadComplete) or abort, poll, delete, list, and the result CSVs:
 * successfulResults (`sf__Id`, `sf__Created`), failedResults (`sf__Id`, `sf__Error`) and
 * unprocessedrecords, each followed by the uploaded columns as the client sent them.
 */
import { jsonObjectBody } from '../rest/request-body.js';
import { fieldByName } from '../rest/prepare-write.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../server/http-types.js';
import { isTerminal, type IngestJob, type IngestOperation } from './bulk-jobs.js';
import { bulkError, csvFormatOf, jobOf, newJobId, requestedState, text } from './bulk-common.js';
import { COLUMN_DELIMITERS, parseUpload, writeRows } from './csv-format.js';
import { createdJobInfo, fullJobInfo, jobList, stateChangeInfo } from './job-info.js';

const JOB = '(?<id>750[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)';
const OPERATIONS: readonly IngestOperation[] = ['insert', 'update', 'upsert', 'delete'];

function createJob(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const body = jsonObjectBody(request);
  const schema = state.store.schemaOf(text(body['object'] ?? ''));
  if (!schema) throw bulkError(400, 'INVALIDJOB', `Unable to find object: ${text(body['object'] ?? '')}`);
  const operation = OPERATIONS.find((candidate) => candidate === body['operation']);
  if (operation === undefined) {
    throw bulkError(400, 'INVALIDJOB', `Invalid or unsupported operation: ${text(body['operation'])}`);
  }
  let externalIdFieldName: string | undefined;
  if (operation === 'upsert') {
    const field = fieldByName(schema, text(body['externalIdFieldName'] ?? ''));
    if (!field || (!field.externalId && field.name !== 'Id')) {
      throw bulkError(
        400,
        'INVALIDJOB',
        `External ID field not found or not an external ID: ${text(body['externalIdFieldName'] ?? '')}`,
      );
    }
    externalIdFieldName = field.name;
  }
  const now = state.clock.now().getTime();
  const job: IngestJob = {
    kind: 'ingest',
    id: newJobId(state, request),
    operation,
    object: schema.name,
    externalIdFieldName,
    createdById: request.userId,
    createdAt: now,
    modifiedAt: now,
    state: 'Open',
    apiVersion: request.apiVersion,
    ...csvFormatOf(body),
    finishedAt: undefined,
    numberRecordsProcessed: 0,
    numberRecordsFailed: 0,
    errorMessage: undefined,
    upload: undefined,
    closedAt: undefined,
    batches: [],
    processedBatches: 0,
    results: [],
  };
  state.bulk.add(job);
  return { status: 200, body: createdJobInfo(job) };
}

function upload(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const job = jobOf(state, request, 'ingest');
  if (job.upload !== undefined) {
    throw bulkError(
      400,
      'BULK_API_ERROR',
      `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`,
    );
  }
  if (job.state !== 'Open') {
    throw bulkError(409, 'INVALIDJOBSTATE', `Data cannot be uploaded to a job in state ${job.state}`);
  }
  try {
    job.upload = parseUpload(request.body.toString('utf8'), job);
  } catch (error) {
    throw bulkError(400, 'INVALIDBATCH', `Failed to parse the CSV upload: ${(error as Error).message}`);
  }
  job.modifiedAt = state.clock.now().getTime();
  return { status: 201, body: '', contentType: 'text/plain' };
}

function changeState(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const job = jobOf(state, request, 'ingest');
  const wanted = requestedState(jsonObjectBody(request));
  const now = state.clock.now().getTime();
  if (wanted === 'UploadComplete') {
    if (job.state !== 'Open') {
      throw bulkError(400, 'INVALIDJOBSTATE', `Job ${job.id} is ${job.state}, not Open: it cannot be closed`);
    }
    job.state = 'UploadComplete';
    job.closedAt = now;
  } else if (wanted === 'Aborted') {
    if (isTerminal(job.state)) {
      throw bulkError(400, 'INVALIDJOBSTATE', `Job ${job.id} is already ${job.state} and cannot be aborted`);
    }
    job.state = 'Aborted';
    job.finishedAt = now;
  } else {
    throw bulkError(400, 'INVALIDJOBSTATE', `Invalid state for an ingest job: ${wanted}`);
  }
  job.modifiedAt = now;
  return { status: 200, body: stateChangeInfo(job) };
}

type ResultKind = 'successfulResults' | 'failedResults' | 'unprocessedrecords';

function results(state: EmulatorState, request: EmulatorRequest, kind: ResultKind): EmulatorResponse {
  const job = jobOf(state, request, 'ingest');
  const rows = job.upload?.rows ?? [];
  const lineBreak = job.lineEnding === 'CRLF' ? '\r\n' : '\n';
  const original = (row: number): string[] => [...(rows[row] ?? [])];
  let prefix: string[];
  let data: string[][];
  if (kind === 'unprocessedrecords') {
    const done = new Set(job.results.map((result) => result.row));
    prefix = [];
    data = isTerminal(job.state)
      ? rows
          .map((_, row) => row)
          .filter((row) => !done.has(row))
          .map(original)
      : [];
  } else if (kind === 'successfulResults') {
    prefix = ['sf__Id', 'sf__Created'];
    data = job.results
      .filter((result) => result.error === undefined)
      .map((result) => [result.id, String(result.created), ...original(result.row)]);
  } else {
    prefix = ['sf__Id', 'sf__Error'];
    data = job.results
      .filter((result) => result.error !== undefined)
      .map((result) => [result.id, result.error ?? '', ...original(result.row)]);
  }
  const head = [writeRows([prefix], job).replace(/\r?\n$/, ''), job.upload?.headerLine ?? '']
    .filter((part) => part !== '')
    .join(COLUMN_DELIMITERS[job.columnDelimiter]);
  return { status: 200, contentType: 'text/csv', body: `${head}${lineBreak}${writeRows(data, job)}` };
}

export function ingestJobRoutes(state: EmulatorState): Route[] {
  const one = new RegExp(`^/jobs/ingest/${JOB}/?$`);
  return [
    { method: 'POST', pattern: /^\/jobs\/ingest\/?$/, handler: (r) => createJob(state, r) },
    {
      method: 'GET',
      pattern: /^\/jobs\/ingest\/?$/,
      handler: () => ({ status: 200, body: jobList(state.bulk.list('ingest')) }),
    },
    {
      method: 'PUT',
      pattern: new RegExp(`^/jobs/ingest/${JOB}/batches/?$`),
      handler: (r) => upload(state, r),
    },
    { method: 'PATCH', pattern: one, handler: (r) => changeState(state, r) },
    {
      method: 'GET',
      pattern: one,
      handler: (r) => ({ status: 200, body: fullJobInfo(jobOf(state, r, 'ingest')) }),
    },
    {
      method: 'DELETE',
      pattern: one,
      handler: (r) => {
        const job = jobOf(state, r, 'ingest');
        if (job.state === 'InProgress') {
          throw bulkError(400, 'INVALIDJOBSTATE', `Job ${job.id} is InProgress and cannot be deleted`);
        }
        state.bulk.remove(job.id);
        return { status: 204 };
      },
    },
    ...(['successfulResults', 'failedResults', 'unprocessedrecords'] as const).map((kind) => ({
      method: 'GET',
      pattern: new RegExp(`^/jobs/ingest/${JOB}/${kind}/?$`),
      handler: (r: EmulatorRequest) => results(state, r, kind),
    })),
  ];
}
