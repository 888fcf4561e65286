/**
 * The API's description: `GET /api/v1/openapi.json` (a viewer token, like every API route) and an
 * interactive page at `/api/v1/docs/` served from this machine (no CDN). The page is static and
 * holds no data: it asks for a token and sends it with every request it makes, the document's
 * included.
 */
import path from 'node:path';

import express, { type Express } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';

import { defineRoute, type ApiRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { NoQuery } from '../schemas/common.js';
import { buildOpenApiDocument } from './openapi-document.js';

export const API_DOCS_PATH = `${API_PREFIX}/docs`;

/** The document route, describing `routes` and itself. */
export function openApiRoute(routes: readonly ApiRoute[], version: string): ApiRoute {
  let document: unknown;
  const route: ApiRoute = defineRoute({
    method: 'get',
    path: `${API_PREFIX}/openapi.json`,
    tag: 'docs',
    summary: 'This API’s OpenAPI 3.1 document',
    role: 'viewer',
    query: NoQuery,
    responses: { 200: { description: 'The document', contentType: 'application/json' } },
    handle: () => {
      document ??= buildOpenApiDocument([...routes, route], version);
      return Promise.resolve({ json: document });
    },
  });
  return route;
}

/**
 * Serves the docs page from `webDir/api-docs` and Swagger UI's files from its npm package (static
 * files, not routes: `/api/v1/docs` redirects to `/api/v1/docs/` on its own).
 */
export function mountApiDocsPage(app: Express, webDir: string): void {
  app.use(`${API_DOCS_PATH}/assets`, express.static(getAbsoluteFSPath(), { index: false }));
  app.use(API_DOCS_PATH, express.static(path.join(webDir, 'api-docs')));
}
