/**
 * Replay and bisect against the emulator, through the org's real client and pipeline: a call that
 * failed on row locks replays `transient` once the locks are gone; a validation-rule refusal
 * replays `persistent`, with the rule's message and its playbook; bisect finds the two poisoned
 * records of a 200-record batch in at most 20 calls (counted at the emulator) and reports a batch
 * without one as not reproducing; tampered calls are refused and nothing reaches the network.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { resolveFaultProfile } from '../../../emulator/faults/fault-profile.js';
import { Config, OrgConfig } from '../../../src/config/index.js';
import { signCall } from '../../../src/diagnostics/call-store/call-signature.js';
import type { FoundCall } from '../../../src/diagnostics/call-store/call-store.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { failuresOfCall, loadPlaybooks, matchPlaybook } from '../../../src/diagnostics/playbooks/index.js';
import { replayCall } from '../../../src/diagnostics/replay/replay-call.js';
import { createLogger } from '../../../src/logging/logger.js';
import { openCallStore } from '../../../src/main/open-call-store.js';
import { openOrg } from '../../../src/main/open-org.js';
import { createReplayClients } from '../../../src/main/replay-clients.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { liveRecords } from '../../support/model-check.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { runPulse } from '../../support/run-cli-in-process.js';
import { workerConfigDir } from '../../support/worker-processes.js';

const RULE = 'Health fields are locked for strategic accounts';
const KEY = 'a-test-signing-key-of-32-characters-or-more';
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
const redactor = createRedactor();
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 400,
    seed: 8,
    validationRules: [
      { object: 'Account', namePattern: '^[AB]', errorField: 'Health_Status__c', message: RULE },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});

const writes = (): number =>
  emulator.state.callCounts.get('PATCH /services/data/vXX.X/composite/sobjects') ?? 0;
const apiCalls = (): number =>
  [...emulator.state.callCounts.entries()]
    .filter(([endpoint]) => !endpoint.includes('/oauth2/'))
    .reduce((sum, [, n]) => sum + n, 0);
const faults = (input: Parameters<typeof resolveFaultProfile>[0]): void => {
  emulator.state.faults.setProfile(resolveFaultProfile(input));
};
const accounts = () => liveRecords(emulator, 'Account');

describe('replay and bisect', () => {
  let config: Config;
  let org: OrgConfig;

  /** Writes Health_Score__c on the accounts through the org's client (its calls are stored). */
  async function writeScores(ids: readonly string[], score: number): Promise<void> {
    const opened = await openOrg(config, 'acme', { logger, redactor, org });
    try {
      await opened.client.updateRecords(
        'Account',
        ids.map((Id) => ({ Id, Health_Score__c: score })),
      );
    } finally {
      await opened.close();
    }
  }

  async function newestFailed(code: string): Promise<FoundCall> {
    const opened = openCallStore(config, logger);
    try {
      const [call] = (await opened.store.listFailed('acme', { errorCode: code }, 1)).lines;
      const found = await opened.store.get(call!.id);
      return found!;
    } finally {
      await opened.close();
    }
  }

  /** The accounts as Pulse would have last read them: the emulator's values before the writes. */
  const lastRead = new Map<string, Record<string, unknown>>();
  function remember(ids: readonly string[]): void {
    for (const account of accounts())
      if (ids.includes(String(account['Id']))) lastRead.set(String(account['Id']), { ...account });
  }

  async function replay(found: FoundCall, options: Parameters<typeof replayCall>[2]) {
    const opened = openCallStore(config, logger);
    const clients = createReplayClients(config, logger, redactor);
    try {
      return await replayCall(
        { calls: opened.store, client: clients.client, before: () => Promise.resolve(lastRead) },
        found,
        options,
      );
    } finally {
      await clients.close();
      await opened.close();
    }
  }

  redisTest(
    'a call that failed on row locks replays transient once they are gone',
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
      org = OrgConfig.parse(orgFields);
      config = Config.parse({
        redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
        diagnostics: { signingKey: KEY },
        orgs: { acme: orgFields },
      });
      const plain = accounts()
        .filter((account) => !/^[AB]/.test(String(account['Name'])))
        .slice(0, 5)
        .map((account) => String(account['Id']));
      remember(plain);
      faults({ rates: { unableToLockRow: 1 } });
      await writeScores(plain, 61);
      faults('none');
      const locked = await newestFailed('UNABLE_TO_LOCK_ROW');
      expect(locked.call.recordErrors).toHaveLength(5);

      // A write: without confirm it is shown, not sent.
      const before = writes();
      expect(await replay(locked, { by: 'test' })).toMatchObject({ outcome: 'confirmation-needed' });
      expect(await replay(locked, { by: 'test', dryRun: true })).toMatchObject({
        outcome: 'dry-run',
        request: {
          method: 'PATCH',
          kind: 'write',
          url: `${emulator.url}/services/data/v64.0/composite/sobjects`,
        },
      });
      expect(writes()).toBe(before);
      const result = await replay(locked, { by: 'test', confirm: true });
      expect(result).toMatchObject({ outcome: 'replayed', verdict: 'transient' });
      expect(writes()).toBe(before + 1);
      for (const id of plain)
        expect(accounts().find((account) => account['Id'] === id)?.['Health_Score__c']).toBe(61);
    },
  );

  redisTest(
    'a validation-rule refusal replays persistent, with the rule’s message and playbook',
    async () => {
      const ruled = accounts()
        .filter((account) => /^[AB]/.test(String(account['Name'])))
        .slice(0, 2)
        .map((account) => String(account['Id']));
      remember(ruled);
      await writeScores(ruled, 12);
      const refused = await newestFailed('FIELD_CUSTOM_VALIDATION_EXCEPTION');
      const result = await replay(refused, { by: 'test', confirm: true });
      expect(result).toMatchObject({ outcome: 'replayed', verdict: 'persistent' });
      const opened = openCallStore(config, logger);
      try {
        const replayed = await opened.store.get((result as { callId: string }).callId);
        expect(replayed?.call.replayOf).toBe(refused.call.id);
        expect(replayed?.call.recordErrors?.map((error) => error.message)).toEqual([RULE, RULE]);
        const playbooks = loadPlaybooks({ packageRoot: process.cwd() });
        const [failure] = failuresOfCall(replayed!.call);
        expect(matchPlaybook(playbooks, failure!)?.playbook.id).toBe('validation-rule');
        expect(await opened.store.replays('acme', refused.call.id)).toMatchObject([
          { outcome: 'replayed', verdict: 'persistent', by: 'test' },
        ]);
      } finally {
        await opened.close();
      }
    },
  );

  redisTest(
    'bisect finds the two poisoned records of 200 in at most 20 calls; without them it does not reproduce',
    async () => {
      const batch = accounts()
        .filter((account) => !/^[AB]/.test(String(account['Name'])))
        .slice(0, 200)
        .map((account) => String(account['Id']));
      const poisoned = [batch[37]!, batch[151]!];
      faults({ poisonedRecordIds: poisoned });
      await writeScores(batch, 44);
      const failed = await newestFailed('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY');
      expect(failed.call.recordErrors).toHaveLength(200);

      const before = writes();
      const found = await replay(failed, { by: 'test', confirm: true, bisect: true, overwriteChanged: true });
      expect(found).toMatchObject({ outcome: 'bisected', reproduced: true, complete: true });
      const { culprits, calls } = found as { readonly culprits: readonly string[]; readonly calls: number };
      expect(new Set(culprits)).toEqual(new Set(poisoned));
      expect(writes() - before).toBe(calls);
      expect(calls).toBeLessThanOrEqual(20);

      faults('none');
      const clean = await replay(failed, { by: 'test', confirm: true, bisect: true, overwriteChanged: true });
      expect(clean).toMatchObject({ outcome: 'bisected', reproduced: false, culprits: [] });
    },
  );

  redisTest(
    'pulse replay: a dry run shows the request, a write waits for --confirm',
    async ({ redisPrefix }) => {
      const refused = await newestFailed('FIELD_CUSTOM_VALIDATION_EXCEPTION');
      const { credentials } = emulator;
      const cwd = workerConfigDir(
        ['diagnostics:', `  signingKey: ${KEY}`].join('\n'),
        [
          'orgs:',
          '  acme:',
          `    loginUrl: ${emulator.url}`,
          '    authFlow: password',
          `    clientId: ${credentials.clientId}`,
          `    clientSecret: ${credentials.clientSecret}`,
          `    username: ${credentials.username}`,
          `    password: ${credentials.password}`,
        ].join('\n'),
      );
      const env = { PULSE_REDIS_PREFIX: redisPrefix };
      const before = writes();
      const dry = await runPulse(['replay', refused.call.id, '--dry-run', '--json'], { cwd, env });
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout)).toMatchObject({
        outcome: 'dry-run',
        request: { method: 'PATCH', kind: 'write' },
      });
      const unconfirmed = await runPulse(['replay', refused.call.id], { cwd, env });
      expect(unconfirmed.stdout).toContain('Run again with --confirm');
      expect(writes()).toBe(before);
      const missing = await runPulse(['replay', 'no-such-call'], { cwd, env });
      expect([missing.code, missing.stdout]).toEqual([
        1,
        expect.stringContaining('no stored call no-such-call'),
      ]);
    },
  );

  redisTest(
    'tampered calls are refused and nothing reaches the network',
    async ({ rawRedis, redisPrefix }) => {
      const refused = await newestFailed('FIELD_CUSTOM_VALIDATION_EXCEPTION');
      const key = `${redisPrefix}diag:{acme}:call:${refused.call.id}`;
      const original = JSON.parse((await rawRedis.get(key))!) as { call: StoredCall; signature: string };
      const tampered: [string, Partial<StoredCall>][] = [
        ['another host', { origin: 'https://evil.example.com' }],
        ['an absolute URL', { path: 'https://evil.example.com/services/data/v64.0/composite/sobjects' }],
        ['a .. path', { path: '/services/data/v64.0/../../secur/frontdoor.jsp' }],
        ['an encoded path', { path: '/services/data/v64.0/sobjects%2F..%2F..%2Fx' }],
        ['a changed body', { requestBody: (original.call.requestBody ?? '').replace('12', '99') }],
      ];
      const apiBefore = apiCalls();
      for (const [what, change] of tampered) {
        const call = { ...original.call, ...change };
        // With the old signature: refused by the signature.
        await rawRedis.set(key, JSON.stringify({ call, signature: original.signature }));
        const opened = openCallStore(config, logger);
        const found = await opened.store.get(refused.call.id);
        await opened.close();
        expect([what, found?.intact]).toEqual([what, false]);
        expect([what, await replay(found!, { by: 'test', confirm: true })]).toEqual([
          what,
          expect.objectContaining({ outcome: 'refused', code: 'bad_signature' }),
        ]);
        // Even signed with the key (an insider): what is not Pulse's own shape to its own host is refused.
        if (what !== 'a changed body') {
          const resigned = { ...found!, call, intact: true };
          expect([what, (await replay(resigned, { by: 'test', confirm: true })).outcome]).toEqual([
            what,
            'refused',
          ]);
        }
      }
      expect(signCall(original.call, KEY).signature).toBe(original.signature);
      // Not one API call went out (opening the client may sign in: token calls are not API calls).
      expect(apiCalls()).toBe(apiBefore);
    },
  );
});
