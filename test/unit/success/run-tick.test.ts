/**
 * The tick's decisions, on an in-memory episode store and a stand-in Salesforce client: Tasks go
 * out 200 to a call and only as the org's switches allow (shadow mode and write-back off report
 * them and count them done; paused writes hold them); a record Salesforce refuses is recorded, not
 * retried; a call that fails as a whole leaves its Tasks due; webhooks get one attempt after a run
 * and their retries on the periodic tick.
 */
import { describe, expect, it } from 'vitest';

import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { classify } from '../../../src/salesforce/errors/classify.js';
import { SalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';
import type { SalesforceClient } from '../../../src/salesforce/salesforce-client.js';
import type { AccountView } from '../../../src/success/account-view.js';
import type { EpisodeStore, FailedAction } from '../../../src/success/episode-store.js';
import type { EpisodeState } from '../../../src/success/episodes.js';
import { SuccessPlaybook } from '../../../src/success/playbook-schema.js';
import { runTick, type TaskMode, type TickDeps } from '../../../src/success/run-tick.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';

const model = loadHealthModel({ cwd: process.cwd() });
const NOW = new Date('2026-12-07T10:00:00.000Z');

const playbook = SuccessPlaybook.parse({
  id: 'at-risk',
  name: 'At risk',
  description: 'x',
  trigger: { statusBecame: 'Red' },
  actions: [
    {
      task: {
        subject: 'Check in with {{account.name}}',
        description: '{{health.reasons}}',
        due: { businessDays: 5 },
      },
    },
    { webhook: { text: '{{account.name}} turned Red' } },
  ],
});

function view(n: number): AccountView {
  return {
    accountId: `001${String(n).padStart(15, '0')}`,
    name: `Account ${n}`,
    ownerId: '005000000000001AAA',
    segment: null,
    arr: null,
    score: 30,
    status: 'Red',
    scoreChange: null,
    escalation: 'None',
    escalationReasons: [],
    flags: [],
    reasons: 'Open P1 cases: 3.',
    openCases: [],
    calendar: 'default',
  };
}

function openEpisode(n: number): EpisodeState {
  const seen = view(n);
  return {
    playbookId: 'at-risk',
    subjectId: seen.accountId,
    accountId: seen.accountId,
    seq: 1,
    active: true,
    openedAt: NOW.toISOString(),
    fired: [],
    view: seen,
  };
}

function memoryStore(
  states: readonly EpisodeState[],
): EpisodeStore & { all(): EpisodeState[]; failed: FailedAction[]; dueAt: Map<string, number> } {
  const byAccount = new Map(states.map((state) => [state.accountId, [state]]));
  const dueAt = new Map(states.map((state) => [state.accountId, Date.parse(state.openedAt ?? '')]));
  const failed: FailedAction[] = [];
  return {
    failed,
    dueAt,
    all: () => [...byAccount.values()].flat(),
    async update(ids, change, nextDue) {
      for (const id of ids) {
        const next = change(id, byAccount.get(id) ?? []);
        if (!next) continue;
        byAccount.set(id, [...next]);
        const at = nextDue(next);
        if (at === undefined) dueAt.delete(id);
        else dueAt.set(id, at);
      }
      return Promise.resolve();
    },
    snooze(ids, untilMs) {
      for (const id of ids) if (dueAt.has(id)) dueAt.set(id, Math.max(dueAt.get(id) ?? 0, untilMs));
      return Promise.resolve();
    },
    read: (ids) => Promise.resolve(new Map(ids.map((id) => [id, byAccount.get(id) ?? []]))),
    dueAccounts: (nowMs, limit) =>
      Promise.resolve(
        [...dueAt]
          .filter(([, at]) => at <= nowMs)
          .sort((a, b) => a[1] - b[1])
          .slice(0, limit)
          .map(([id]) => id),
      ),
    baselined: () => Promise.resolve(new Set<string>()),
    markBaselined: () => Promise.resolve(),
    noteOwnersUndecided: () => Promise.resolve(),
    takeOwnersUndecided: () => Promise.resolve(false),
    recordFailure: (failure) => {
      failed.push(failure);
      return Promise.resolve();
    },
    failures: () => Promise.resolve(failed),
    withTickLock: async (work) => {
      await work();
      return true;
    },
  };
}

/** A client whose upserts answer per record as told, and count their calls. */
function standIn(
  answer: (record: Record<string, unknown>) => { success: boolean; statusCode?: string } | 'throw',
) {
  const calls: number[] = [];
  const client = {
    upsertRecords: (_object: string, _field: string, records: readonly Record<string, unknown>[]) => {
      calls.push(records.length);
      const answers = records.map(answer);
      if (answers.includes('throw')) return Promise.reject(new Error('SERVER_UNAVAILABLE after 4 attempts'));
      return Promise.resolve(
        answers.map((result) =>
          result !== 'throw' && result.success
            ? { success: true, created: true, errors: [] }
            : {
                success: false,
                errors: [
                  {
                    statusCode: result === 'throw' ? '' : (result.statusCode ?? ''),
                    message: 'refused',
                    fields: [],
                  },
                ],
              },
        ),
      );
    },
  } as unknown as SalesforceClient;
  return { client, calls };
}

function deps(
  store: EpisodeStore,
  client: SalesforceClient,
  mode: TaskMode,
  posted: unknown[],
  failHook = false,
): TickDeps {
  return {
    orgName: 'acme',
    playbooks: [playbook],
    store,
    model,
    client: () => Promise.resolve(client),
    postWebhook: (body) => {
      if (failHook) return Promise.reject(new Error('the webhook at hooks.example.com answered 503'));
      posted.push(body);
      return Promise.resolve();
    },
    taskMode: () => Promise.resolve(mode),
    logger: createLogger({ level: 'silent', format: 'json', redactor: createRedactor() }),
  };
}

describe('runTick', () => {
  it('writes 250 due Tasks in two calls and marks them done; the next tick sends nothing', async () => {
    const store = memoryStore(Array.from({ length: 250 }, (_, i) => openEpisode(i)));
    const { client, calls } = standIn(() => ({ success: true }));
    const posted: unknown[] = [];
    const report = await runTick(deps(store, client, 'on', posted), NOW);
    expect(calls).toEqual([200, 50]);
    expect(report).toMatchObject({ tasksCreated: 250, webhooksSent: 250, tasksFailed: 0 });
    expect(store.all().every((state) => state.fired.join() === '1,1')).toBe(true);
    const again = await runTick(deps(store, client, 'on', posted), NOW);
    expect(again).toMatchObject({ tasksCreated: 0, webhooksSent: 0 });
    expect(calls).toHaveLength(2);
  });

  it('shadow mode and write-back off write no Task and count them done; paused writes hold them', async () => {
    for (const mode of ['shadow', 'off'] as const) {
      const store = memoryStore([openEpisode(1)]);
      const { client, calls } = standIn(() => ({ success: true }));
      const posted: unknown[] = [];
      const report = await runTick(deps(store, client, mode, posted), NOW);
      expect([mode, calls, report.tasksWouldCreate]).toEqual([mode, [], 1]);
      expect(store.all()[0]?.fired[0]).toBe(1);
      // Shadow mode sends no notice either; with write-back off, notices still go.
      expect(posted).toHaveLength(mode === 'shadow' ? 0 : 1);
    }
    const store = memoryStore([openEpisode(1)]);
    const { client, calls } = standIn(() => ({ success: true }));
    const held = await runTick(deps(store, client, 'paused', []), NOW);
    expect([calls, held.tasksHeld, store.all()[0]?.fired[0] ?? 0]).toEqual([[], 1, 0]);
    // Held work waits a minute, so it never keeps newer work out of the next tick's batch.
    expect(await store.dueAccounts(NOW.getTime(), 10)).toEqual([]);
    const later = new Date(NOW.getTime() + 60_000);
    expect(await store.dueAccounts(later.getTime(), 10)).toEqual([view(1).accountId]);
    const resumed = await runTick(deps(store, client, 'on', []), later);
    expect([calls, resumed.tasksCreated]).toEqual([[1], 1]);
  });

  it('shadow mode sends no notice, also when no Task is due with it', () => {
    const noticesOnly = SuccessPlaybook.parse({
      ...playbook,
      actions: [{ webhook: { text: '{{account.name}} turned Red' } }],
    });
    const store = memoryStore([openEpisode(1)]);
    const { client } = standIn(() => ({ success: true }));
    const posted: unknown[] = [];
    return runTick({ ...deps(store, client, 'shadow', posted), playbooks: [noticesOnly] }, NOW).then(() => {
      expect(posted).toEqual([]);
      expect(store.all()[0]?.fired[0]).toBe(1);
    });
  });

  it('a deleted or merged account: its episodes end without an action', async () => {
    const store = memoryStore([openEpisode(1), openEpisode(2)]);
    const { client, calls } = standIn(() => ({ success: true }));
    const posted: unknown[] = [];
    await runTick(
      {
        ...deps(store, client, 'on', posted),
        presentAccounts: () => Promise.resolve(new Set([view(2).accountId])),
      },
      NOW,
    );
    expect(calls).toEqual([1]);
    expect(posted).toHaveLength(1);
    expect(store.all().map((state) => state.accountId)).toEqual([view(2).accountId]);
    expect([...store.dueAt.keys()]).toEqual([]);
  });

  it('states of a playbook no longer loaded leave the due set', async () => {
    const store = memoryStore([openEpisode(1)]);
    const { client, calls } = standIn(() => ({ success: true }));
    await runTick({ ...deps(store, client, 'on', []), playbooks: [] }, NOW);
    expect(calls).toEqual([]);
    expect(store.dueAt.size).toBe(0);
  });

  it('a refused record is recorded with its reason and not retried; a failed call leaves its Tasks due', async () => {
    const store = memoryStore([openEpisode(1), openEpisode(2)]);
    const refuse = view(2).accountId;
    const { client } = standIn((record) =>
      record['WhatId'] === refuse
        ? { success: false, statusCode: 'INVALID_CROSS_REFERENCE_KEY' }
        : { success: true },
    );
    const report = await runTick(deps(store, client, 'on', []), NOW);
    expect(report).toMatchObject({ tasksCreated: 1, tasksFailed: 1 });
    expect(store.failed).toEqual([
      expect.objectContaining({
        accountId: refuse,
        kind: 'task',
        reason: 'INVALID_CROSS_REFERENCE_KEY: refused',
      }),
    ]);
    expect(store.all().map((state) => state.fired[0])).toEqual([1, 1]);

    const down = memoryStore([openEpisode(3)]);
    const failing = standIn(() => 'throw');
    const first = await runTick(deps(down, failing.client, 'on', []), NOW);
    expect([first.tasksCreated, first.tasksFailed, down.all()[0]?.fired[0] ?? 0]).toEqual([0, 0, 0]);
    expect(down.failed).toEqual([]);

    // A refusal a retry cannot change (the key field not deployed): recorded, not tried every tick.
    const broken = memoryStore([openEpisode(4)]);
    const missingField = {
      upsertRecords: () =>
        Promise.reject(
          new SalesforceError(
            classify({
              errorCode: 'INVALID_FIELD',
              message: "No such column 'Pulse_Key__c' on sobject of type Task",
              httpStatus: 400,
            }),
            "No such column 'Pulse_Key__c' on sobject of type Task",
            { httpStatus: 400 },
          ),
        ),
    } as unknown as SalesforceClient;
    const refused = await runTick(deps(broken, missingField, 'on', []), NOW);
    expect(refused.tasksFailed).toBe(1);
    expect(broken.all()[0]?.fired[0]).toBe(1);
    expect(broken.failed[0]?.reason).toContain('Pulse_Key__c');
  });

  it('after a run a failing webhook stays due; on the periodic tick it is recorded and done', async () => {
    const store = memoryStore([openEpisode(1)]);
    const { client } = standIn(() => ({ success: true }));
    const afterRun = await runTick(deps(store, client, 'on', [], true), NOW, { afterRun: true });
    expect(afterRun).toMatchObject({ tasksCreated: 1, webhooksDeferred: 1, webhooksFailed: 0 });
    expect([store.all()[0]?.fired[0], store.all()[0]?.fired[1] ?? 0]).toEqual([1, 0]);
    const periodic = await runTick(deps(store, client, 'on', [], true), new Date(NOW.getTime() + 60_000));
    expect(periodic).toMatchObject({ tasksCreated: 0, webhooksFailed: 1 });
    expect(store.all()[0]?.fired).toEqual([1, 1]);
    expect(store.failed[0]).toMatchObject({
      kind: 'webhook',
      reason: 'the webhook at hooks.example.com answered 503',
    });
  });
});
