/**
 * The console as a person uses it, in headless Chromium against `pulse serve` (a real process) over
 * an emulated org synced with faults: sign in with the token, read the org's health (charts, runs),
 * list the failed calls, filter them by the commonest code, open one (redacted request and
 * response, classification, playbook causes and steps), replay it — a read at once, a write after
 * a dry run and a confirmation — and read the verdict, copy it as curl, bisect a batch a trigger
 * failed whole, open an account by id, then
 * the calls page on a narrow screen by keyboard, and sign out. No request may leave the server's
 * origin, and the page may log no error. Screenshots go to test-artifacts/console/.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';

import { resolveFaultProfile, startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config, OrgConfig } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { openOrg } from '../../../src/main/open-org.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { launchBrowser, viewSettled, type TestBrowser } from '../../support/browser.js';
import { liveRecords } from '../../support/model-check.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { startServeProcess, type ServeProcess } from '../../support/serve-process.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const KEY = 'a-test-signing-key-of-32-characters-or-more';
const RULE = 'Health fields are locked for strategic accounts';
const REFUSED_CODE = 'FIELD_CUSTOM_VALIDATION_EXCEPTION';
const TRIGGER_CODE = 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 150,
    seed: 5,
    faults: { rates: { serverUnavailable: 0.2, connectionReset: 0.05 } },
    validationRules: [
      { object: 'Account', namePattern: '^[AB]', errorField: 'Health_Status__c', message: RULE },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});

/** The texts of the elements `selector` finds. */
const texts = (page: Page, selector: string): Promise<string[]> => page.locator(selector).allTextContents();

/** Replays the call on screen the way its panel offers: a read at once, a write after a dry run. */
async function replayShown(page: Page, browser: TestBrowser, name: string): Promise<string> {
  const result = page.locator('#replay-result');
  if ((await page.locator('#replay-read').count()) > 0) {
    await page.locator('#replay-read').click();
  } else {
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.locator('#replay-result[data-outcome="dry-run"]').waitFor();
    // The exact request, to the org's own instance; nothing sent yet.
    expect(await result.textContent()).toContain(`${emulator.url}/services/data/`);
    await browser.screenshot(`${name}-dry-run`);
    await page.getByRole('button', { name: 'Confirm and send' }).click();
  }
  await page.locator('#replay-result[data-outcome]:not([data-outcome="dry-run"])').waitFor();
  await browser.screenshot(name);
  return (await result.getAttribute('data-outcome')) ?? '';
}

describe('the console', () => {
  redisTest(
    'sign in, read an org’s health, filter failed calls, open and replay one, open an account',
    { timeout: 60_000 },
    async ({ redisPrefix }) => {
      const { credentials } = emulator;
      const orgFields = {
        loginUrl: emulator.url,
        authFlow: 'password',
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
        writeBack: true,
      };
      const settings = {
        redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
        diagnostics: { signingKey: KEY },
        log: { level: 'error' },
      };
      const config = Config.parse({ ...settings, orgs: { acme: orgFields } });
      const cleanups: (() => Promise<unknown>)[] = [];
      try {
        const [synced, served] = await Promise.allSettled([
          syncInProcess({ config, orgName: 'acme', org: OrgConfig.parse(orgFields), full: true }),
          startServeProcess({ settings, orgs: { acme: orgFields }, role: 'operator' }),
        ]);
        if (served.status === 'fulfilled') cleanups.push(() => served.value.stop());
        if (synced.status === 'rejected') throw synced.reason;
        if (served.status === 'rejected') throw served.reason;
        const report = synced.value;
        const serve: ServeProcess = served.value;
        expect([report.status, report.error]).toEqual(['completed', undefined]);
        // The org answers every request now: a transient failure replays transient.
        emulator.state.faults.setProfile(resolveFaultProfile('none'));

        const browser = await launchBrowser({ origin: serve.baseUrl });
        cleanups.push(() => browser.close());
        const { page } = browser;
        await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
          origin: serve.baseUrl,
        });

        // Sign in: the shell needs no token; the token goes in the form, Enter submits.
        await page.goto(`${serve.baseUrl}/console/`);
        await page.getByLabel('API token').waitFor();
        await browser.screenshot('01-sign-in');
        await page.getByLabel('API token').fill(serve.token);
        await page.getByLabel('API token').press('Enter');
        await viewSettled(page);
        await page.locator('[data-view="orgs"]').waitFor();
        expect(await page.evaluate('sessionStorage.length')).toBe(1);

        // The org's health: charts, the verdict, the run with its counts.
        await page.getByRole('link', { name: 'acme', exact: true }).click();
        await viewSettled(page);
        await page.locator('[data-view="org"]').waitFor();
        expect(await page.locator('figure.chart svg').count()).toBeGreaterThanOrEqual(3);
        expect(await texts(page, 'figure.chart figcaption')).toEqual(
          expect.arrayContaining([
            expect.stringContaining('API requests used'),
            expect.stringContaining('Error rate by code'),
          ]),
        );
        const runRows = await texts(page, '#runs tbody tr');
        expect(runRows).toHaveLength(1);
        expect(runRows[0]).toContain('completed');
        await browser.screenshot('02-org-health');

        // The failed calls, then only the commonest code's.
        await page.getByRole('link', { name: 'Failed calls' }).click();
        await viewSettled(page);
        const allCodes = await texts(page, '#calls td.codes');
        expect(allCodes.length).toBeGreaterThanOrEqual(2);
        const tally = new Map<string, number>();
        for (const cell of allCodes)
          for (const code of cell.split(', ')) tally.set(code, (tally.get(code) ?? 0) + 1);
        const [commonest = ''] = [...tally].sort((a, b) => b[1] - a[1]).map(([code]) => code);
        expect(new Set(allCodes.flatMap((cell) => cell.split(', '))).size).toBeGreaterThanOrEqual(2);
        await browser.screenshot('03-failed-calls');
        await page.getByLabel('Error code').fill(commonest);
        await page.getByLabel('Error code').press('Enter');
        await viewSettled(page);
        expect(page.url()).toContain(`errorCode=${commonest}`);
        const filtered = await texts(page, '#calls td.codes');
        expect(filtered.length).toBe(tally.get(commonest));
        for (const cell of filtered) expect(cell.split(', ')).toContain(commonest);
        await browser.screenshot('04-filtered-calls');

        // One call: redacted request and response, classification, the playbook's causes and steps.
        await page.locator('#calls td.call a').first().click();
        await viewSettled(page);
        await page.locator('[data-view="call"]').waitFor();
        const exchange = (await page.locator('#exchange').textContent()) ?? '';
        expect(exchange).toContain('Request');
        expect(exchange).toContain('Response');
        const shown = (await page.locator('main').textContent()) ?? '';
        for (const secret of [credentials.password, credentials.clientSecret])
          expect(shown).not.toContain(secret);
        expect(await page.locator('#classification .badge').first().textContent()).toMatch(
          /^(transient|auth|limit|data|config)$/,
        );
        expect(await page.locator('#causes li').count()).toBeGreaterThan(0);
        expect(await page.locator('#steps > li').count()).toBeGreaterThan(0);
        await browser.screenshot('05-call');

        // Replay it (a read at once; a write after a dry run and a confirmation) and read the verdict.
        expect(await replayShown(page, browser, '06-replay')).toBe('replayed');
        expect(await page.locator('#replay-result .verdict .badge').textContent()).toMatch(
          /^(transient|persistent|changed)$/,
        );

        // Copy as curl: the command, with the token as a variable, on the clipboard.
        await page.getByRole('button', { name: 'Copy as curl' }).click();
        await page.locator('#curl:not([hidden])').waitFor();
        const curl = (await page.locator('#curl').textContent()) ?? '';
        expect(curl).toMatch(/^curl /);
        expect(curl).toContain('$SF_ACCESS_TOKEN');
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(curl);

        // A write the validation rule refused: a dry run first, then confirmed; the rule still holds.
        await page.goto(`${serve.baseUrl}/console/#/orgs/acme/calls?errorCode=${REFUSED_CODE}`);
        await viewSettled(page);
        // The oldest: the sync's own call (a replay is stored as a call too).
        await page.locator('#calls td.call a').last().click();
        await viewSettled(page);
        expect(await page.locator('#replay-dry-run').count()).toBe(1);
        expect(await replayShown(page, browser, '07-replay-write')).toBe('replayed');
        expect(await page.locator('#replay-result .verdict .badge').textContent()).toBe('persistent');

        // A batch a trigger fails whole: two poisoned records among 16, written by Pulse's client
        // (so the call is stored); bisect (a dry run, then confirmed, over records changed since)
        // finds the two.
        const batch = liveRecords(emulator, 'Account')
          .filter((account) => !/^[AB]/.test(String(account['Name'])))
          .slice(0, 16)
          .map((account) => String(account['Id']));
        const poisoned = [batch[3]!, batch[11]!];
        emulator.state.faults.setProfile(resolveFaultProfile({ poisonedRecordIds: poisoned }));
        const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
        const opened = await openOrg(config, 'acme', {
          logger,
          redactor: createRedactor(),
          org: config.orgs['acme']!,
        });
        try {
          await opened.client.updateRecords(
            'Account',
            batch.map((Id) => ({ Id, Health_Score__c: 44 })),
          );
        } finally {
          await opened.close();
        }

        await page.goto(`${serve.baseUrl}/console/#/orgs/acme/calls?errorCode=${TRIGGER_CODE}`);
        await viewSettled(page);
        await page.locator('#calls td.call a').first().click();
        await viewSettled(page);
        await page.getByRole('button', { name: 'Bisect the batch…' }).click();
        await page.locator('#replay-result[data-outcome="dry-run"]').waitFor();
        await page.getByLabel('Overwrite records changed since the original call').check();
        await page.getByRole('button', { name: 'Confirm and bisect' }).click();
        await page.locator('#replay-result[data-outcome="bisected"]').waitFor();
        expect(new Set(await texts(page, '#replay-result .culprits li'))).toEqual(new Set(poisoned));
        await browser.screenshot('08-bisect');

        // An account whose write was refused and that has an open case, opened by id from the org page.
        const withOpenCases = new Set(
          liveRecords(emulator, 'Case')
            .filter((record) => record['IsClosed'] !== true)
            .map((record) => String(record['AccountId'])),
        );
        const refused = report.failed.find((failure) => withOpenCases.has(failure.id));
        expect(refused).toBeDefined();
        await page.getByRole('link', { name: 'acme', exact: true }).click();
        await viewSettled(page);
        await page.getByLabel('Account id').fill(refused!.id);
        await page.getByLabel('Account id').press('Enter');
        await viewSettled(page);
        await page.locator('[data-view="account"]').waitFor();
        expect(await page.locator('#score').textContent()).toMatch(/^\d+$/);
        expect(await page.locator('#status').textContent()).toMatch(/^(Green|Yellow|Red)$/);
        expect(await page.locator('#history svg').count()).toBe(1);
        expect(await page.locator('#open-cases tbody tr').count()).toBeGreaterThan(0);
        expect(await page.locator('#next-renewal h2').textContent()).toBe('Next renewal');
        await browser.screenshot('09-account');

        // A narrow screen: the calls page fits without sideways scrolling, and works by keyboard.
        await page.setViewportSize({ width: 400, height: 800 });
        await page.goto(`${serve.baseUrl}/console/#/orgs/acme/calls`);
        await viewSettled(page);
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await browser.screenshot('10-narrow-calls');
        let inForm = false;
        for (let presses = 0; presses < 10 && !inForm; presses += 1) {
          await page.keyboard.press('Tab');
          inForm = (await page.evaluate("document.activeElement?.closest('#filters') !== null")) === true;
        }
        expect(inForm).toBe(true);
        expect(await page.evaluate('document.activeElement.id')).toBe('f-code');
        await page.keyboard.type(REFUSED_CODE);
        await page.keyboard.press('Enter');
        await viewSettled(page);
        expect(page.url()).toContain(`errorCode=${REFUSED_CODE}`);
        expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
        await browser.screenshot('11-narrow-filtered');

        // Sign out: the token is gone with the session storage.
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByLabel('API token').waitFor();
        expect(await page.evaluate('sessionStorage.length')).toBe(0);
        await browser.screenshot('12-signed-out');

        expect(browser.offOrigin).toEqual([]);
        expect(browser.errors).toEqual([]);
      } finally {
        for (const cleanup of cleanups.reverse()) await cleanup();
      }
    },
  );
});
