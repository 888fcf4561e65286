/**
 * The OpenAPI 3.1 document, generated from the routes' own zod schemas: every declared route is in
 * it, with the role it needs and every error it can answer in the one documented shape.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';

import type { ApiRoute, RouteResponse } from '../api-route.js';
import { openApiPath } from '../api-route.js';
import { ErrorResponse } from '../schemas/common.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const BEARER = 'bearerToken';

function errorResponses(route: ApiRoute): Record<number, RouteResponse> {
  const errors: Record<number, RouteResponse> = {};
  if (route.params ?? route.query ?? route.body)
    errors[400] = { description: 'Invalid request: `details` names each bad field', schema: ErrorResponse };
  if (route.role !== 'public') {
    errors[401] = { description: 'No valid bearer token', schema: ErrorResponse };
    errors[403] = { description: `The token lacks the ${route.role} role or the org`, schema: ErrorResponse };
  }
  if (route.path.includes(':')) errors[404] = { description: 'No such org or record', schema: ErrorResponse };
  errors[500] = { description: 'Pulse failed; the server log has the request id', schema: ErrorResponse };
  return errors;
}

function content(response: RouteResponse) {
  return {
    description: response.description,
    ...(response.schema || response.contentType
      ? {
          content: {
            [response.contentType ?? 'application/json']: {
              schema: response.schema ?? { type: 'string' as const },
            },
          },
        }
      : {}),
  };
}

export function buildOpenApiDocument(routes: readonly ApiRoute[], version: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', BEARER, {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from `http.tokens` in the configuration (stored there as its SHA-256).',
  });
  for (const route of routes) {
    const responses = { ...errorResponses(route), ...route.responses };
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      operationId: `${route.method}${openApiPath(route.path).replace(/[^A-Za-z0-9]+(\w)?/g, (_, next?: string) => (next ?? '').toUpperCase())}`,
      summary: route.summary,
      description: [
        route.description,
        route.role === 'public' ? 'No token needed.' : `Needs the ${route.role} role.`,
      ]
        .filter(Boolean)
        .join(' '),
      tags: [route.tag],
      ...(route.role === 'public' ? { security: [] } : { security: [{ [BEARER]: [] }] }),
      request: {
        ...(route.params ? { params: route.params as never } : {}),
        ...(route.query ? { query: route.query as never } : {}),
        ...(route.body
          ? { body: { required: true, content: { 'application/json': { schema: route.body } } } }
          : {}),
      },
      responses: Object.fromEntries(
        Object.entries(responses).map(([status, answer]) => [status, content(answer)]),
      ),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Pulse API',
      version,
      description:
        'Customer-health signals kept inside Salesforce: orgs, runs, accounts and diagnostics. Every route but the probes needs `Authorization: Bearer <token>`.',
    },
    servers: [{ url: '/' }],
    security: [{ [BEARER]: [] }],
  });
}
