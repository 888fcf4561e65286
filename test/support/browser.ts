/**
 * Headless Chromium for the console's end-to-end tests: Debian's `chromium` driven by
 * playwright-core, with a fresh profile, nothing phoning home, and every request off the given
 * origin refused and recorded. Console errors and uncaught page errors are collected so a test can
 * require there were none. A missing Chromium is a failure with the fix, never a skip.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Where the tests keep their screenshots (ignored by git). */
export const SCREENSHOT_DIR = path.join(repoRoot, 'test-artifacts/console');

export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions, in order. */
  readonly errors: string[];
  /** Requests refused because they were for another origin. */
  readonly offOrigin: string[];
  /** A full-page screenshot as `test-artifacts/console/<name>.png`. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function launchBrowser(options: {
  /** `http://127.0.0.1:PORT`: the only origin the page may reach. */
  readonly origin: string;
  readonly viewport?: { readonly width: number; readonly height: number };
}): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: the console's end-to-end test needs Debian's chromium (apt-get install -y chromium).`,
    );
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'pulse-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_FLAGS],
      viewport: options.viewport ?? { width: 1280, height: 800 },
    });
  } catch (error) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const errors: string[] = [];
  const offOrigin: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === options.origin)
      await route.continue();
    else {
      offOrigin.push(url);
      await route.abort('blockedbyclient');
    }
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`page error: ${error.message}`);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    errors,
    offOrigin,
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** What `viewSettled` reads in the page (this project's TypeScript has no DOM types). */
interface PageGlobals {
  readonly document: {
    getElementById(id: string): {
      readonly dataset: Readonly<Record<string, string | undefined>>;
      hasAttribute(name: string): boolean;
    } | null;
  };
  readonly location: { readonly hash: string };
}

/** Waits until the console has shown the view of the page's current hash (no navigation under way). */
export async function viewSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const { document, location } = globalThis as unknown as PageGlobals;
    const view = document.getElementById('view');
    return view !== null && view.dataset['rendered'] === location.hash && !view.hasAttribute('aria-busy');
  });
}
