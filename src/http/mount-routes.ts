/**
 * Puts declared routes on an express app: a token and the route's role first (401/403 before any
 * validation, so an anonymous caller learns nothing about valid input), then the params, query
 * and body through their schemas (a ZodError becomes a 400), then the handler.
 */
import type { Express, Request, Response } from 'express';

import type { ApiRoute } from './api-route.js';
import { authenticate, callerOf, requireRole } from './auth/authenticate.js';
import { HttpError } from './http-error.js';
import type { HttpDeps } from './http-deps.js';

function hasBody(request: Request): boolean {
  const body: unknown = request.body;
  return body !== undefined && !(typeof body === 'object' && body !== null && Object.keys(body).length === 0);
}

async function answer(route: ApiRoute, deps: HttpDeps, request: Request, response: Response): Promise<void> {
  if (!route.body && hasBody(request))
    throw new HttpError(400, 'invalid_request', `${route.method.toUpperCase()} ${route.path} takes no body`);
  const input = {
    params: route.params ? route.params.parse(request.params) : {},
    query: route.query ? route.query.parse(request.query) : {},
    body: route.body ? route.body.parse(request.body ?? {}) : undefined,
    caller: route.role === 'public' ? undefined : callerOf(request),
    request,
  };
  const result = await route.handle(input, deps);
  response.status(result.status ?? 200);
  if ('json' in result) response.json(result.json);
  else response.type(result.contentType).send(result.text);
}

export function mountRoutes(app: Express, routes: readonly ApiRoute[], deps: HttpDeps): void {
  const authenticated = authenticate(deps.tokens);
  for (const route of routes) {
    const guards = route.role === 'public' ? [] : [authenticated, requireRole(route.role)];
    app[route.method](route.path, ...guards, (request: Request, response: Response) =>
      answer(route, deps, request, response),
    );
  }
}
