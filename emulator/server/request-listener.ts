/**
 * The emulator's node:http request listener: OAuth (never faulted), the versions list, REST under
 * /services/data/vNN.N (rest-pipeline.ts: faults, latency, auth, limits), and (when enabled) test
 * endpoints. Counts calls by endpoint and requests in flight.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { handleRevokeRequest, handleTokenRequest } from '../auth/token-endpoint.js';
import type { RequestTrace } from '../faults/fault-decider.js';
import type { EmulatorState } from './emulator-state.js';
import type { EmulatorResponse, Route } from './http-types.js';
import { matchRoute, serveRest } from './rest-pipeline.js';
import { notFound, RestApiError } from './salesforce-errors.js';
import { send, unexpected } from './send-response.js';

const MAX_BODY_BYTES = 150 * 1024 * 1024;
const REST_PATH = /^\/services\/data\/v(\d{2,3}\.\d)(\/.*)?$/;
/** Requests that are not under fault decisions (token calls, test endpoints). */
const NO_TRACE: RequestTrace = { identity: '', attempt: 0 };

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
    // The Date header tells clients the server's time; it comes from the org's clock (--now).
    const ids = {
      'x-request-id': requestId,
      'x-sfdc-request-id': requestId,
      date: state.clock.now().toUTCString(),
    };
    const method = (request.method ?? 'GET').toUpperCase();
    const url = new URL(request.url ?? '/', state.baseUrl || 'http://127.0.0.1');
    const path = url.pathname;
    const rest = REST_PATH.exec(path);
    const testEndpoint = path.startsWith('/__emulator/');
    if (!testEndpoint) {
      const key = callKey(method, path);
      state.callCounts.set(key, (state.callCounts.get(key) ?? 0) + 1);
      response.once('close', state.inFlight.begin(rest !== null));
    }
    void (async () => {
      try {
        const body = await readBody(request);
        const base = { method, url, headers: request.headers, body };
        const plain = { ...base, params: {}, apiVersion: '', userId: '', trace: NO_TRACE };
        if (path === '/services/oauth2/token' && method === 'POST') {
          send(response, await handleTokenRequest(state, plain), ids);
        } else if (path === '/services/oauth2/revoke' && method === 'POST') {
          send(response, handleRevokeRequest(state, plain), ids);
        } else if (/^\/services\/data\/?$/.test(path)) {
          send(response, versionsList(), ids);
        } else if (rest?.[1]) {
          await serveRest(state, routes.rest, { request, response }, base, rest[1], rest[2] ?? '/', ids);
        } else {
          const matched = matchRoute(routes.plain, method, path);
          if (!matched || matched === 'method-not-allowed') throw notFound();
          state.bulk.advance();
          send(response, await matched.route.handler({ ...plain, params: matched.params }), ids);
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
