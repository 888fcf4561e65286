/**
 * The API as an express app that never listens (tests run it in-process; `pulse serve` listens).
 * Routes are declared once (`ApiRoute`) and mounted with their auth and validation; the probes
 * need no token, everything under `/api/v1` does. State-changing requests are audited.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';

import type { ApiRoute } from './api-route.js';
import { callerOf } from './auth/authenticate.js';
import { errorMiddleware } from './error-middleware.js';
import { HttpError } from './http-error.js';
import type { HttpDeps } from './http-deps.js';
import { mountRoutes } from './mount-routes.js';
import { requestLog } from './request-log.js';
import { mountApiDocsPage, openApiRoute } from './openapi/api-docs.js';
import { accountRoutes } from './routes/accounts.js';
import { auditRoutes } from './routes/audit.js';
import { mountConsole } from './routes/console.js';
import { mountQueueDashboard } from './queue-dashboard.js';
import { diagnosticsRoutes } from './routes/diagnostics.js';
import { metricsRoutes } from './routes/metrics.js';
import { orgRoutes } from './routes/orgs.js';
import { probeRoutes } from './routes/probes.js';
import { runRoutes } from './routes/runs.js';

export { API_PREFIX } from './api-prefix.js';

/** Every route the app serves, the document's own included. */
export function apiRoutes(version = 'dev'): ApiRoute[] {
  const routes: ApiRoute[] = [
    ...probeRoutes,
    ...metricsRoutes,
    ...orgRoutes,
    ...runRoutes,
    ...accountRoutes,
    ...auditRoutes,
    ...diagnosticsRoutes,
  ];
  return [...routes, openApiRoute(routes, version)];
}

/**
 * Records who changed what once the answer is known. A request without a valid token changed
 * nothing and is only logged: anyone who can reach the port could otherwise push the real entries
 * out of the bounded audit log.
 */
function auditChanges(deps: HttpDeps) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.once('finish', () => {
        let who: string;
        try {
          who = callerOf(request).name;
        } catch {
          deps.logger.warn('refused an unauthenticated change', {
            method: request.method,
            path: request.path,
            status: response.statusCode,
          });
          return;
        }
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
  app.use(requestLog(deps.logger));
  app.use(express.json({ limit: '100kb' }));
  app.use(auditChanges(deps));
  mountRoutes(app, apiRoutes(deps.version), deps);
  if (deps.webDir) {
    mountApiDocsPage(app, deps.webDir);
    mountConsole(app, deps.webDir);
  }
  if (deps.queueBoards) mountQueueDashboard(app, deps.tokens, deps.queueBoards);
  app.use((request, _response, next) => {
    next(new HttpError(404, 'not_found', `no route ${request.method} ${request.path}`));
  });
  app.use(errorMiddleware(deps.logger));
  return app;
}
