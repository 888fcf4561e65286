/**
 * Every route but the probes needs a bearer token: none (or an unknown one) is 401, a role or an
 * org the token does not have is 403.
 */
import type { NextFunction, Request, Response } from 'express';

import { HttpError } from '../http-error.js';
import { callerFor, hasRole, mayUseOrg, type ApiToken, type Caller, type Role } from './api-tokens.js';

const callers = new WeakMap<Request, Caller>();

export function callerOf(request: Request): Caller {
  const caller = callers.get(request);
  if (!caller) throw new HttpError(401, 'unauthenticated', 'a bearer token is required');
  return caller;
}

/** Remembers who a request is from, for routes that authenticate their own way (the queue dashboard). */
export function authenticatedAs(request: Request, caller: Caller): void {
  callers.set(request, caller);
}

export function authenticate(tokens: readonly ApiToken[]) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const header = request.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const caller = match?.[1] ? callerFor(tokens, match[1]) : undefined;
    if (!caller) {
      next(
        new HttpError(401, 'unauthenticated', 'a valid bearer token is required (Authorization: Bearer ...)'),
      );
      return;
    }
    callers.set(request, caller);
    next();
  };
}

/** The role a route needs and, for `/orgs/:org/...` routes, that the token may use the org. */
export function requireRole(role: Role) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    const caller = callerOf(request);
    const org = request.params['org'];
    if (!hasRole(caller, role)) next(new HttpError(403, 'forbidden', `this route needs the ${role} role`));
    else if (typeof org === 'string' && !mayUseOrg(caller, org))
      next(new HttpError(403, 'forbidden', `this token may not use org "${org}"`));
    else next();
  };
}
