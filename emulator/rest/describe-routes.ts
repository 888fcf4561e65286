/**
 * Describe: the global list (`/sobjects`), one object's basic info, and its full describe with
 * ETag/Last-Modified (a client's If-Modified-Since gets 304 while the schema is unchanged).
 */
import { describeSObject } from '../schema/index.js';
import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse, Route } from '../server/http-types.js';
import { schemaOrNotFound } from './sobject-routes.js';

function describeGlobal(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const sobjects = state.store.objectNames.flatMap((name) => {
    const schema = state.store.schemaOf(name);
    if (!schema) return [];
    const {
      fields: _fields,
      childRelationships: _children,
      ...summary
    } = describeSObject(schema, request.apiVersion, state.baseUrl);
    return [summary];
  });
  return { status: 200, body: { encoding: 'UTF-8', maxBatchSize: 200, sobjects } };
}

export function describeRoutes(state: EmulatorState, schemaChangedAt: Date): Route[] {
  const lastModified = schemaChangedAt.toUTCString();
  const etag = `"${schemaChangedAt.getTime().toString(16)}"`;
  return [
    { method: 'GET', pattern: /^\/sobjects\/?$/, handler: (r) => describeGlobal(state, r) },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(?<type>\w+)\/describe\/?$/,
      handler: (request) => {
        const schema = schemaOrNotFound(state, request);
        const since = request.headers['if-modified-since'];
        if (since && Date.parse(since) >= Math.floor(schemaChangedAt.getTime() / 1000) * 1000) {
          return { status: 304, headers: { etag, 'last-modified': lastModified } };
        }
        return {
          status: 200,
          headers: { etag, 'last-modified': lastModified },
          body: describeSObject(schema, request.apiVersion, state.baseUrl),
        };
      },
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(?<type>\w+)\/?$/,
      handler: (request) => {
        const schema = schemaOrNotFound(state, request);
        const {
          fields: _fields,
          childRelationships: _children,
          ...objectDescribe
        } = describeSObject(schema, request.apiVersion, state.baseUrl);
        return { status: 200, body: { objectDescribe, recentItems: [] } };
      },
    },
  ];
}
