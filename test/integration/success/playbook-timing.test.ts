/**
 * Playbook timing under a fake clock, against the emulator and real Redis: a critical escalation
 * announced with the run is reminded every hour while it lasts (a late tick sends one reminder, not
 * a backlog), and its post-mortem Task comes 48 hours after it ends, once. A webhook that refuses
 * gets one quick attempt with the run (which completes regardless), then the tick's retries, then
 * is recorded as failed and not sent again. The dry run lists a due reminder and why, writing
 * nothing. What reaches the webhook and Salesforce holds no secret,
 * and the webhook's own URL is never logged.
 */
import { Writable } from 'node:stream';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { openOrg } from '../../../src/main/open-org.js';
import { loadConfiguredPlaybooks, openOrgPlaybooks } from '../../../src/main/open-playbooks.js';
import { planPlaybooksOnce } from '../../../src/main/playbooks-once.js';
import { formatPlan } from '../../../src/cli/commands/playbooks.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createEpisodeStore } from '../../../src/success/episode-store.js';
import { createWriteSwitch } from '../../../src/sync/write/write-switch.js';
import { orgConfigFor } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { orgChanges, playbooksDir, webhookReceiver } from '../../support/success-org.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const HOUR = 3_600_000;
const model = loadHealthModel({ cwd: process.cwd() });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 30, seed: 21 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest(
  'hourly reminders while it lasts, a post-mortem 48 hours after, and a failing webhook recorded',
  async ({ redisPrefix }) => {
    const hook = await webhookReceiver();
    const logLines: string[] = [];
    const redactor = createRedactor();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'debug', format: 'json', redactor, stream });
    const changes = orgChanges(emulator);
    const config = Config.parse({
      redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
      success: { playbooksDir: playbooksDir(['critical-escalation.yaml']), webhookUrl: hook.url },
    });
    const org = orgConfigFor(emulator, 'password', { writeBack: true });
    const sync = () => syncInProcess({ config, orgName: 'acme', org });
    const opened = await openOrg(config, 'acme', { logger, redactor, org });
    const playbooks = openOrgPlaybooks(config, 'acme', {
      org,
      playbooks: loadConfiguredPlaybooks(config, process.cwd(), model),
      redis: opened.redis,
      client: opened.client,
      model,
      writeSwitch: createWriteSwitch(opened.redis, 'acme'),
      logger,
      webhookBackoffMs: 20,
    });
    if (!playbooks) throw new Error('the playbook was not loaded');
    const episodes = createEpisodeStore(opened.redis, 'acme');
    const messages = (accountId: string) =>
      hook.received.filter((message) => message['accountId'] === accountId);
    try {
      await sync();
      const [critical = '', failing = ''] = changes
        .live('Account')
        .filter((account) => account['Health_Status__c'] === 'Green')
        .map((account) => String(account['Id']));
      const cases = changes.sink(critical);
      changes.passCommitLag();
      await sync();
      expect(messages(critical).map((message) => message['occurrence'])).toEqual([1]);
      expect(String(messages(critical)[0]?.['text'])).toContain('acknowledge within 15 minutes');

      const [episode] = (await episodes.read([critical])).get(critical) ?? [];
      const openedAt = Date.parse(episode?.openedAt ?? '');
      const tick = (hoursAfterOpen: number) => playbooks.tick(new Date(openedAt + hoursAfterOpen * HOUR));

      // The dry run an hour later lists the reminder and why, and changes nothing.
      const statesBefore = JSON.stringify(await episodes.read([critical]));
      const plan = await planPlaybooksOnce(config, 'acme', {
        logger,
        redactor,
        cwd: process.cwd(),
        now: new Date(openedAt + HOUR),
        org,
      });
      expect(plan.filter((entry) => entry.accountId === critical)).toEqual([
        expect.objectContaining({
          playbookId: 'critical-escalation',
          state: 'open',
          why: expect.stringMatching(/^escalation status is Critical: episode 1, open since /) as unknown,
          actions: [expect.objectContaining({ kind: 'webhook', occurrence: 1 })],
        }),
      ]);
      expect(formatPlan('acme', plan)).toContain('webhook: Critical escalation on');
      expect(JSON.stringify(await episodes.read([critical]))).toBe(statesBefore);
      expect(messages(critical)).toHaveLength(1);

      await tick(0.99);
      expect(messages(critical)).toHaveLength(1);
      await tick(1);
      await tick(1.5);
      await tick(2);
      // The workers were down from 2 h to 5.5 h: one reminder, not three.
      await tick(5.5);
      const reminders = messages(critical).slice(1);
      expect(reminders.map((message) => message['occurrence'])).toEqual([1, 2, 5]);
      expect(String(reminders[2]?.['text'])).toMatch(/hourly update due \(reminder 5\)/);

      // Resolved: no more reminders; the post-mortem Task 48 hours after it ended, once.
      changes.recover(critical, cases);
      changes.passCommitLag();
      await sync();
      const [closed] = (await episodes.read([critical])).get(critical) ?? [];
      expect(closed).toMatchObject({ active: false });
      const closedAt = Date.parse(closed?.closedAt ?? '');
      await playbooks.tick(new Date(closedAt + 47 * HOUR));
      expect(changes.pulseTasks('pulse:critical-escalation:')).toEqual([]);
      await playbooks.tick(new Date(closedAt + 48 * HOUR));
      await playbooks.tick(new Date(closedAt + 72 * HOUR));
      expect(messages(critical)).toHaveLength(4);
      const postMortems = changes.pulseTasks('pulse:critical-escalation:');
      expect(postMortems.map((task) => [task['WhatId'], task['Subject']])).toEqual([
        [
          critical,
          `Post-mortem: critical escalation on ${String(changes.store().recordById(critical)?.['Name'])}`,
        ],
      ]);
      expect(String(postMortems[0]?.['Description'])).toContain(
        'past its first-response and resolution targets',
      );

      // A webhook that refuses: the run completes after one attempt; the tick retries, then records.
      hook.refuse(true);
      changes.sink(failing);
      changes.passCommitLag();
      const attemptsBefore = hook.attempts();
      const run = await sync();
      expect(run.status).toBe('completed');
      expect(hook.attempts() - attemptsBefore).toBe(1);
      expect(await episodes.failures(10)).toEqual([]);
      const [failingEpisode] = (await episodes.read([failing])).get(failing) ?? [];
      const retried = await playbooks.tick(new Date(Date.parse(failingEpisode?.openedAt ?? '') + 2 * 60_000));
      expect(retried).toMatchObject({ webhooksFailed: 1, webhooksSent: 0 });
      expect(hook.attempts() - attemptsBefore).toBe(1 + 4);
      const [failure] = await episodes.failures(10);
      expect(failure).toMatchObject({
        playbookId: 'critical-escalation',
        accountId: failing,
        kind: 'webhook',
      });
      expect(failure?.reason).toContain('answered 503');
      hook.refuse(false);
      await playbooks.tick(new Date(Date.parse(failingEpisode?.openedAt ?? '') + 10 * 60_000));
      expect(messages(failing)).toEqual([]);

      // No secret in what went out, and the webhook's URL (its own credential) in no log line.
      const { credentials } = emulator;
      const secrets = [
        credentials.clientSecret,
        credentials.password,
        hook.url,
        '/hooks/T000/B000/secret-path',
      ];
      const sent = JSON.stringify([hook.received, changes.pulseTasks('pulse:')]);
      for (const secret of secrets.filter((value) => value.length > 0)) {
        expect(sent).not.toContain(secret);
        expect(logLines.join('\n')).not.toContain(secret);
      }
      expect(logLines.join('\n')).toContain('playbook');
    } finally {
      await opened.close();
      await hook.close();
    }
  },
  120_000,
);
