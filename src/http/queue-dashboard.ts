/**
 * The BullMQ dashboard (@bull-board) at `/admin/queues`, for admins only, showing every org's
 * queue (an admin token limited to some orgs sees only theirs). A browser cannot send a bearer
 * token to a page it opens, so the dashboard also takes HTTP Basic with the admin token as the
 * password (any user name) and asks for it with a challenge. Every request stays on this server:
 * the page is served without the UI's web-font link (the system font is used), and its own
 * Content-Security-Policy refuses anything from elsewhere.
 * Its actions (retry, clean, pause) are state changes: audited like the API's.
 */
import type { BaseAdapter } from '@bull-board/api/baseAdapter';
import { createBullBoard } from '@bull-board/api';
import { ExpressAdapter } from '@bull-board/express';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

import { callerFor, hasRole, mayUseOrg, type ApiToken, type Caller } from './auth/api-tokens.js';
import { authenticatedAs } from './auth/authenticate.js';
import { HttpError } from './http-error.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** One org's queue as the dashboard shows it. */
export interface QueueBoardEntry {
  readonly orgName: string;
  readonly adapter: BaseAdapter;
}

/** The token in `Authorization`: a bearer token, or the password of HTTP Basic. */
export function presentedToken(header: string): string | undefined {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer) return bearer;
  const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header)?.[1];
  if (!basic) return undefined;
  const decoded = Buffer.from(basic, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : undefined;
}

function callerOfHeader(tokens: readonly ApiToken[], header: string | undefined): Caller | undefined {
  const token = presentedToken(header ?? '');
  return token === undefined ? undefined : callerFor(tokens, token);
}

function adminsOnly(tokens: readonly ApiToken[]) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const caller = callerOfHeader(tokens, request.get('authorization'));
    if (!caller) {
      response.set('WWW-Authenticate', 'Basic realm="Pulse queues", charset="UTF-8"');
      next(
        new HttpError(
          401,
          'unauthenticated',
          'the queue dashboard needs an admin token (Bearer, or as the Basic password)',
        ),
      );
      return;
    }
    authenticatedAs(request, caller);
    if (!hasRole(caller, 'admin')) {
      next(new HttpError(403, 'forbidden', 'the queue dashboard needs the admin role'));
      return;
    }
    next();
  };
}

const dashboardPolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // The UI sets inline styles (its loading screen, React style props).
    styleSrc: ["'self'", "'unsafe-inline'"],
    fontSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
});

const WEB_FONT_LINK = /<link[^>]*fonts\.googleapis\.com[^>]*>\s*/g;

/** Serves the UI's page without its link to Google Fonts. */
function withoutWebFonts(_request: Request, response: Response, next: NextFunction): void {
  const render = response.render.bind(response);
  // An own property: it outlives the prototype swap of the board's own express app.
  response.render = (view: string, options?: object) => {
    render(view, options ?? {}, (error: Error | null, html: string) => {
      if (error) next(error);
      else response.send(html.replace(WEB_FONT_LINK, ''));
    });
  };
  next();
}

/** Mounts the dashboard over the given org queues. */
export function mountQueueDashboard(
  app: Express,
  tokens: readonly ApiToken[],
  boards: readonly QueueBoardEntry[],
): void {
  for (const { orgName, adapter } of boards) {
    adapter.setVisibilityGuard((request) => {
      const caller = callerOfHeader(tokens, request.headers['authorization']);
      return caller !== undefined && mayUseOrg(caller, orgName);
    });
  }
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: boards.map((board) => board.adapter),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Pulse queues' } },
  });
  const router = serverAdapter.getRouter() as RequestHandler;
  app.use(QUEUE_DASHBOARD_PATH, adminsOnly(tokens), dashboardPolicy, withoutWebFonts, router);
}
