/**
 * Customer-success playbooks against the emulator, through real runs (`pulse sync --once` in this
 * process) and real Redis, with the package's own at-risk and critical-escalation playbooks:
 *  - the first run only records the state; accounts that then turn Red get one Task each, for their
 *    owner, due in five business days, saying why; a run with nothing new creates none; recovery
 *    then relapse creates one more;
 *  - a critical escalation is announced on the webhook once, with the run.
 * (Reminders, post-mortems and a failing webhook, under a fake clock: playbook-timing.test.ts.)
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config, type OrgConfig } from '../../../src/config/index.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { taskDueDate } from '../../../src/success/task-due-date.js';
import { orgConfigFor } from '../../support/org-client.js';
import { orgChanges, playbooksDir, webhookReceiver } from '../../support/success-org.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const model = loadHealthModel({ cwd: repoRoot });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 40, seed: 12 });
});
afterAll(async () => {
  await emulator.close();
});

describe('customer-success playbooks', () => {
  redisTest(
    'accounts turning Red get one Task each; nothing new, none; recovery then relapse, one more',
    async ({ redisPrefix }) => {
      const hook = await webhookReceiver();
      const { store, live, sink, recover, pulseTasks, statusOf, passCommitLag } = orgChanges(emulator);
      try {
        const config = Config.parse({
          redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
          success: {
            playbooksDir: playbooksDir(['at-risk.yaml', 'critical-escalation.yaml']),
            webhookUrl: hook.url,
          },
        });
        const org: OrgConfig = orgConfigFor(emulator, 'password', { writeBack: true });
        const sync = () => syncInProcess({ config, orgName: 'acme', org });

        // The first (full) run records the state Pulse found: accounts already Red get nothing.
        const first = await sync();
        expect([first.status, first.error]).toEqual(['completed', undefined]);
        const alreadyRed = live('Account').filter((account) => account['Health_Status__c'] === 'Red');
        expect(pulseTasks('pulse:')).toEqual([]);

        const targets = live('Account')
          .filter((account) => account['Health_Status__c'] === 'Green')
          .slice(0, 3)
          .map((account) => String(account['Id']));
        expect(targets).toHaveLength(3);
        const cases = new Map(targets.map((id) => [id, sink(id)]));
        passCommitLag();
        const before = Date.now();
        const second = await sync();
        expect([second.status, second.error]).toEqual(['completed', undefined]);
        for (const id of targets)
          expect([id, statusOf(id), store().recordById(id)?.['Health_Reasons__c']]).toEqual([
            id,
            'Red',
            expect.anything(),
          ]);

        const atRisk = pulseTasks('pulse:at-risk:');
        expect(atRisk.map((task) => task['WhatId']).sort()).toEqual([...targets].sort());
        for (const task of atRisk) {
          const account = store().recordById(String(task['WhatId']))!;
          expect(task['OwnerId']).toBe(account['OwnerId']);
          expect(task['Subject']).toBe(`Executive check-in: ${String(account['Name'])} is at risk`);
          expect(String(task['Description'])).toContain(String(account['Health_Reasons__c']).slice(0, 40));
          expect(task['Priority']).toBe('High');
          expect(task['Status']).toBe('Not Started');
          // Five business days on the default calendar (Mon-Fri, UTC), from when the run ran.
          expect([
            taskDueDate(model.sla.defaultCalendar, before, { businessDays: 5 }),
            taskDueDate(model.sla.defaultCalendar, Date.now(), { businessDays: 5 }),
          ]).toContain(task['ActivityDate']);
        }
        for (const account of alreadyRed)
          expect(atRisk.map((task) => task['WhatId'])).not.toContain(account['Id']);
        // The critical escalations were announced once each.
        const announced = hook.received.filter((message) => message['playbook'] === 'critical-escalation');
        expect(announced.map((message) => message['accountId']).sort()).toEqual([...targets].sort());
        expect(String(announced[0]?.['text'])).toContain('acknowledge within 15 minutes');

        // Nothing new: no Task, no message.
        passCommitLag();
        await sync();
        expect(pulseTasks('pulse:at-risk:')).toHaveLength(3);
        expect(hook.received.filter((message) => message['playbook'] === 'critical-escalation')).toHaveLength(
          3,
        );

        // One account recovers, then falls again: one more Task, for it.
        const [relapsing = ''] = targets;
        recover(relapsing, cases.get(relapsing) ?? []);
        passCommitLag();
        await sync();
        expect(statusOf(relapsing)).not.toBe('Red');
        expect(pulseTasks('pulse:at-risk:')).toHaveLength(3);
        sink(relapsing);
        passCommitLag();
        await sync();
        expect(statusOf(relapsing)).toBe('Red');
        const after = pulseTasks('pulse:at-risk:');
        expect(after).toHaveLength(4);
        expect(after.filter((task) => task['WhatId'] === relapsing)).toHaveLength(2);
      } finally {
        await hook.close();
      }
    },
    120_000,
  );
});
