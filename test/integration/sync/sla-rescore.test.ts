/**
 * An open case's SLA clock runs while nothing changes in Salesforce: after a run, the account is
 * scheduled for the instant its case reaches the watch share (or its breach), and the first
 * incremental run after that scores it though it is not dirty (counted as rescored for an SLA
 * clock); once the case is closed, the account leaves the schedule.
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { formatDateTime } from '../../../emulator/org/wire-format.js';
import { Config } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedis } from '../../../src/main/create-redis.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { fixTargets } from '../../../src/sync/run/run-scope.js';
import { createRunState } from '../../../src/sync/run/run-state.js';
import { createRescoreSchedule } from '../../../src/sync/snapshot/rescore-schedule.js';
import { createSnapshotStore } from '../../../src/sync/snapshot/snapshot-store.js';
import { orgConfigFor } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const DAY = 24 * 3_600_000;
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 20, seed: 5 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest(
  'an account is rescored when its open case’s SLA clock crosses a threshold',
  async ({ redisPrefix }) => {
    const config = Config.parse({ redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix } });
    const org = orgConfigFor(emulator, 'password', { writeBack: true });
    const { store } = emulator.state;
    // A quiet account: no open case of its own, then one P1 case opened just now.
    const quiet = [...store.recordsOf('Account')].find(
      (account) =>
        ![...store.recordsOf('Case')].some((c) => c['AccountId'] === account['Id'] && c['IsClosed'] !== true),
    );
    const accountId = String(quiet?.['Id']);
    const opened = store.insert(
      'Case',
      { AccountId: accountId, Subject: 'Down', Priority: 'Critical', Status: 'New' },
      emulator.state.apiUserId,
    );
    opened['CaseNumber'] = '77000001';
    opened['CreatedDate'] = formatDateTime(new Date());
    // Past the pull's commit lag, so the run sees the case.
    emulator.state.clock.advance(3 * 60_000);

    expect((await syncInProcess({ config, orgName: 'acme', org })).status).toBe('completed');
    const redis = createRedis(config.redis, logger);
    try {
      const schedule = createRescoreSchedule(redis, 'acme');
      const snapshot = createSnapshotStore(redis, 'acme');
      expect(await schedule.due(Date.now())).not.toContain(accountId);
      // A P1 case resolves in 4 business hours: its watch share comes within a week, whatever today is.
      const inAWeek = Date.now() + 7 * DAY;
      expect(await schedule.due(inAWeek)).toContain(accountId);
      expect(await snapshot.dirtyAccounts()).toEqual([]);

      // The next incremental run after that instant scores it, and says why.
      const state = createRunState(redis, 'acme', 'rescore-check');
      const targets = await fixTargets(snapshot, state, false, { schedule, now: new Date(inAWeek) });
      expect(targets).toBeGreaterThanOrEqual(1);
      expect(await state.targets(0, targets)).toContain(accountId);
      expect((await state.totals()).slaRescored).toBe(targets);

      // Closed: nothing is running, so the account leaves the schedule when it is scored.
      store.update(opened, { Status: 'Closed', IsClosed: true }, emulator.state.apiUserId);
      emulator.state.clock.advance(3 * 60_000);
      const report = await syncInProcess({ config, orgName: 'acme', org });
      expect(report.scored).toBeGreaterThanOrEqual(1);
      expect(await schedule.due(inAWeek)).not.toContain(accountId);
    } finally {
      redis.disconnect();
    }
  },
  60_000,
);
