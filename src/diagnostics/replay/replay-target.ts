/**
 * Decides whether a stored call may be re-sent, and exactly what would go out: the recorded method,
 * path, query and body, always to the org's own instance URL (never to the recorded origin), with
 * Pulse's own headers and fresh auth added by the caller. Pure: it sends nothing, so a refusal is
 * by construction a request that never reached the network. It does not check the HMAC signature:
 * `signedReplayTarget` does that first.
 */
import { REDACTED } from '../../redaction/redactor.js';
import type { StoredCall } from '../call-store/stored-call.js';
import { checkBody, type CollectionRecord } from './replay-body.js';
import { pathProblem } from './replay-path.js';
import { refuse, shown, type ReplayRefusal } from './replay-refusal.js';
import {
  matchShape,
  methodsForPath,
  type QueryRule,
  type ReplayMethod,
  type ShapeName,
} from './replay-shapes.js';

export type { CollectionRecord } from './replay-body.js';
export type { RefusalCode, ReplayRefusal } from './replay-refusal.js';
export type { ReplayMethod, ShapeName } from './replay-shapes.js';

export interface ReplayTarget {
  readonly replayable: true;
  readonly method: ReplayMethod;
  /** The org's instance URL + the recorded path and query string. */
  readonly url: string;
  readonly body?: string;
  /** Pulse's headers for this shape (content type, accept). Recorded headers are never re-sent. */
  readonly headers: Readonly<Record<string, string>>;
  /** Per shape, not per method: a Bulk query job's POST reads. A write needs the caller's confirm. */
  readonly kind: 'read' | 'write';
  readonly shape: ShapeName;
  /** A collection write's records, in request order (for compare-before-write and bisect). */
  readonly records?: readonly CollectionRecord[];
  readonly sObject?: string;
}

/** The recorder's mark on a body it cut at its size bound (recording-transport.ts). */
const CUT_MARK = '…[cut:';
const ENCODED_REDACTED = encodeURIComponent(REDACTED);
/** `?q=` and the SOQL as `encodeURIComponent` writes it (jsforce's query URL). */
const SOQL_QUERY = /^\?q=[A-Za-z0-9\-_.!~*'()%+]+$/;
/** `?maxRecords=n[&locator=x]`, as bulk-query.ts writes it with URLSearchParams. */
const BULK_RESULTS_QUERY = /^\?maxRecords=\d{1,9}(?:&locator=[A-Za-z0-9]{1,100})?$/;

export const isRefusal = (decision: ReplayTarget | ReplayRefusal): decision is ReplayRefusal =>
  !decision.replayable;

const isRedacted = (text: string): boolean =>
  text.toUpperCase().includes(REDACTED) || text.toUpperCase().includes(ENCODED_REDACTED.toUpperCase());

/** `https://Acme.my.salesforce.com:443` and `https://acme.my.salesforce.com` are one origin. */
function originOf(text: string): string | undefined {
  // URL parsers drop tabs and newlines silently: a record holding any is not a recorded origin.
  if (!/^[\x21-\x7e]+$/.test(text)) return undefined;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

function queryProblem(rule: QueryRule, query: string): ReplayRefusal | undefined {
  if (query === '') {
    return rule === 'soql' ? refuse('bad_query', 'the recorded query call has no "?q=" SOQL.') : undefined;
  }
  switch (rule) {
    case 'none':
      return refuse(
        'bad_query',
        `this call takes no query string, and the record has one (${shown(query)}).`,
      );
    case 'soql':
      if (!SOQL_QUERY.test(query)) {
        return refuse('bad_query', 'the query string is not the single "?q=<SOQL>" parameter Pulse sends.');
      }
      try {
        decodeURIComponent(query.slice(3).replace(/\+/g, ' '));
      } catch {
        return refuse('bad_query', 'the SOQL in the query string holds a broken percent-escape.');
      }
      return undefined;
    case 'bulk-results':
      return BULK_RESULTS_QUERY.test(query)
        ? undefined
        : refuse(
            'bad_query',
            'the query string is not the "?maxRecords=&locator=" Pulse sends for Bulk results.',
          );
  }
}

/**
 * What replaying `call` would send, or why it will not be sent.
 * @param instanceUrl the org's instance URL from its current session (`https://acme.my.salesforce.com`)
 */
export function replayTarget(call: StoredCall, instanceUrl: string): ReplayTarget | ReplayRefusal {
  const instance = originOf(instanceUrl.replace(/\/+$/, '') + '/');
  if (instance === undefined) {
    // Configuration, not the record: no request could be checked against a host that is not one.
    throw new TypeError(`replayTarget: the instance URL is not an http(s) origin: ${instanceUrl}`);
  }
  // A record read back from Redis is JSON: its fields are only as typed as its signature is good.
  const fields: Record<string, unknown> = { ...call };
  const { path, query, method: recordedMethod, origin, requestBody } = fields;
  if (typeof path !== 'string') return refuse('malformed_path', 'the record has no path.');
  if (typeof query !== 'string' || typeof recordedMethod !== 'string' || typeof origin !== 'string') {
    return refuse('not_replayable_shape', 'the record lacks its method, origin or query string.');
  }
  if (requestBody !== undefined && typeof requestBody !== 'string') {
    return refuse('bad_body', 'the recorded request body is not text.');
  }
  const unsafe = pathProblem(path);
  if (unsafe) return unsafe;
  if (call.kind === 'token' || path.toLowerCase().startsWith('/services/oauth2/')) {
    return refuse(
      'token_call',
      'this is an OAuth call: it carries credentials (an assertion, a secret, a refresh token) and is never ' +
        're-sent. Replay brings its own fresh session.',
    );
  }
  if (originOf(origin) !== instance) {
    return refuse(
      'foreign_host',
      `the call was recorded against ${shown(origin)}, which is not this org's instance URL ` +
        `(${instance}); replay only ever talks to the org's own instance.`,
    );
  }
  if (!path.startsWith('/services/')) {
    return refuse(
      'outside_services',
      `${shown(path)} is not under /services/ (the REST and Bulk APIs): Pulse sends nothing else, so nothing else is replayed.`,
    );
  }
  if (isRedacted(query) || (requestBody !== undefined && isRedacted(requestBody))) {
    return refuse(
      'redacted_request',
      'part of the request was redacted when it was stored ([REDACTED]): re-sending it would send the ' +
        'placeholder, not what was sent.',
    );
  }
  if (requestBody?.includes(CUT_MARK)) {
    return refuse(
      'truncated_body',
      "the request body was cut at the recorder's size bound: only its start is known, so it cannot be re-sent.",
    );
  }
  const method = recordedMethod.toUpperCase();
  const matched = matchShape(method, path);
  if (!matched) {
    const methods = methodsForPath(path);
    return refuse(
      'not_replayable_shape',
      methods.length > 0
        ? `Pulse sends ${methods.join(' or ')} to ${shown(path)}, never ${shown(method)}.`
        : `${shown(`${method} ${path}`)} is not a request Pulse sends; only Pulse's own calls are replayed.`,
    );
  }
  const { shape, groups } = matched;
  const badQuery = queryProblem(shape.query, query);
  if (badQuery) return badQuery;
  const body = checkBody(shape.body, requestBody, groups);
  if ('replayable' in body) return body;
  return {
    replayable: true,
    method: shape.method,
    url: `${instance}${path}${query}`,
    ...(requestBody === undefined || requestBody === '' ? {} : { body: requestBody }),
    headers: shape.headers,
    kind: shape.kind,
    shape: shape.name,
    ...(body.records ? { records: body.records } : {}),
    ...(body.sObject ? { sObject: body.sObject } : groups['type'] ? { sObject: groups['type'] } : {}),
  };
}
