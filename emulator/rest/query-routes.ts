/**
 * `query` and `queryAll`, and their locators: the first page answers the SOQL, later pages come
 * from the cursor a `nextRecordsUrl` names. Clients rebuild that URL with their own API version and
 * under `query` even for queryAll (jsforce does), so a locator works under any version.
 */
import { base62Of } from '../faults/hash.js';
import { compileQuery, SoqlError } from '../soql/index.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../server/http-types.js';
import { RestApiError } from '../server/salesforce-errors.js';
import type { QueryCursor } from './query-cursors.js';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;

/** `Sforce-Query-Options: batchSize=n`, kept within 200-2,000 as Salesforce does. */
function batchSizeOf(request: EmulatorRequest): number {
  const header = request.headers['sforce-query-options'];
  const match = /batchSize\s*=\s*(\d+)/i.exec(Array.isArray(header) ? header.join(',') : (header ?? ''));
  if (!match?.[1]) return DEFAULT_BATCH;
  return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

function page(cursor: QueryCursor, offset: number, apiVersion: string): EmulatorResponse {
  const end = Math.min(offset + cursor.batchSize, cursor.rows.length);
  const records = cursor.rows.slice(offset, end).map((row) => cursor.project(row, apiVersion));
  const done = end >= cursor.rows.length;
  return {
    status: 200,
    body: {
      totalSize: cursor.rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${apiVersion}/query/${cursor.id}-${end}` }),
      records,
    },
  };
}

function runQuery(state: EmulatorState, request: EmulatorRequest, includeDeleted: boolean): EmulatorResponse {
  const soql = request.url.searchParams.get('q');
  if (!soql) throw new RestApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  let compiled;
  try {
    compiled = compileQuery(soql, state.visibility.view, { includeDeleted });
  } catch (error) {
    if (error instanceof SoqlError) throw new RestApiError(400, error.errorCode, error.message);
    throw error;
  }
  const rows = compiled.execute();
  if (compiled.isCount) return { status: 200, body: { totalSize: rows.length, done: true, records: [] } };
  const batchSize = batchSizeOf(request);
  const project = compiled.project.bind(compiled);
  if (rows.length <= batchSize) {
    return {
      status: 200,
      body: {
        totalSize: rows.length,
        done: true,
        records: rows.map((row) => project(row, request.apiVersion)),
      },
    };
  }
  // The locator is derived from the request, so a replayed run pages through the same URLs.
  const { identity, attempt } = request.trace;
  const cursorId = `01g${base62Of(15, state.faults.seed, identity, attempt, 'cursor')}`;
  return page(state.cursors.open(rows, project, batchSize, cursorId), 0, request.apiVersion);
}

function nextPage(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const match = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(request.params['locator'] ?? '');
  const cursor = match?.[1] ? state.cursors.get(match[1]) : undefined;
  const offset = Number(match?.[2]);
  if (!cursor || offset > cursor.rows.length) {
    throw new RestApiError(404, 'INVALID_QUERY_LOCATOR', 'Invalid query locator');
  }
  return page(cursor, offset, request.apiVersion);
}

export function queryRoutes(state: EmulatorState): Route[] {
  return [
    { method: 'GET', pattern: /^\/query\/?$/, handler: (request) => runQuery(state, request, false) },
    { method: 'GET', pattern: /^\/queryAll\/?$/, handler: (request) => runQuery(state, request, true) },
    {
      method: 'GET',
      pattern: /^\/(?:query|queryAll)\/(?<locator>[^/]+)$/,
      handler: (request) => nextPage(state, request),
    },
  ];
}
