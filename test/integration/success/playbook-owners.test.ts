/**
 * Owners in playbooks against the emulator, through real runs and real Redis: a playbook limited
 * to accounts whose owner has the Enterprise CSM role creates a Task only for those; the package's
 * SLA-about-to-breach notice for a case a queue owns goes to that queue's webhook
 * (`success.queueRoutes`), the others to the default webhook, each naming the owner. The org's
 * users and queues are read once for both runs.
 */
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { cachedOwners } from '../../../src/success/owner-directory.js';
import { orgConfigFor } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { orgChanges, webhookReceiver } from '../../support/success-org.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');

const ENTERPRISE_AT_RISK = `
id: enterprise-at-risk
name: Enterprise account at risk
description: Red accounts owned by enterprise CSMs get an executive check-in.
trigger:
  statusBecame: Red
conditions:
  ownerRoles: [Enterprise_CSM]
actions:
  - task:
      subject: 'Executive check-in: {{account.name}} ({{account.ownerRole}})'
      description: 'Why: {{health.reasons}}'
      due: { businessDays: 5 }
`;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 40, seed: 19 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest(
  'role conditions pick the owner; an SLA notice goes to the case queue, others to the default',
  async ({ redisPrefix, redis }) => {
    const general = await webhookReceiver();
    const tier2 = await webhookReceiver();
    const changes = orgChanges(emulator);
    const { store, live } = changes;
    const dir = mkdtempSync(path.join(tmpdir(), 'pulse-playbooks-'));
    writeFileSync(path.join(dir, 'enterprise-at-risk.yaml'), ENTERPRISE_AT_RISK);
    copyFileSync(
      path.join(repoRoot, 'playbooks/success/sla-about-to-breach.yaml'),
      path.join(dir, 'sla-about-to-breach.yaml'),
    );
    const config = Config.parse({
      redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
      success: {
        playbooksDir: dir,
        webhookUrl: general.url,
        queueRoutes: [{ queue: 'tier 2 support', webhookUrl: tier2.url }],
      },
    });
    const org = orgConfigFor(emulator, 'password', { writeBack: true });
    const sync = () => syncInProcess({ config, orgName: 'acme', org });
    // The org's two account owners: one an Enterprise CSM, the other an SMB CSM.
    const roleId = (developerName: string) =>
      String(live('UserRole').find((role) => role['DeveloperName'] === developerName)?.['Id']);
    const owners = [...new Set(live('Account').map((account) => String(account['OwnerId'])))].sort();
    expect(owners).toHaveLength(2);
    const [enterpriseCsm = '', smbCsm = ''] = owners;
    store().update(
      store().recordById(enterpriseCsm)!,
      { UserRoleId: roleId('Enterprise_CSM') },
      emulator.state.adminId,
    );
    store().update(store().recordById(smbCsm)!, { UserRoleId: roleId('SMB_CSM') }, emulator.state.adminId);
    try {
      expect((await sync()).status).toBe('completed');
      const firstRead = (await cachedOwners(redis, 'acme'))?.readAt;
      expect(firstRead).toBeDefined();

      const green = live('Account').filter((account) => account['Health_Status__c'] === 'Green');
      const enterprise = green.find((account) => account['OwnerId'] === enterpriseCsm);
      const smb = green.find((account) => account['OwnerId'] === smbCsm);
      if (!enterprise || !smb) throw new Error('the org needs a Green account of each owner');
      const [queued = '', ...others] = changes.sink(String(enterprise['Id']));
      others.push(...changes.sink(String(smb['Id'])));
      const queue = live('Group').find((group) => group['DeveloperName'] === 'Tier_2_Support');
      store().update(store().recordById(queued)!, { OwnerId: String(queue?.['Id']) }, emulator.state.adminId);
      for (const id of others)
        store().update(store().recordById(id)!, { OwnerId: smbCsm }, emulator.state.adminId);
      changes.passCommitLag();
      expect((await sync()).status).toBe('completed');

      const tasks = changes.pulseTasks('pulse:enterprise-at-risk:');
      expect(tasks.map((task) => [task['WhatId'], task['OwnerId']])).toEqual([
        [enterprise['Id'], enterprise['OwnerId']],
      ]);
      expect(String(tasks[0]?.['Subject'])).toBe(
        `Executive check-in: ${String(enterprise['Name'])} (Enterprise CSM)`,
      );

      expect(tier2.received).toEqual([
        expect.objectContaining({ playbook: 'sla-about-to-breach', caseId: queued, queue: 'Tier 2 Support' }),
      ]);
      expect(String(tier2.received[0]?.['text'])).toContain('Owner: Tier 2 Support.');
      const person = String(store().recordById(smbCsm)?.['Name']);
      const ours = general.received.filter((message) => others.includes(String(message['caseId'])));
      expect(ours.map((message) => message['caseId']).sort()).toEqual([...others].sort());
      for (const message of ours) {
        expect(message).not.toHaveProperty('queue');
        expect(String(message['text'])).toContain(`Owner: ${person}.`);
      }
      // Neither webhook's URL (a credential) is in what went out.
      const sent = JSON.stringify([general.received, tier2.received, changes.pulseTasks('pulse:')]);
      for (const url of [general.url, tier2.url]) expect(sent).not.toContain(new URL(url).pathname);
      // Read once for both runs and all their score jobs (kept an hour).
      expect((await cachedOwners(redis, 'acme'))?.readAt).toBe(firstRead);
    } finally {
      await general.close();
      await tier2.close();
    }
  },
  120_000,
);
