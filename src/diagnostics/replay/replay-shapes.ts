/**
 * The (method, path) shapes Pulse itself sends — the only requests replay will re-send. Each is
 * read off the code that sends it (salesforce-client.ts, bulk-query.ts, bulk-ingest.ts, and
 * jsforce's URL building behind them). Read or write is per shape, not per method: creating a Bulk
 * query job is a POST that only reads, and creating an ingest job is a POST that changes the org.
 */

export type ShapeName =
  | 'versions'
  | 'query'
  | 'query-all'
  | 'query-more'
  | 'describe'
  | 'limits'
  | 'record-get'
  | 'record-update'
  | 'collection-update'
  | 'collection-upsert'
  | 'bulk-query-create'
  | 'bulk-query-state'
  | 'bulk-query-results'
  | 'bulk-ingest-create'
  | 'bulk-ingest-state'
  | 'bulk-ingest-close'
  | 'bulk-ingest-upload'
  | 'bulk-ingest-results';

export type ReplayMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

/** The query string a shape takes: none, `?q=<SOQL>`, or a Bulk result set's `?maxRecords=&locator=`. */
export type QueryRule = 'none' | 'soql' | 'bulk-results';

/** The request body a shape takes (see replay-body.ts). */
export type BodyRule =
  | 'none'
  | 'collection-update'
  | 'collection-upsert'
  | 'record-fields'
  | 'bulk-query-job'
  | 'bulk-ingest-job'
  | 'bulk-ingest-close'
  | 'csv';

export interface ReplayShape {
  readonly name: ShapeName;
  readonly method: ReplayMethod;
  /** The whole path, anchored; named groups (`type`, `field`) are read by the body rule. */
  readonly path: RegExp;
  readonly kind: 'read' | 'write';
  readonly query: QueryRule;
  readonly body: BodyRule;
  /** What Pulse sends with it; recorded headers are never re-sent (auth is fresh, the rest is Pulse's). */
  readonly headers: Readonly<Record<string, string>>;
}

const V = String.raw`/services/data/v\d{2,3}\.\d`;
const NAME = String.raw`[A-Za-z][A-Za-z0-9_]{0,79}`;
const RECORD_ID = String.raw`[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?`;
/** Bulk API 2.0 job ids (the key prefix 750), as bulk-ingest.ts checks them. */
const JOB_ID = String.raw`750[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?`;
/** A query cursor, `01g...-2000`: jsforce rebuilds `nextRecordsUrl` as `/query/<locator>`. */
const LOCATOR = String.raw`01g[A-Za-z0-9]{12,15}-\d{1,9}`;

const path = (rest: string): RegExp => new RegExp(`^${V}${rest}$`);
const JSON_BODY = { 'content-type': 'application/json' } as const;
const NO_HEADERS = {} as const;

export const REPLAY_SHAPES: readonly ReplayShape[] = [
  // serverTime() and apiVersions(): the versions list, which Salesforce does not count.
  {
    name: 'versions',
    method: 'GET',
    path: /^\/services\/data\/$/,
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'query',
    method: 'GET',
    path: path('/query'),
    kind: 'read',
    query: 'soql',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'query-all',
    method: 'GET',
    path: path('/queryAll'),
    kind: 'read',
    query: 'soql',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'query-more',
    method: 'GET',
    path: path(`/query(?:All)?/${LOCATOR}`),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'describe',
    method: 'GET',
    path: path(`/sobjects/(?<type>${NAME})/describe`),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'limits',
    method: 'GET',
    path: path('/limits'),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'record-get',
    method: 'GET',
    path: path(`/sobjects/(?<type>${NAME})/(?<id>${RECORD_ID})`),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  // jsforce's update() below API 42.0 sends one PATCH per record instead of a collection.
  {
    name: 'record-update',
    method: 'PATCH',
    path: path(`/sobjects/(?<type>${NAME})/(?<id>${RECORD_ID})`),
    kind: 'write',
    query: 'none',
    body: 'record-fields',
    headers: JSON_BODY,
  },
  // updateRecords(): sObject Collections, 200 records at most, allOrNone false.
  {
    name: 'collection-update',
    method: 'PATCH',
    path: path('/composite/sobjects'),
    kind: 'write',
    query: 'none',
    body: 'collection-update',
    headers: JSON_BODY,
  },
  {
    name: 'collection-upsert',
    method: 'PATCH',
    path: path(`/composite/sobjects/(?<type>${NAME})/(?<field>${NAME})`),
    kind: 'write',
    query: 'none',
    body: 'collection-upsert',
    headers: JSON_BODY,
  },
  // A query job reads: creating one changes no record (it does count against Bulk job limits).
  {
    name: 'bulk-query-create',
    method: 'POST',
    path: path('/jobs/query'),
    kind: 'read',
    query: 'none',
    body: 'bulk-query-job',
    headers: JSON_BODY,
  },
  {
    name: 'bulk-query-state',
    method: 'GET',
    path: path(`/jobs/query/${JOB_ID}`),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'bulk-query-results',
    method: 'GET',
    path: path(`/jobs/query/${JOB_ID}/results`),
    kind: 'read',
    query: 'bulk-results',
    body: 'none',
    headers: { accept: 'text/csv' },
  },
  // An ingest job is a write from its creation: it exists in the org, open, until closed or aborted.
  {
    name: 'bulk-ingest-create',
    method: 'POST',
    path: path('/jobs/ingest'),
    kind: 'write',
    query: 'none',
    body: 'bulk-ingest-job',
    headers: JSON_BODY,
  },
  {
    name: 'bulk-ingest-state',
    method: 'GET',
    path: path(`/jobs/ingest/${JOB_ID}`),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: NO_HEADERS,
  },
  {
    name: 'bulk-ingest-close',
    method: 'PATCH',
    path: path(`/jobs/ingest/${JOB_ID}`),
    kind: 'write',
    query: 'none',
    body: 'bulk-ingest-close',
    headers: JSON_BODY,
  },
  {
    name: 'bulk-ingest-upload',
    method: 'PUT',
    path: path(`/jobs/ingest/${JOB_ID}/batches`),
    kind: 'write',
    query: 'none',
    body: 'csv',
    headers: { 'content-type': 'text/csv' },
  },
  {
    name: 'bulk-ingest-results',
    method: 'GET',
    path: path(`/jobs/ingest/${JOB_ID}/(?:successfulResults|failedResults|unprocessedrecords)/?`),
    kind: 'read',
    query: 'none',
    body: 'none',
    headers: { accept: 'text/csv' },
  },
];

/** The shape of (method, path), with its named path groups; undefined when Pulse never sends it. */
export function matchShape(
  method: string,
  path: string,
): { readonly shape: ReplayShape; readonly groups: Readonly<Record<string, string>> } | undefined {
  for (const shape of REPLAY_SHAPES) {
    if (shape.method !== method) continue;
    const match = shape.path.exec(path);
    if (match) return { shape, groups: { ...match.groups } };
  }
  return undefined;
}

/** Whether any shape has this path, whatever the method: to tell "wrong method" from "unknown path". */
export function methodsForPath(path: string): ReplayMethod[] {
  return REPLAY_SHAPES.filter((shape) => shape.path.test(path)).map((shape) => shape.method);
}
