/**
 * The pull is provably complete against the emulated org: a full pull equals the org; records at
 * the watermark, committed late, or sharing one timestamp across a page boundary are each pulled
 * once; deletes, undeletes, reparenting and merges reach the snapshot and dirty the right
 * accounts; a pull interrupted at random pages resumes to the same snapshot.
 */
import path from 'node:path';

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import type { StoredRecord } from '../../../emulator/org/types.js';
import { formatDateTime } from '../../../emulator/org/wire-format.js';
import { FieldMapping } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { reconcile } from '../../../src/sync/pull/reconcile.js';
import { commitPull, runPull, type RunPullDeps } from '../../../src/sync/pull/run-pull.js';
import type { PullSettings } from '../../../src/sync/pull/pull-object.js';
import { createSnapshotStore, type SnapshotStore } from '../../../src/sync/snapshot/snapshot-store.js';
import { openOrgClient, orgConfigFor, type TestOrgClient } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';

const model = loadHealthModel({ cwd: path.resolve(import.meta.dirname, '../../..') });
const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
const SETTINGS: PullSettings = {
  commitLagMs: 2 * 60_000,
  overlapMs: 5 * 60_000,
  pageSize: 40,
  deletedRetentionMs: 15 * 24 * 3600_000,
};
const MINUTE = 60_000;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 25, seed: 11 });
});
afterAll(async () => {
  await emulator.close();
});

interface Harness {
  readonly org: TestOrgClient;
  readonly store: SnapshotStore;
  /** Ids returned by each pull, in order, to prove none comes twice. */
  readonly pulledIds: string[];
  deps(afterPage?: RunPullDeps['afterPage']): RunPullDeps;
  close(): Promise<void>;
}

async function harness(orgName: string, redisPrefix: string): Promise<Harness> {
  const org = await openOrgClient(orgConfigFor(emulator, 'password'), { orgName, redisPrefix });
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: redisPrefix });
  const store = createSnapshotStore(redis, orgName);
  const pulledIds: string[] = [];
  // Watch what each page returns, without changing it.
  const client = {
    ...org.client,
    query: async <T extends Record<string, unknown>>(soql: string) => {
      const page = await org.client.query<T>(soql);
      pulledIds.push(...page.records.map((record) => String(record['Id'])));
      return page;
    },
    queryAll: async <T extends Record<string, unknown>>(soql: string) => {
      const page = await org.client.queryAll<T>(soql);
      pulledIds.push(...page.records.map((record) => String(record['Id'])));
      return page;
    },
  };
  return {
    org,
    store,
    pulledIds,
    deps: (afterPage) => ({
      client,
      store,
      mapping: FieldMapping.parse({}),
      model,
      logger,
      ...(afterPage ? { afterPage } : {}),
    }),
    async close() {
      await org.close();
      await redis.quit();
    },
  };
}

const live = (object: string): StoredRecord[] =>
  [...emulator.state.store.recordsOf(object)].filter((record) => record['IsDeleted'] !== true);
const user = (): string => emulator.state.apiUserId;
/** Lets the org's clock pass the commit lag, so what was just written is inside the next window. */
const passCommitLag = (): void => {
  emulator.state.clock.advance(3 * MINUTE);
};

describe('pull', () => {
  redisTest('a first, full pull equals the org', async ({ redisPrefix }) => {
    const h = await harness('full', redisPrefix);
    try {
      passCommitLag();
      const summary = await runPull(h.deps(), SETTINGS);
      expect(summary.map((entry) => entry.mode)).toEqual(['full', 'full', 'full']);
      expect(await h.store.count('Account')).toBe(live('Account').length);
      expect(await h.store.count('Opportunity')).toBe(live('Opportunity').length);
      expect(await h.store.count('Case')).toBe(live('Case').length);
      expect(new Set(h.pulledIds).size).toBe(h.pulledIds.length);
      expect((await h.store.dirtyAccounts()).sort()).toEqual(
        live('Account')
          .map((a) => String(a['Id']))
          .sort(),
      );
      const account = live('Account')[0]!;
      const snapshot = await h.store.readAccount(String(account['Id']));
      const cases = live('Case').filter((c) => c['AccountId'] === account['Id']);
      expect(snapshot?.cases.map((c) => c['Id']).sort()).toEqual(cases.map((c) => c['Id']).sort());
      expect(snapshot?.account).toMatchObject({ Id: account['Id'], Name: account['Name'] });
      expect(snapshot?.account).not.toHaveProperty('attributes');
    } finally {
      await h.close();
    }
  });

  redisTest(
    'records at the watermark, committed late, or sharing a timestamp across pages: each pulled once',
    async ({ redisPrefix }) => {
      const h = await harness('boundary', redisPrefix);
      try {
        passCommitLag();
        await runPull(h.deps(), SETTINGS);
        await commitPull(h.store);
        const watermark = (await h.store.readWatermark('Case'))!;
        const [account] = live('Account');
        const accountId = String(account!['Id']);
        const insert = (subject: string, stamp: Date): string => {
          const record = emulator.state.store.insert(
            'Case',
            { AccountId: accountId, Subject: subject, Priority: 'High', Status: 'New' },
            user(),
          );
          record['SystemModstamp'] = formatDateTime(stamp);
          return String(record['Id']);
        };
        // Exactly at the watermark; committed late (stamped inside the overlap); 100 sharing one instant.
        const atWatermark = insert('at the watermark', watermark);
        const late = insert('committed late', new Date(watermark.getTime() - 2 * MINUTE));
        const shared = new Date(watermark.getTime() + MINUTE);
        const sameInstant = Array.from({ length: 100 }, (_, i) => insert(`same instant ${i}`, shared));
        passCommitLag();
        h.pulledIds.length = 0;
        await runPull(h.deps(), SETTINGS);
        for (const id of [atWatermark, late, ...sameInstant])
          expect(h.pulledIds.filter((pulled) => pulled === id)).toHaveLength(1);
        expect(new Set(h.pulledIds).size).toBe(h.pulledIds.length);
        expect(await h.store.count('Case')).toBe(live('Case').length);
        expect(await h.store.dirtyAccounts()).toContain(accountId);
      } finally {
        await h.close();
      }
    },
  );

  redisTest(
    'deletes, undeletes, reparenting and merges reach the snapshot and dirty both accounts',
    async ({ redisPrefix }) => {
      const h = await harness('changes', redisPrefix);
      try {
        passCommitLag();
        await runPull(h.deps(), SETTINGS);
        await commitPull(h.store);
        await h.store.clearDirty(await h.store.dirtyAccounts());
        const accounts = live('Account').filter((a) => live('Case').some((c) => c['AccountId'] === a['Id']));
        const [from, to, loser, winner] = accounts.map((a) => String(a['Id']));
        const casesOf = (id: string | undefined) => live('Case').filter((c) => c['AccountId'] === id);
        const store = emulator.state.store;
        // Reparent one case; delete another; delete and undelete a third; merge `loser` into `winner`.
        const [moved, deleted, undeleted] = [...casesOf(from), ...casesOf(to)];
        store.update(moved!, { AccountId: to! }, user());
        store.softDelete(deleted!, user());
        store.softDelete(undeleted!, user());
        emulator.state.clock.advance(1000);
        store.undelete(undeleted!, user());
        for (const child of casesOf(loser)) store.update(child, { AccountId: winner! }, user());
        const loserRecord = store.recordById(loser!)!;
        store.softDelete(loserRecord, user());
        passCommitLag();
        await runPull(h.deps(), SETTINGS);
        const snapshotCases = async (id: string | undefined) =>
          (await h.store.readAccount(id ?? ''))?.cases.map((c) => c['Id']).sort();
        expect(await snapshotCases(to)).toEqual(
          casesOf(to)
            .map((c) => c['Id'])
            .sort(),
        );
        expect(await snapshotCases(from)).toEqual(
          casesOf(from)
            .map((c) => c['Id'])
            .sort(),
        );
        expect(await snapshotCases(winner)).toEqual(
          casesOf(winner)
            .map((c) => c['Id'])
            .sort(),
        );
        expect(await h.store.readAccount(loser!)).toBeUndefined();
        expect((await snapshotCases(String(undeleted!['AccountId']))) ?? []).toContain(undeleted!['Id']);
        expect(((await snapshotCases(from)) ?? []).concat((await snapshotCases(to)) ?? [])).not.toContain(
          deleted!['Id'],
        );
        const dirty = await h.store.dirtyAccounts();
        for (const id of [from, to, winner]) expect(dirty).toContain(id);
        expect(dirty).not.toContain(loser);
        expect(await h.store.count('Case')).toBe(live('Case').length);
      } finally {
        await h.close();
      }
    },
  );

  redisTest('a pull interrupted at random pages resumes to the same snapshot', async ({ redisPrefix }) => {
    const whole = await harness('uninterrupted', redisPrefix);
    const broken = await harness('interrupted', redisPrefix);
    try {
      passCommitLag();
      await runPull(whole.deps(), SETTINGS);
      let crashes = 0;
      // Killed at an object's first page and mid-object, in each object.
      const crashAt = new Set(['Account:1', 'Opportunity:2', 'Case:1', 'Case:3']);
      for (;;) {
        try {
          await runPull(
            broken.deps((object, pages) => {
              if (crashAt.has(`${object}:${pages}`)) {
                crashAt.delete(`${object}:${pages}`);
                crashes += 1;
                throw new Error(`worker killed after page ${pages} of ${object}`);
              }
            }),
            SETTINGS,
          );
          break;
        } catch (error) {
          expect((error as Error).message).toMatch(/worker killed/);
        }
      }
      expect(crashes).toBe(4);
      for (const object of ['Account', 'Opportunity', 'Case'] as const) {
        expect(await broken.store.count(object)).toBe(await whole.store.count(object));
      }
      for (const account of live('Account')) {
        const id = String(account['Id']);
        const [a, b] = [await whole.store.readAccount(id), await broken.store.readAccount(id)];
        expect(b?.account).toEqual(a?.account);
        expect(b?.cases.map((c) => c['Id']).sort()).toEqual(a?.cases.map((c) => c['Id']).sort());
        expect(b?.opportunities.map((o) => o['Id']).sort()).toEqual(
          a?.opportunities.map((o) => o['Id']).sort(),
        );
      }
    } finally {
      await whole.close();
      await broken.close();
    }
  });
});

describe('a full pull killed as it finishes', () => {
  redisTest(
    'killed after sweeping what it did not see, before marking its window done: the redo deletes nothing',
    async ({ redisPrefix }) => {
      const h = await harness('killed-at-sweep', redisPrefix);
      try {
        passCommitLag();
        let killed = 0;
        const store: SnapshotStore = {
          ...h.store,
          writeCheckpoint: async (object, checkpoint) => {
            if (checkpoint.done && object === 'Account' && killed === 0) {
              killed += 1;
              throw new Error('worker killed before the done checkpoint');
            }
            await h.store.writeCheckpoint(object, checkpoint);
          },
        };
        await expect(runPull({ ...h.deps(), store }, SETTINGS)).rejects.toThrow(/worker killed/);
        await runPull({ ...h.deps(), store }, SETTINGS);
        expect(killed).toBe(1);
        // The redo's last page is empty: the accounts it saw before the kill still count as seen.
        expect(await h.store.count('Account')).toBe(live('Account').length);
        expect((await h.store.accountIds()).length).toBe(live('Account').length);
      } finally {
        await h.close();
      }
    },
  );
});

describe('delete retention', () => {
  redisTest(
    'a watermark older than Salesforce keeps deletes for forces a full pull, which drops what is gone',
    async ({ redisPrefix }) => {
      const h = await harness('stale-watermark', redisPrefix);
      try {
        passCommitLag();
        await runPull(h.deps(), SETTINGS);
        await commitPull(h.store);
        // The org ran on without Pulse for longer than deletes stay visible; a case was deleted and purged meanwhile.
        const gone = live('Case')[0]!;
        emulator.state.store.softDelete(gone, user());
        emulator.state.clock.advance(16 * 24 * 3600_000);
        const summary = await runPull(h.deps(), SETTINGS);
        expect(summary.map((entry) => entry.mode)).toEqual(['full', 'full', 'full']);
        expect(await h.store.count('Case')).toBe(live('Case').length);
        const account = await h.store.readAccount(String(gone['AccountId']));
        expect(account?.cases.map((c) => c['Id'])).not.toContain(gone['Id']);
      } finally {
        await h.close();
      }
    },
  );
});

describe('reconciliation', () => {
  redisTest(
    'finds a record the windows could not see, reports it, and the next pull heals it',
    async ({ redisPrefix }) => {
      const h = await harness('reconciled', redisPrefix);
      try {
        passCommitLag();
        await runPull(h.deps(), SETTINGS);
        await commitPull(h.store);
        // A record whose transaction committed far later than its SystemModstamp: older than any overlap.
        const watermark = (await h.store.readWatermark('Case'))!;
        const lost = emulator.state.store.insert(
          'Case',
          {
            AccountId: String(live('Account')[0]!['Id']),
            Subject: 'committed very late',
            Priority: 'Low',
            Status: 'New',
          },
          user(),
        );
        lost['SystemModstamp'] = formatDateTime(new Date(watermark.getTime() - 60 * MINUTE));
        lost['CreatedDate'] = lost['SystemModstamp'];
        passCommitLag();
        await runPull(h.deps(), SETTINGS);
        expect(await h.store.count('Case')).toBe(live('Case').length - 1);
        const windowEnd = new Date((await h.store.readCheckpoint('Case'))!.to);
        const report = await reconcile({ client: h.deps().client, store: h.store }, windowEnd);
        expect(report.find((entry) => entry.object === 'Case')).toEqual({
          object: 'Case',
          expected: live('Case').length,
          found: live('Case').length - 1,
          drift: true,
        });
        expect(report.filter((entry) => entry.drift).map((entry) => entry.object)).toEqual(['Case']);
        await commitPull(h.store);
        const healed = await runPull(h.deps(), SETTINGS);
        expect(healed.map((entry) => [entry.object, entry.mode])).toEqual([
          ['Account', 'incremental'],
          ['Opportunity', 'incremental'],
          ['Case', 'full'],
        ]);
        expect(await h.store.count('Case')).toBe(live('Case').length);
      } finally {
        await h.close();
      }
    },
  );
});

describe('Bulk API 2.0', () => {
  redisTest(
    'a full pull of a large object reads a Bulk query job set by set, to the same snapshot as REST',
    async ({ redisPrefix }) => {
      const rest = await harness('rest-full', redisPrefix);
      const bulk = await harness('bulk-full', redisPrefix);
      try {
        passCommitLag();
        await runPull(rest.deps(), SETTINGS);
        // Every object is "large" here; 37 records a set makes several sets per object.
        const summary = await runPull(bulk.deps(), { ...SETTINGS, bulkThreshold: 10, bulkSetSize: 37 });
        expect(
          bulk.org.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/jobs/query')),
        ).toHaveLength(3);
        expect(summary.find((entry) => entry.object === 'Opportunity')?.pages).toBeGreaterThan(2);
        for (const object of ['Account', 'Opportunity', 'Case'] as const) {
          expect(await bulk.store.count(object)).toBe(await rest.store.count(object));
        }
        for (const account of live('Account')) {
          const id = String(account['Id']);
          const [a, b] = [await rest.store.readAccount(id), await bulk.store.readAccount(id)];
          // Typed from CSV text exactly as REST types them: numbers, booleans, nulls, date-times.
          expect(b?.account).toEqual(a?.account);
          const byId = (records: readonly Record<string, unknown>[] | undefined) =>
            [...(records ?? [])].sort((x, y) => String(x['Id']).localeCompare(String(y['Id'])));
          expect(byId(b?.opportunities)).toEqual(byId(a?.opportunities));
          expect(byId(b?.cases)).toEqual(byId(a?.cases));
        }
      } finally {
        await rest.close();
        await bulk.close();
      }
    },
  );
});
