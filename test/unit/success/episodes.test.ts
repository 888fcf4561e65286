/**
 * Episodes and their timing, on a fake clock: a trigger fires on the transition only, once per
 * episode; recovery then relapse is a new episode; reminders come each period while it lasts and
 * a late tick sends one, not a backlog; a post-mortem comes after the episode ends; a playbook's
 * first look at an org only records the state.
 */
import { describe, expect, it } from 'vitest';

import type { AccountView } from '../../../src/success/account-view.js';
import { due, markFired, nextDueAt } from '../../../src/success/due.js';
import { observeAccount, worthKeeping, type EpisodeState } from '../../../src/success/episodes.js';
import { SuccessPlaybook } from '../../../src/success/playbook-schema.js';
import { taskKey } from '../../../src/success/task-key.js';
import { activeSubjects } from '../../../src/success/triggers.js';

const view = (overrides: Partial<AccountView> = {}): AccountView => ({
  accountId: '001000000000001AAA',
  name: 'Acme',
  ownerId: '005000000000001AAA',
  segment: 'Enterprise',
  arr: 300_000,
  score: 40,
  status: 'Red',
  scoreChange: -12,
  escalation: 'None',
  escalationReasons: [],
  flags: [],
  reasons: 'Pulling the score down: open P1 cases.',
  openCases: [],
  calendar: 'default',
  ...overrides,
});

const atRisk = SuccessPlaybook.parse({
  id: 'at-risk',
  name: 'At risk',
  description: 'Red accounts',
  trigger: { statusBecame: 'Red' },
  actions: [
    { task: { subject: 'Check in', description: 'Why: {{health.reasons}}', due: { businessDays: 5 } } },
  ],
});

const critical = SuccessPlaybook.parse({
  id: 'critical',
  name: 'Critical',
  description: 'Critical escalations',
  trigger: { escalationBecame: 'Critical' },
  actions: [
    { webhook: { text: 'acknowledge within 15 minutes' } },
    { webhook: { text: 'hourly update', when: { every: '1h' } } },
    {
      task: {
        subject: 'Post-mortem',
        description: 'x',
        due: { businessDays: 2 },
        when: { afterClose: '48h' },
      },
    },
  ],
});

const t = (iso: string): Date => new Date(`2026-12-07T${iso}:00.000Z`);

/** Observes one account at a time, like runs do, keeping the stored states. */
function observer(playbook: SuccessPlaybook, baselined = true) {
  let states: EpisodeState[] = [];
  return {
    see(seen: AccountView, at: Date): EpisodeState[] {
      const changed = observeAccount(playbook, seen, states, at, baselined);
      const replaced = new Set(changed.map((state) => state.subjectId));
      states = [...states.filter((state) => !replaced.has(state.subjectId)), ...changed];
      return changed;
    },
    get states() {
      return states;
    },
    fire(at: Date): number[] {
      const fired: number[] = [];
      states = states.map((state) => {
        const actions = due(at, state, playbook);
        fired.push(...actions.map((action) => action.actionIndex));
        return markFired(state, actions);
      });
      return fired;
    },
  };
}

describe('episodes', () => {
  it('opens on the transition, fires once, and not again while the state lasts', () => {
    const account = observer(atRisk);
    account.see(view({ status: 'Yellow' }), t('09:00'));
    expect(account.fire(t('09:01'))).toEqual([]);
    account.see(view(), t('10:00'));
    expect(account.states[0]).toMatchObject({ seq: 1, active: true, openedAt: t('10:00').toISOString() });
    expect(account.fire(t('10:01'))).toEqual([0]);
    account.see(view({ score: 35 }), t('11:00'));
    expect(account.fire(t('11:01'))).toEqual([]);
    expect(account.fire(t('23:59'))).toEqual([]);
  });

  it('recovery then relapse is a new episode, with a Task key of its own', () => {
    const account = observer(atRisk);
    account.see(view(), t('10:00'));
    account.fire(t('10:01'));
    account.see(view({ status: 'Green' }), t('11:00'));
    expect(account.states[0]).toMatchObject({ seq: 1, active: false, closedAt: t('11:00').toISOString() });
    expect(account.fire(t('11:01'))).toEqual([]);
    account.see(view(), t('12:00'));
    expect(account.states[0]).toMatchObject({ seq: 2, active: true, fired: [] });
    expect(account.fire(t('12:01'))).toEqual([0]);
    const key = (seq: number) =>
      taskKey({ playbookId: 'at-risk', subjectId: view().accountId, seq, actionIndex: 0, occurrence: 1 });
    expect(key(1)).not.toBe(key(2));
    expect(key(2)).toMatch(/^pulse:at-risk:[0-9a-f]{32}$/);
  });

  it("a playbook's first look at an org records the state without an episode", () => {
    const account = observer(atRisk, false);
    account.see(view(), t('10:00'));
    expect(account.states[0]).toMatchObject({ seq: 0, active: true });
    expect(account.fire(t('10:01'))).toEqual([]);
    expect(nextDueAt(account.states[0] as EpisodeState, atRisk)).toBeUndefined();
    // Once it recovers and falls again, that is an episode.
    account.see(view({ status: 'Green' }), t('11:00'));
    account.see(view(), t('12:00'));
    expect(account.states[0]).toMatchObject({ seq: 1, active: true });
    expect(account.fire(t('12:01'))).toEqual([0]);
  });

  it('a playbook edit re-fires nothing: an action added later skips episodes opened before it', () => {
    const account = observer(atRisk);
    account.see(view(), t('10:00'));
    account.fire(t('10:01'));
    account.see(view({ status: 'Green' }), t('11:00'));
    const edited = SuccessPlaybook.parse({
      ...atRisk,
      actions: [
        { task: { subject: 'Check in (reworded)', description: 'x', due: { businessDays: 5 } } },
        { webhook: { text: 'post-mortem', when: { afterClose: '1h' } } },
      ],
    });
    const [closed] = account.states;
    expect(due(t('23:00'), closed as EpisodeState, edited)).toEqual([]);
    expect(nextDueAt(closed as EpisodeState, edited)).toBeUndefined();
    // The next episode has both.
    const relapse = observeAccount(edited, view(), account.states, t('12:00'), true);
    expect(due(t('12:01'), relapse[0] as EpisodeState, edited)).toEqual([{ actionIndex: 0, occurrence: 1 }]);
  });

  it('an episode that ended before the tick saw it still fires its opening action once', () => {
    const account = observer(atRisk);
    account.see(view(), t('10:00'));
    account.see(view({ status: 'Green' }), t('10:05'));
    expect(account.fire(t('10:06'))).toEqual([0]);
    expect(account.fire(t('10:07'))).toEqual([]);
  });
});

describe('timing', () => {
  it('acknowledges at once, reminds each hour while it lasts, and a late tick sends one reminder', () => {
    const account = observer(critical);
    account.see(view({ escalation: 'Critical' }), t('10:00'));
    expect(nextDueAt(account.states[0] as EpisodeState, critical)).toBe(t('10:00').getTime());
    expect(account.fire(t('10:00'))).toEqual([0]);
    expect(nextDueAt(account.states[0] as EpisodeState, critical)).toBe(t('11:00').getTime());
    expect(account.fire(t('10:59'))).toEqual([]);
    expect(account.fire(t('11:00'))).toEqual([1]);
    expect(account.states[0]?.fired).toEqual([1, 1]);
    // The worker was down for three hours: one reminder, numbered as the 4th.
    expect(due(t('14:30'), account.states[0] as EpisodeState, critical)).toEqual([
      { actionIndex: 1, occurrence: 4 },
    ]);
    expect(account.fire(t('14:30'))).toEqual([1]);
    expect(account.fire(t('14:59'))).toEqual([]);
  });

  it('stops reminding when it ends, and sends the post-mortem 48 hours later, once', () => {
    const account = observer(critical);
    account.see(view({ escalation: 'Critical' }), t('10:00'));
    account.fire(t('10:00'));
    account.see(view({ escalation: 'Escalated' }), t('10:30'));
    const closed = account.states[0] as EpisodeState;
    expect(closed.view.escalation).toBe('Critical');
    expect(nextDueAt(closed, critical)).toBe(t('10:30').getTime() + 48 * 3_600_000);
    expect(account.fire(new Date(t('10:30').getTime() + 47 * 3_600_000))).toEqual([]);
    expect(account.fire(new Date(t('10:30').getTime() + 48 * 3_600_000))).toEqual([2]);
    expect(account.fire(new Date(t('10:30').getTime() + 96 * 3_600_000))).toEqual([]);
    expect(nextDueAt(account.states[0] as EpisodeState, critical)).toBeUndefined();
  });
});

describe('an episode that owes a post-mortem', () => {
  it('is kept beside the next one when the trigger comes back within 48 hours', () => {
    const account = observer(critical);
    account.see(view({ escalation: 'Critical' }), t('10:00'));
    account.fire(t('10:00'));
    account.see(view({ escalation: 'Escalated' }), t('10:30'));
    account.see(view({ escalation: 'Critical' }), t('11:00'));
    expect(account.states.map((state) => [state.subjectId, state.seq, state.active])).toEqual([
      [`${view().accountId}#1`, 1, false],
      [view().accountId, 2, true],
    ]);
    // Episode 2 acknowledges at once; episode 1's post-mortem comes 48 hours after it ended.
    expect(account.fire(t('11:00'))).toEqual([0]);
    expect(account.fire(new Date(t('10:30').getTime() + 48 * 3_600_000))).toEqual(
      expect.arrayContaining([2]) as unknown,
    );
    const [earlier] = account.states;
    expect(earlier?.fired[2]).toBe(1);
    expect(worthKeeping(earlier as EpisodeState, critical)).toBe(false);
    expect(worthKeeping(account.states[1] as EpisodeState, critical)).toBe(true);
  });
});

describe('triggers', () => {
  it('a case trigger has one subject per case past the share; conditions narrow every trigger', () => {
    const sla = SuccessPlaybook.parse({
      id: 'sla',
      name: 'SLA',
      description: 'x',
      trigger: { caseSlaReached: { share: 0.75 } },
      conditions: { segments: ['Enterprise'], arr: { min: 100_000 } },
      actions: [{ webhook: { text: '{{case.label}}' } }],
    });
    const cases = [
      { caseId: '500A', label: '00001001', tier: 'P1', slaShare: 0.8, pastSla: false },
      { caseId: '500B', label: '00001002', tier: 'P2', slaShare: 0.5, pastSla: false },
      { caseId: '500C', label: '00001003', tier: 'P2', slaShare: 1.2, pastSla: true },
    ];
    expect(activeSubjects(sla, view({ openCases: cases })).map((subject) => subject.subjectId)).toEqual([
      `${view().accountId}/500A`,
      `${view().accountId}/500C`,
    ]);
    expect(activeSubjects(sla, view({ openCases: cases, segment: 'SMB' }))).toEqual([]);
    expect(activeSubjects(sla, view({ openCases: cases, arr: 50_000 }))).toEqual([]);
    expect(activeSubjects(sla, view({ openCases: cases, arr: null }))).toEqual([]);
  });

  it('score drops, flags and statusIn', () => {
    const drop = SuccessPlaybook.parse({
      id: 'drop',
      name: 'Drop',
      description: 'x',
      trigger: { scoreDropped: { points: 10 } },
      conditions: { statusIn: ['Red', 'Yellow'] },
      actions: [{ webhook: { text: 'x' } }],
    });
    expect(activeSubjects(drop, view({ scoreChange: -10 }))).toHaveLength(1);
    expect(activeSubjects(drop, view({ scoreChange: -9 }))).toEqual([]);
    expect(activeSubjects(drop, view({ scoreChange: null }))).toEqual([]);
    expect(activeSubjects(drop, view({ scoreChange: -30, status: 'Green' }))).toEqual([]);
    const flag = SuccessPlaybook.parse({
      ...drop,
      id: 'flag',
      trigger: { flagAppeared: 'Renewal At Risk' },
      conditions: undefined,
    });
    expect(activeSubjects(flag, view({ flags: ['Open P1', 'Renewal At Risk'] }))).toHaveLength(1);
    expect(activeSubjects(flag, view({ flags: ['Open P1'] }))).toEqual([]);
    expect(activeSubjects({ ...flag, enabled: false }, view({ flags: ['Renewal At Risk'] }))).toHaveLength(1);
    expect(
      observeAccount({ ...flag, enabled: false }, view({ flags: ['Renewal At Risk'] }), [], t('10:00'), true),
    ).toEqual([]);
  });
});
