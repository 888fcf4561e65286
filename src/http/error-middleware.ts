/**
 * The one place errors become responses: the documented shape, the status the error calls for,
 * and never a stack trace or a 5xx for bad input.
 */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';

import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { HttpError } from './http-error.js';
import { requestIdOf } from './request-log.js';

const STATUS_BY_CLASS = { transient: 503, auth: 502, limit: 429, data: 422, config: 500 } as const;

export function errorMiddleware(logger: Logger) {
  return (error: unknown, request: Request, response: Response, _next: NextFunction): void => {
    let status = 500;
    let body: { code: string; message: string; details?: unknown };
    if (error instanceof HttpError) {
      status = error.status;
      body = {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
    } else if (error instanceof ZodError) {
      status = 400;
      body = {
        code: 'invalid_request',
        message: error.issues
          .map((issue) => `${issue.path.join('.') || '(request)'}: ${issue.message}`)
          .join('; '),
        details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      };
    } else if (isBodyParserError(error)) {
      status = error.status;
      body = { code: 'invalid_body', message: error.message };
    } else if (error instanceof AppError) {
      status = STATUS_BY_CLASS[error.errorClass];
      body = { code: error.code, message: error.message };
    } else body = { code: 'internal', message: 'internal error; see the server log' };
    if (status >= 500)
      logger.error('request failed', {
        requestId: requestIdOf(response),
        method: request.method,
        path: request.path,
        error,
      });
    response.status(status).json({ error: body });
  };
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && error instanceof Error;
}
