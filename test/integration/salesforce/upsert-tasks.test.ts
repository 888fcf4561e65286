/**
 * Playbook Tasks upserted on Pulse_Key__c against the emulated org: the first call creates them,
 * the same keys again update them (a retried or repeated request never duplicates a Task), and
 * each upsert is one API call.
 */
import { afterEach, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

interface AccountRow extends Record<string, unknown> {
  readonly Id: string;
  readonly OwnerId: string;
}

interface TaskRow extends Record<string, unknown> {
  readonly Id: string;
  readonly Pulse_Key__c: string;
  readonly Subject: string;
  readonly OwnerId: string;
  readonly WhatId: string;
  readonly ActivityDate: string;
  readonly Status: string;
  readonly Priority: string;
}

redisTest(
  'upserting the same Pulse keys twice creates three Tasks, then updates them: no duplicates, one call each',
  async ({ redisPrefix }) => {
    emulator = await startEmulator({ accounts: 3 });
    const { client, calls, close } = await openOrgClient(orgConfigFor(emulator, 'client_credentials'), {
      orgName: 'upsert-tasks',
      redisPrefix,
    });
    const running = emulator;
    const upsertCalls = () =>
      calls.filter(
        (call) => call.kind === 'api' && call.path.endsWith('/composite/sobjects/Task/Pulse_Key__c'),
      );
    try {
      const accounts = await client.query<AccountRow>('SELECT Id, OwnerId FROM Account ORDER BY Id LIMIT 3');
      expect(accounts.records).toHaveLength(3);
      const tasks = (subject: string) =>
        accounts.records.map((account, n) => ({
          Pulse_Key__c: `upsert-tasks:at-risk:${account.Id}:1`,
          OwnerId: account.OwnerId,
          WhatId: account.Id,
          Subject: subject,
          Description: `Health turned Red (episode 1, account ${n + 1}): schedule an executive check-in.`,
          ActivityDate: '2025-03-14',
          Priority: 'High',
          Status: 'Not Started',
        }));
      const keys = tasks('').map((task) => task.Pulse_Key__c);

      /** One upsert, and how many API calls the org counted for it. */
      const upsert = async (subject: string) => {
        const before = running.state.usage.used;
        const results = await client.upsertRecords('Task', 'Pulse_Key__c', tasks(subject));
        return { results, counted: running.state.usage.used - before };
      };

      const allTasks = async () => (await client.query('SELECT Id FROM Task')).totalSize;
      const tasksBefore = await allTasks();

      const first = await upsert('Executive check-in');
      expect(first.results).toEqual(
        keys.map(() => ({
          id: expect.stringMatching(/^00T/) as unknown,
          success: true,
          created: true,
          errors: [],
        })),
      );
      expect(first.counted).toBe(1);

      const second = await upsert('Executive check-in (updated)');
      expect(second.results).toEqual(
        first.results.map((result) => ({ id: result.id, success: true, created: false, errors: [] })),
      );
      expect(second.counted).toBe(1);
      expect(upsertCalls().map((call) => [call.method, call.attempt, call.status])).toEqual([
        ['PATCH', 1, 200],
        ['PATCH', 1, 200],
      ]);

      expect(await allTasks()).toBe(tasksBefore + 3);
      const quoted = keys.map((key) => `'${key}'`).join(', ');
      const held = await client.query<TaskRow>(
        `SELECT Id, Pulse_Key__c, Subject, OwnerId, WhatId, ActivityDate, Status, Priority FROM Task WHERE Pulse_Key__c IN (${quoted}) ORDER BY Pulse_Key__c`,
      );
      expect(held.totalSize).toBe(3);
      const byKey = new Map(held.records.map((row) => [row.Pulse_Key__c, row]));
      expect([...byKey.keys()].sort()).toEqual([...keys].sort());
      for (const [n, account] of accounts.records.entries()) {
        expect(byKey.get(keys[n] ?? '')).toMatchObject({
          Id: first.results[n]?.id,
          Subject: 'Executive check-in (updated)',
          OwnerId: account.OwnerId,
          WhatId: account.Id,
          ActivityDate: '2025-03-14',
          Status: 'Not Started',
          Priority: 'High',
        });
      }
    } finally {
      await close();
    }
  },
);
