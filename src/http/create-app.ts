/**
 * The API as an express app that never listens (tests run it in-process; `pulse serve` listens).
 * Probes need no token; everything under `/api/v1` does. State-changing requests are audited.
 */
import { randomUUID } from 'node:crypto';

import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

import { authenticate, callerOf } from './auth/authenticate.js';
import { errorMiddleware } from './error-middleware.js';
import { HttpError } from './http-error.js';
import type { HttpDeps } from './http-deps.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { orgRoutes } from './routes/orgs.js';
import { probeRoutes } from './routes/probes.js';
import { runRoutes } from './routes/runs.js';

export const API_PREFIX = '/api/v1';

/** Records who changed what once the answer is known. */
function auditChanges(deps: HttpDeps) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.once('finish', () => {
        const who = (() => {
          try {
            return callerOf(request).name;
          } catch {
            return 'anonymous';
          }
        })();
        deps.audit
          .record({
            at: new Date().toISOString(),
            who,
            method: request.method,
            path: request.originalUrl,
            status: response.statusCode,
          })
          .catch((error: unknown) => {
            deps.logger.error('could not write the audit log', { error });
          });
      });
    }
    next();
  };
}

export function createApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet());
  app.use((request, response, next) => {
    const requestId = request.get('x-request-id') ?? randomUUID();
    response.set('x-request-id', requestId);
    next();
  });
  app.use(express.json({ limit: '100kb' }));
  app.use(probeRoutes(deps));
  const api = express.Router();
  api.use(authenticate(deps.tokens));
  api.use(auditChanges(deps));
  for (const routes of [orgRoutes, runRoutes, accountRoutes, auditRoutes]) api.use(routes(deps));
  app.use(API_PREFIX, api);
  app.use((request, _response, next) => {
    next(new HttpError(404, 'not_found', `no route ${request.method} ${request.path}`));
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}
