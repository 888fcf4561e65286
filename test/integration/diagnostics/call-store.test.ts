/**
 * The call store after a faulty sync against the emulator: every call a fault spoiled is stored as
 * failed with the right code and class (counted against the faults the emulator injected), the
 * validation rule's refusals with their record ids, object and class, each with its own playbook; listings page by cursor
 * without gaps or repeats and filter by code, class, object and run; a call altered in Redis is
 * no longer intact.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config, OrgConfig } from '../../../src/config/index.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { failuresOfCall, loadPlaybooks, matchPlaybook } from '../../../src/diagnostics/playbooks/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { openCallStore } from '../../../src/main/open-call-store.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import type { SyncReport } from '../../../src/sync/run/sync-report.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const RULE = 'Health fields are locked for strategic accounts';
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 600,
    seed: 21,
    faults: {
      rates: {
        serverUnavailable: 0.15,
        connectionReset: 0.08,
        empty200: 0.05,
        truncatedJson: 0.05,
        sessionExpiry: 0.02,
        unableToLockRow: 0.02,
      },
    },
    validationRules: [
      { object: 'Account', namePattern: '^[AB]', errorField: 'Health_Status__c', message: RULE },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});

async function allFailed(
  store: ReturnType<typeof openCallStore>['store'],
  filter: Parameters<ReturnType<typeof openCallStore>['store']['listFailed']>[1] = {},
): Promise<StoredCall[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listFailed('acme', filter, 7, cursor);
    ids.push(...page.lines.map((line) => line.id));
    cursor = page.nextCursor;
  } while (cursor);
  const calls = await store.calls('acme', ids);
  expect(calls.map((call) => call.id)).toEqual(ids);
  return calls;
}

describe('the call store after a faulty sync', () => {
  let report: SyncReport;
  let config: Config;

  redisTest(
    'every spoiled call is stored as failed, with the code and class of its fault',
    async ({ redisPrefix }) => {
      config = Config.parse({
        redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
        sync: { batchSize: 200 },
        diagnostics: { signingKey: 'a-test-signing-key-of-32-characters-or-more' },
      });
      const { credentials } = emulator;
      report = await syncInProcess({
        config,
        orgName: 'acme',
        org: OrgConfig.parse({
          loginUrl: emulator.url,
          authFlow: 'password',
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
          username: credentials.username,
          password: credentials.password,
          writeBack: true,
        }),
        full: true,
      });
      expect([report.status, report.error]).toEqual(['completed', undefined]);
      const opened = openCallStore(config, logger);
      try {
        const failed = await allFailed(opened.store);
        const count = (code: string): number =>
          failed.filter((call) => call.errorCodes?.includes(code)).length;
        const injected = (kind: string): number =>
          emulator.state.faults.injected.filter((fault) => fault.kind === kind).length;
        // Request faults: one stored failed call each, with the fault's own code and class.
        expect(count('SERVER_UNAVAILABLE')).toBe(injected('serverUnavailable'));
        expect(count('ECONNRESET')).toBe(injected('connectionReset'));
        expect(count('MALFORMED_RESPONSE')).toBe(injected('empty200') + injected('truncatedJson'));
        expect(count('INVALID_SESSION_ID')).toBe(injected('sessionExpiry'));
        expect(new Set(failed.flatMap((call) => call.errorCodes ?? [])).size).toBeGreaterThanOrEqual(4);
        // Each call's class is its first code's.
        const CLASS: Record<string, string> = {
          SERVER_UNAVAILABLE: 'transient',
          ECONNRESET: 'transient',
          MALFORMED_RESPONSE: 'transient',
          UNABLE_TO_LOCK_ROW: 'transient',
          INVALID_SESSION_ID: 'auth',
          FIELD_CUSTOM_VALIDATION_EXCEPTION: 'data',
        };
        for (const call of failed) {
          const [code = ''] = call.errorCodes ?? [];
          expect([code, call.errorClass]).toEqual([code, CLASS[code]]);
        }
        // Each failure gets its own playbook, not a fallback.
        const PLAYBOOK: Record<string, string> = {
          SERVER_UNAVAILABLE: 'server-unavailable',
          ECONNRESET: 'network-connection-reset',
          MALFORMED_RESPONSE: 'malformed-response',
          UNABLE_TO_LOCK_ROW: 'unable-to-lock-row',
          INVALID_SESSION_ID: 'invalid-session-id',
          FIELD_CUSTOM_VALIDATION_EXCEPTION: 'validation-rule',
        };
        const playbooks = loadPlaybooks({ packageRoot: path.resolve(import.meta.dirname, '../../..') });
        for (const call of failed) {
          const failures = failuresOfCall(call);
          expect([call.id, failures.length]).toEqual([call.id, expect.toSatisfy((n: number) => n > 0)]);
          for (const failure of failures) {
            const code = failure.errorCode ?? '';
            expect([code, matchPlaybook(playbooks, failure)?.playbook.id]).toEqual([code, PLAYBOOK[code]]);
          }
        }
        // The validation rule's refusals: record by record, on Account, with the rule's message.
        const refusals = failed.flatMap((call) =>
          (call.recordErrors ?? [])
            .filter((error) => error.errorCode === 'FIELD_CUSTOM_VALIDATION_EXCEPTION')
            .map((error) => ({ call, error })),
        );
        const ruled = new Set(
          report.failed.filter((failure) => failure.message === RULE).map((failure) => failure.id),
        );
        expect(ruled.size).toBeGreaterThan(0);
        expect(new Set(refusals.map(({ error }) => error.id))).toEqual(ruled);
        for (const { call, error } of refusals) {
          expect([call.sObject, call.method, error.message]).toEqual(['Account', 'PATCH', RULE]);
        }
        // Pages: newest first, no repeats.
        expect(new Set(failed.map((call) => call.id)).size).toBe(failed.length);
        const times = failed.map((call) => Date.parse(call.startedAt));
        expect(times).toEqual([...times].sort((x, y) => y - x));
        // Filters.
        const ids = (calls: StoredCall[]) => calls.map((call) => call.id).sort();
        expect(ids(await allFailed(opened.store, { errorCode: 'SERVER_UNAVAILABLE' }))).toEqual(
          ids(failed.filter((call) => call.errorCodes?.includes('SERVER_UNAVAILABLE'))),
        );
        expect(ids(await allFailed(opened.store, { errorClass: 'auth' }))).toEqual(
          ids(failed.filter((call) => call.errorClass === 'auth')),
        );
        expect(
          ids(
            await allFailed(opened.store, {
              sObject: 'Account',
              errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            }),
          ),
        ).toEqual(ids([...new Map(refusals.map(({ call }) => [call.id, call])).values()]));
        const ofRun = await allFailed(opened.store, { runId: report.runId });
        expect(ofRun.length).toBeGreaterThan(0);
        expect(ofRun.every((call) => call.runId === report.runId)).toBe(true);
        const before = failed.at(-1)!;
        expect(await allFailed(opened.store, { to: new Date(before.startedAt) })).toContainEqual(before);
      } finally {
        await opened.close();
      }
    },
    // A whole sync through a third of calls failing and their backoffs: a few seconds alone, more
    // on a machine busy with the reliability scenarios alongside.
    90_000,
  );
  redisTest(
    'a call altered in Redis is no longer intact; the store holds no secret',
    async ({ rawRedis, redisPrefix }) => {
      const opened = openCallStore(config, logger);
      try {
        const [first, second] = await allFailed(opened.store);
        expect((await opened.store.get(first!.id))?.intact).toBe(true);
        const key = `${redisPrefix}diag:{acme}:call:${first!.id}`;
        const stored = JSON.parse((await rawRedis.get(key))!) as { call: { path: string } };
        stored.call.path = '/services/data/v64.0/sobjects/User';
        await rawRedis.set(key, JSON.stringify(stored));
        expect(await opened.store.get(first!.id)).toMatchObject({ org: 'acme', intact: false });
        expect((await opened.store.get(second!.id))?.intact).toBe(true);
        expect(await opened.store.get('no-such-call')).toBeUndefined();

        const { credentials } = emulator;
        const secrets = [credentials.password, credentials.clientSecret];
        const forms = secrets.flatMap((secret) => [
          secret,
          encodeURIComponent(secret),
          Buffer.from(secret).toString('base64'),
          JSON.stringify(secret).slice(1, -1),
        ]);
        let scanned = 0;
        for await (const keys of rawRedis.scanStream({ match: `${redisPrefix}diag:*`, count: 500 })) {
          for (const name of keys as string[]) {
            const type = await rawRedis.type(name);
            const text = type === 'string' ? ((await rawRedis.get(name)) ?? '') : '';
            scanned += 1;
            for (const form of forms) expect([name, text.includes(form)]).toEqual([name, false]);
            // Access tokens are session ids: 00D...!...
            expect([name, /00D[A-Za-z0-9]{12,15}![\w.]{8,}/.test(text)]).toEqual([name, false]);
          }
        }
        expect(scanned).toBeGreaterThan(10);
      } finally {
        await opened.close();
      }
    },
  );
});
