/**
 * What query and ingest job routes share: the job id a create request mints (derived from the
 * request's identity, so runs replay), the job a path names, the CSV format options of a create
 * body, and Bulk API 2.0's errors (`[{errorCode, message}]`).
 */
import { base62Of } from '../faults/hash.js';
import { to18 } from '../org/ids.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest } from '../server/http-types.js';
import { RestApiError } from '../server/salesforce-errors.js';
import type { BulkJob, IngestJob, QueryJob } from './bulk-jobs.js';
import { isColumnDelimiter, type CsvFormat } from './csv-format.js';

/** A request value as text for an error message. */
export function text(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return value === undefined ? '' : JSON.stringify(value);
}

export const bulkError = (status: number, errorCode: string, message: string): RestApiError =>
  new RestApiError(status, errorCode, message);

export const jobNotFound = (): RestApiError =>
  bulkError(404, 'NOT_FOUND', 'The requested resource does not exist');

export function newJobId(state: EmulatorState, request: EmulatorRequest): string {
  const { identity, attempt } = request.trace;
  return to18(`7505e${base62Of(10, state.faults.seed, identity, attempt, 'bulk-job')}`);
}

export function jobOf(state: EmulatorState, request: EmulatorRequest, kind: 'query'): QueryJob;
export function jobOf(state: EmulatorState, request: EmulatorRequest, kind: 'ingest'): IngestJob;
export function jobOf(state: EmulatorState, request: EmulatorRequest, kind: BulkJob['kind']): BulkJob {
  const job = state.bulk.get(to18((request.params['id'] ?? '').slice(0, 15)));
  if (job?.kind !== kind) throw jobNotFound();
  return job;
}

/** `columnDelimiter` and `lineEnding` of a create body (COMMA and LF by default). */
export function csvFormatOf(body: Readonly<Record<string, unknown>>): CsvFormat {
  const delimiter = body['columnDelimiter'] ?? 'COMMA';
  const ending = body['lineEnding'] ?? 'LF';
  if (!isColumnDelimiter(delimiter)) {
    throw bulkError(400, 'INVALIDJOB', `Invalid column delimiter: ${text(delimiter)}`);
  }
  if (ending !== 'LF' && ending !== 'CRLF') {
    throw bulkError(400, 'INVALIDJOB', `Invalid line ending: ${text(ending)}`);
  }
  const contentType = body['contentType'] ?? 'CSV';
  if (contentType !== 'CSV') throw bulkError(400, 'INVALIDJOB', `Invalid content type: ${text(contentType)}`);
  return { columnDelimiter: delimiter, lineEnding: ending };
}

/** The `state` of a PATCH body. */
export function requestedState(body: Readonly<Record<string, unknown>>): string {
  const state = body['state'];
  if (typeof state !== 'string') throw bulkError(400, 'INVALIDJOBSTATE', 'A state must be given');
  return state;
}

/** Salesforce's upper-case state names in error messages (`IN_PROGRESS`). */
export const stateConstant = (state: string): string =>
  state.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
