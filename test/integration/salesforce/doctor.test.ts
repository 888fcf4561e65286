/**
 * `pulse doctor` against emulated orgs that are ready, and that are not in the ways admins get
 * wrong: an undeployed field (the playbooks' Task key too), a field the integration user cannot edit, a spent API budget, Redis
 * down. Each problem is reported with its fix, and blocks.
 */
import path from 'node:path';

import { Redis } from 'ioredis';
import { afterEach, describe, expect } from 'vitest';

import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator/index.js';
import type { OrgConfig } from '../../../src/config/index.js';
import type { DoctorReport } from '../../../src/doctor/doctor-report.js';
import { runDoctor } from '../../../src/doctor/run-doctor.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { createSalesforceClient } from '../../../src/salesforce/salesforce-client.js';
import { discardCalls } from '../../../src/salesforce/transport/call-record.js';
import { orgConfigFor } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const model = loadHealthModel({ cwd: path.resolve(import.meta.dirname, '../../..') });
let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function doctor(
  options: EmulatorOptions,
  redisPrefix: string,
  prepare?: (org: RunningEmulator) => void,
): Promise<DoctorReport> {
  emulator = await startEmulator({ accounts: 5, ...options });
  prepare?.(emulator);
  const org: OrgConfig = orgConfigFor(emulator, 'password');
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
  const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
  try {
    return await runDoctor({
      orgName: 'doctored',
      org,
      model,
      pingRedis: async () => redis.ping(),
      playbookTasks: true,
      connect: () =>
        createSalesforceClient({
          orgName: 'doctored',
          org,
          redis,
          limiterRedis: new Redis(TEST_REDIS_URL),
          keyPrefix: redisPrefix,
          recorder: discardCalls,
          ignoreReserve: true,
          redactor: createRedactor(),
          logger,
        }),
    });
  } finally {
    await redis.quit();
  }
}

const byId = (report: DoctorReport, id: string) => report.checks.find((result) => result.id === id);

describe('pulse doctor', () => {
  redisTest('finds a ready org ready', async ({ redisPrefix }) => {
    const report = await doctor({}, redisPrefix);
    const failed = report.checks.filter((result) => result.status === 'fail');
    expect(failed).toEqual([]);
    expect(report.blocking).toBe(false);
    expect(byId(report, 'login')?.detail).toMatch(
      /^Logged in with the password flow as integration@pulse\.emulator \(005/,
    );
    expect(byId(report, 'api-version')).toMatchObject({ status: 'ok' });
    expect(byId(report, 'field:Health_Score__c')).toMatchObject({
      status: 'ok',
      detail: 'Writable double(3,0).',
    });
    expect(byId(report, 'budget')?.detail).toContain(
      'Pulse stops at 80000, keeping 20% for other integrations',
    );
    expect(byId(report, 'field:Task.Pulse_Key__c')).toMatchObject({ status: 'ok' });
  });

  redisTest('reports the Task key missing when playbooks create Tasks', async ({ redisPrefix }) => {
    const report = await doctor({ missingFields: ['Task.Pulse_Key__c'] }, redisPrefix);
    expect(report.blocking).toBe(true);
    expect(byId(report, 'field:Task.Pulse_Key__c')).toMatchObject({
      status: 'fail',
      fix: expect.stringContaining('success.enabled: false') as unknown,
    });
  });

  redisTest('reports an undeployed field, with the deploy command', async ({ redisPrefix }) => {
    const report = await doctor({ missingFields: ['Account.Risk_Flags__c'] }, redisPrefix);
    expect(report.blocking).toBe(true);
    expect(byId(report, 'field:Risk_Flags__c')).toMatchObject({
      status: 'fail',
      detail: 'The field does not exist, or the integration user cannot see it (riskFlags).',
      fix: expect.stringContaining('sf project deploy start --source-dir force-app') as unknown,
    });
  });

  redisTest(
    'reports a field the integration user cannot edit, with the permission set to assign',
    async ({ redisPrefix }) => {
      const report = await doctor({ readOnlyFields: ['Account.Health_Status__c'] }, redisPrefix);
      expect(byId(report, 'field:Health_Status__c')).toMatchObject({
        status: 'fail',
        detail: 'The field is not editable by the integration user.',
        fix: expect.stringContaining('Assign the Pulse_Integration permission set') as unknown,
      });
    },
  );

  redisTest('reports an integration user who cannot see every account', async ({ redisPrefix }) => {
    const report = await doctor({ accountVisibility: 'restricted' }, redisPrefix);
    expect(byId(report, 'visibility')).toMatchObject({
      status: 'fail',
      detail:
        'The integration user has neither View All Data nor View All on Account: some accounts are hidden from it.',
      fix: expect.stringContaining('Assign the Pulse_Integration permission set') as unknown,
    });
    expect(report.blocking).toBe(true);
  });

  redisTest('reports a spent budget: a sync would pause at once', async ({ redisPrefix }) => {
    const report = await doctor({ apiLimit: 1000, apiUsedAtStart: 900 }, redisPrefix);
    expect(byId(report, 'budget')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(
        /used 9\d\d of 1000 .*Pulse stops at 800.* A sync now would pause at once\./,
      ) as unknown,
      fix: expect.stringContaining('apiBudget.reservePercent') as unknown,
    });
  });

  redisTest('reports Redis down and skips what needs it', async () => {
    emulator = await startEmulator({ accounts: 1 });
    const org = orgConfigFor(emulator, 'password');
    const report = await runDoctor({
      orgName: 'no-redis',
      org,
      model,
      pingRedis: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')),
      connect: () => Promise.reject(new Error('not reached')),
    });
    expect(report.checks.map((result) => [result.id, result.status])).toEqual([
      ['redis', 'fail'],
      ['salesforce', 'skipped'],
    ]);
  });
});
