/**
 * Gives every request an id (the caller's `x-request-id`, or a new one), answers it in the same
 * header, and logs each answered request with it: API requests at info, probes and scrapes at
 * debug (they come every few seconds and say nothing new).
 */
import { randomUUID } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';

import type { Logger } from '../logging/logger.js';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/** A caller's id is kept only when it looks like one, so logs cannot be fed arbitrary text. */
const REQUEST_ID = /^[\w.:-]{1,128}$/;

export function requestIdOf(response: Response): string {
  return response.get('x-request-id') ?? '';
}

export function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    response.set('x-request-id', requestId);
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const fields = {
        requestId,
        method: request.method,
        path: request.path,
        status: response.statusCode,
        ms: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
      };
      if (QUIET_PATHS.has(request.path)) logger.debug('request', fields);
      else logger.info('request', fields);
    });
    next();
  };
}
