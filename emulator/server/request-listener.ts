/**
 * The emulator's node:http request listener: OAuth, the versions list, authenticated and counted
 * REST under /services/data/vNN.N, and (when enabled) test endpoints. Every REST response, errors
 * included, carries Sforce-Limit-Info and Salesforce's usual headers.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleRevokeRequest, handleTokenRequest } from '../auth/token-endpoint.js';
import type { EmulatorState } from './emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from './http-types.js';
import { invalidSession, notFound, RestApiError } from './salesforce-errors.js';

const MAX_BODY_BYTES = 150 * 1024 * 1024;
const REST_PATH = /^\/services\/data\/v(\d{2,3}\.\d)(\/.*)?$/;

const BASE_HEADERS = {
  server: 'sfdcedge',
  'cache-control': 'no-cache,must-revalidate,max-age=0,no-store,private',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'none',
  vary: 'Accept-Encoding',
};

export interface RouteTables {
  /** Matched against the path after `/services/data/vNN.N`. */
  readonly rest: readonly Route[];
  /** Matched against the whole path, no auth (test endpoints). */
  readonly plain: readonly Route[];
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RestApiError(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    request.on('error', reject);
  });
}

/** `GET /services/data/vXX.X/query/01g...-2000` -> `GET /services/data/vXX.X/query/:locator`, for call counts. */
function callKey(method: string, path: string): string {
  const normalised = path
    .replace(/^\/services\/data\/v\d+\.\d/, '/services/data/vXX.X')
    .replace(/\/01g[A-Za-z0-9]+-\d+$/, '/:locator')
    .replace(/\/[A-Za-z0-9]{18}(?=\/|$)|\/[A-Za-z0-9]{15}(?=\/|$)/g, '/:id');
  return `${method} ${normalised}`;
}

function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
  let pathMatched: Route[] = [];
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, params: { ...match.groups } };
    pathMatched = [...pathMatched, route];
  }
  return pathMatched.length > 0 ? 'method-not-allowed' : undefined;
}

function send(
  response: ServerResponse,
  result: EmulatorResponse,
  extraHeaders: Record<string, string>,
): void {
  const headers: Record<string, string> = { ...BASE_HEADERS, ...extraHeaders, ...result.headers };
  let payload: string | Buffer | undefined;
  if (result.body === undefined || result.status === 204 || result.status === 304) {
    payload = undefined;
  } else if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) {
    payload = result.body;
    headers['content-type'] = result.contentType ?? 'text/plain;charset=UTF-8';
  } else {
    payload = JSON.stringify(result.body);
    headers['content-type'] = result.contentType ?? 'application/json;charset=UTF-8';
  }
  response.writeHead(result.status, headers);
  response.end(payload);
}

function unexpected(error: unknown): EmulatorResponse {
  const errorId = `${String(Math.floor(Math.random() * 1e9))}-${String(Math.floor(Math.random() * 1e6))}`;
  process.stderr.write(`emulator: unexpected error ${errorId}: ${(error as Error).stack ?? String(error)}\n`);
  return {
    status: 500,
    body: [
      {
        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
        errorCode: 'UNKNOWN_EXCEPTION',
      },
    ],
  };
}

async function handleRest(
  state: EmulatorState,
  routes: readonly Route[],
  base: Omit<EmulatorRequest, 'params' | 'apiVersion' | 'userId'>,
  apiVersion: string,
  restPath: string,
): Promise<EmulatorResponse> {
  const header = base.headers.authorization ?? '';
  const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1];
  const session = token ? state.sessions.sessionOf(token) : undefined;
  if (!session) throw invalidSession();
  if (!state.usage.tryConsume())
    throw new RestApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  const matched = matchRoute(routes, base.method, restPath || '/');
  if (matched === undefined) throw notFound();
  if (matched === 'method-not-allowed') {
    const allowed = routes.filter((route) => route.pattern.test(restPath)).map((route) => route.method);
    throw new RestApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${base.method}' not allowed. Allowed are ${[...new Set(allowed)].join(',')}`,
    );
  }
  return matched.route.handler({ ...base, params: matched.params, apiVersion, userId: session.userId });
}

function versionsList(): EmulatorResponse {
  const versions = [];
  for (let major = 31; major <= 66; major += 1) {
    versions.push({ label: `API ${major}.0`, url: `/services/data/v${major}.0`, version: `${major}.0` });
  }
  return { status: 200, body: versions };
}

export function createRequestListener(state: EmulatorState, routes: RouteTables) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const requestId = randomBytes(16).toString('hex');
    const ids = { 'x-request-id': requestId, 'x-sfdc-request-id': requestId };
    void (async () => {
      const method = (request.method ?? 'GET').toUpperCase();
      const url = new URL(request.url ?? '/', state.baseUrl || 'http://127.0.0.1');
      const path = url.pathname;
      state.callCounts.set(callKey(method, path), (state.callCounts.get(callKey(method, path)) ?? 0) + 1);
      const rest = REST_PATH.exec(path);
      try {
        const body = await readBody(request);
        const base = { method, url, headers: request.headers, body };
        if (path === '/services/oauth2/token' && method === 'POST') {
          send(
            response,
            await handleTokenRequest(state, { ...base, params: {}, apiVersion: '', userId: '' }),
            ids,
          );
        } else if (path === '/services/oauth2/revoke' && method === 'POST') {
          send(
            response,
            handleRevokeRequest(state, { ...base, params: {}, apiVersion: '', userId: '' }),
            ids,
          );
        } else if (/^\/services\/data\/?$/.test(path)) {
          send(response, versionsList(), ids);
        } else if (rest?.[1]) {
          const result = await handleRest(state, routes.rest, base, rest[1], rest[2] ?? '/');
          send(response, result, { ...ids, 'sforce-limit-info': state.usage.header() });
        } else {
          const matched = matchRoute(routes.plain, method, path);
          if (!matched || matched === 'method-not-allowed') throw notFound();
          send(
            response,
            await matched.route.handler({ ...base, params: matched.params, apiVersion: '', userId: '' }),
            ids,
          );
        }
      } catch (error) {
        const limit = rest ? { 'sforce-limit-info': state.usage.header() } : {};
        const result =
          error instanceof RestApiError ? { status: error.status, body: error.toBody() } : unexpected(error);
        send(response, result, { ...ids, ...limit });
      }
    })();
  };
}
