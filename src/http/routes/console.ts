/**
 * The web console at `/console/`: static files from `webDir/console` (HTML, CSS, ES modules, no
 * build step, nothing from a CDN). The shell holds no data and needs no token: it asks for one and
 * sends it with every API call it makes. Its own Content-Security-Policy keeps every request on
 * this server and allows no inline script or style.
 */
import path from 'node:path';

import express, { type Express } from 'express';
import helmet from 'helmet';

export const CONSOLE_PATH = '/console';

const consolePolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
});

/** Serves the console; `/console` redirects to `/console/` (static files, not API routes). */
export function mountConsole(app: Express, webDir: string): void {
  app.use(CONSOLE_PATH, consolePolicy, express.static(path.join(webDir, 'console'), { index: 'index.html' }));
}
