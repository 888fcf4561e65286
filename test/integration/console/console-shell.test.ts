/**
 * The console's shell and its doors, against the in-process API: the static files are served
 * without a token (they hold no data) under a Content-Security-Policy that allows nothing inline and
 * nothing off this server, and load nothing from elsewhere; in Chromium, a refused token goes back
 * to the sign-in with the API's message, a deep link survives signing in, and a viewer's replay
 * shows the API's 403 as it is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect } from 'vitest';

import { apiTest, CALLS, TOKENS } from '../../support/api-app.js';
import { launchBrowser, viewSettled } from '../../support/browser.js';

const consoleDir = path.resolve(import.meta.dirname, '../../../web/console');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(path.join(dir, entry.name)).map((file) => `${entry.name}/${file}`)
      : [entry.name],
  );
}

describe('the console’s shell', () => {
  apiTest(
    'is served without a token, under a strict policy, with nothing from elsewhere',
    async ({ api }) => {
      const bare = await fetch(`${api.base}/console`, { redirect: 'manual' });
      expect([bare.status, bare.headers.get('location')]).toEqual([301, '/console/']);
      const page = await fetch(`${api.base}/console/`);
      expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).toContain("connect-src 'self'");
      expect(policy).not.toContain('unsafe-inline');
      const files = filesUnder(consoleDir);
      expect(files).toEqual(expect.arrayContaining(['index.html', 'console.css', 'js/main.js', 'js/api.js']));
      for (const file of files) {
        const served = await fetch(`${api.base}/console/${file}`);
        expect([file, served.status]).toEqual([file, 200]);
        const text = readFileSync(path.join(consoleDir, file), 'utf8');
        // No CDN, no remote font or script: the only URL is the SVG namespace (playbook links are data).
        expect([
          file,
          text.match(/\b(?:https?:)?\/\/(?!www\.w3\.org\/2000\/svg)[\w.-]+\.[a-z]{2,}/gi),
        ]).toEqual([file, null]);
        if (file.endsWith('.html'))
          expect(text).not.toMatch(/<script(?![^>]*\bsrc=)|<style|\sstyle=|\son\w+=/i);
      }
      expect((await fetch(`${api.base}/console/js/main.js`)).headers.get('content-type')).toMatch(
        /^(text|application)\/javascript/,
      );
    },
  );

  apiTest(
    'a refused token goes back to the sign-in; a viewer’s replay shows the API’s 403',
    { timeout: 30_000 },
    async ({ api }) => {
      const browser = await launchBrowser({ origin: api.base });
      try {
        const { page } = browser;
        await page.goto(`${api.base}/console/#/calls/${CALLS.dropped}`);
        const tokenField = page.getByLabel('API token');
        await tokenField.fill('not-a-token');
        await tokenField.press('Enter');
        await page.locator('#notice', { hasText: 'a valid bearer token is required' }).waitFor();
        expect(await tokenField.isVisible()).toBe(true);
        expect(await page.evaluate('sessionStorage.length')).toBe(0);
        await browser.screenshot('shell-01-token-refused');

        // The deep link is kept through the sign-in.
        await tokenField.fill(TOKENS.viewer);
        await tokenField.press('Enter');
        await viewSettled(page);
        await page.locator('[data-view="call"]').waitFor();
        await page.getByRole('button', { name: 'Replay' }).click();
        const result = page.locator('#replay-result[data-outcome="error"]');
        await result.waitFor();
        const said = (await result.textContent()) ?? '';
        expect(said).toContain('403 forbidden');
        expect(said).toContain('this route needs the operator role');
        await browser.screenshot('shell-02-viewer-replay-403');

        // The browser logs each refused request; nothing else went wrong and nothing left the server.
        expect(browser.errors).toEqual([
          expect.stringMatching(/status of 401/),
          expect.stringMatching(/status of 403/),
        ]);
        expect(browser.offOrigin).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
