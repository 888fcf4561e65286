/**
 * One authenticated REST call under /services/data/vNN.N: the concurrent long-running request
 * limit, the fault and latency decided for the request, authentication and the daily allocation,
 * routing, then the faults that spoil an answer (dropped, slow, truncated, empty).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import { CONCURRENT_LONG_TXN_BODY, isRefusing, refusal } from '../faults/fault-responses.js';
import type { EmulatorState } from './emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from './http-types.js';
import { invalidSession, notFound, RestApiError } from './salesforce-errors.js';
import { hasBody, send, unexpected } from './send-response.js';

export type RestBase = Omit<EmulatorRequest, 'params' | 'apiVersion' | 'userId' | 'trace'>;

const bearerToken = (request: RestBase): string | undefined =>
  /^(?:Bearer|OAuth)\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1];

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    if (route.method === method) return { route, params: { ...match.groups } };
    pathMatched = true;
  }
  return pathMatched ? 'method-not-allowed' : undefined;
}

async function route(
  state: EmulatorState,
  routes: readonly Route[],
  request: Omit<EmulatorRequest, 'params' | 'userId'>,
  restPath: string,
): Promise<EmulatorResponse> {
  const token = bearerToken(request);
  const session = token ? state.sessions.sessionOf(token) : undefined;
  if (!session) throw invalidSession();
  if (!state.usage.tryConsume())
    throw new RestApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  const matched = matchRoute(routes, request.method, restPath || '/');
  if (matched === undefined) throw notFound();
  if (matched === 'method-not-allowed') {
    const allowed = routes.filter((entry) => entry.pattern.test(restPath)).map((entry) => entry.method);
    throw new RestApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${request.method}' not allowed. Allowed are ${[...new Set(allowed)].join(',')}`,
    );
  }
  return matched.route.handler({ ...request, params: matched.params, userId: session.userId });
}

const errorResponse = (error: unknown): EmulatorResponse =>
  error instanceof RestApiError ? { status: error.status, body: error.toBody() } : unexpected(error);

export async function serveRest(
  state: EmulatorState,
  routes: readonly Route[],
  http: { readonly request: IncomingMessage; readonly response: ServerResponse },
  base: RestBase,
  apiVersion: string,
  restPath: string,
  ids: Record<string, string>,
): Promise<void> {
  const { options, faults } = state;
  const limitInfo = (): Record<string, string> => ({ ...ids, 'sforce-limit-info': state.usage.header() });
  const trace = faults.trace(base.method, base.url, base.body);
  const { fault, latencyMs } = faults.decide(trace);

  // Salesforce's own limit on long-running requests (not an injected fault).
  if (state.inFlight.longRunning(options.longRequestMs) >= options.longRequestConcurrency) {
    send(http.response, { status: 403, body: CONCURRENT_LONG_TXN_BODY }, limitInfo());
    return;
  }
  if (latencyMs > 0) await sleep(latencyMs);
  if (fault !== undefined) faults.note({ kind: fault, ...trace });
  if (fault === 'connectionReset') {
    http.request.socket.destroy();
    return;
  }
  if (fault !== undefined && isRefusing(fault)) {
    if (fault === 'sessionExpiry') {
      const token = bearerToken(base);
      if (token) state.sessions.revoke(token);
    }
    send(http.response, refusal(fault), fault === 'htmlErrorPage' ? ids : limitInfo());
    return;
  }

  let result: EmulatorResponse;
  try {
    state.bulk.advance();
    result = await route(state, routes, { ...base, apiVersion, trace }, restPath);
  } catch (error) {
    result = errorResponse(error);
  }
  switch (fault) {
    case 'responseDropped':
      http.request.socket.destroy();
      return;
    case 'slowResponse':
      await sleep(faults.profile.slowResponseMs);
      send(http.response, result, limitInfo());
      return;
    case 'truncatedJson':
      send(http.response, result, limitInfo(), { truncate: hasBody(result) });
      return;
    case 'empty200':
      send(
        http.response,
        { status: 200, body: Buffer.alloc(0), contentType: 'application/json;charset=UTF-8' },
        limitInfo(),
      );
      return;
    case undefined:
      send(http.response, result, limitInfo());
  }
}
