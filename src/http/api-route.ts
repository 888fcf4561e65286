/**
 * A route declared once — method, path, the role it needs, zod schemas for its params, query, body
 * and answers, and its handler — from which both the express router and the OpenAPI document are
 * built, so the document cannot drift from what the server does.
 */
import type { Request } from 'express';
import type { z } from 'zod';

import type { Caller, Role } from './auth/api-tokens.js';
import type { HttpDeps } from './http-deps.js';

/** A documented answer: JSON with a schema, or another media type (e.g. Prometheus text). */
export interface RouteResponse {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** `application/json` unless given. */
  readonly contentType?: string;
}

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Undefined only on public routes. */
  readonly caller: Caller | undefined;
  readonly request: Request;
}

/** What a handler answers: JSON (the default) or text of a given media type. */
export type RouteAnswer =
  | { readonly status?: number; readonly json: unknown }
  | { readonly status?: number; readonly text: string; readonly contentType: string };

export interface ApiRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
> {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  /** The full path, express style: `/api/v1/orgs/:org/runs`. */
  readonly path: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  /** `public` routes answer without a token (the probes only). */
  readonly role: Role | 'public';
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /** The answers besides the errors every route can give (added to the document by status). */
  readonly responses: Readonly<Record<number, RouteResponse>>;
  // A method, not a property: a list of routes with different schemas still type-checks.
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>, deps: HttpDeps): Promise<RouteAnswer>;
}

/** Declares a route; the identity function, there for type inference of the handler's input. */
export function defineRoute<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
>(route: ApiRoute<P, Q, B>): ApiRoute<P, Q, B> {
  return route;
}

/** `/orgs/:org/runs` as OpenAPI writes it: `/orgs/{org}/runs`. */
export function openApiPath(path: string): string {
  return path.replace(/:(\w+)/g, '{$1}');
}
