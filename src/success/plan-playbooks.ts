/**
 * `pulse playbooks --dry-run`: what would fire now, and why, without writing anything. Each
 * account of the snapshot is scored as a run would score it now and observed against the stored
 * episodes (in memory only); every action then due is listed, rendered as it would be sent, with
 * the reason — an episode opening on a transition, a reminder, a post-mortem — and the accounts
 * whose trigger holds but which only a baseline records (no Task for a state Pulse found).
 */
import type { HealthModel } from '../health/index.js';
import type { AccountView } from './account-view.js';
import { due } from './due.js';
import { observeAccount, type EpisodeState } from './episodes.js';
import type { SuccessPlaybook } from './playbook-schema.js';
import { renderFiring } from './render-firing.js';

export interface PlannedAction {
  readonly kind: 'task' | 'webhook';
  readonly occurrence: number;
  /** The Task's subject and due date, or the webhook's text. */
  readonly subject?: string;
  readonly dueDate?: string;
  readonly ownerId?: string;
  readonly text?: string;
}

export interface PlannedEpisode {
  readonly playbookId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly subjectId: string;
  /** `opens`: the trigger became true; `open`/`closed`: a stored episode's later action; `baseline`: holds, records only. */
  readonly state: 'opens' | 'open' | 'closed' | 'baseline';
  readonly why: string;
  readonly actions: readonly PlannedAction[];
}

function why(playbook: SuccessPlaybook, state: EpisodeState, opens: boolean): string {
  const { trigger } = playbook;
  const { view } = state;
  const cause =
    'statusBecame' in trigger
      ? `health status is ${view.status ?? '—'}`
      : 'flagAppeared' in trigger
        ? `risk flag "${trigger.flagAppeared}" is set`
        : 'escalationBecame' in trigger
          ? `escalation status is ${view.escalation}`
          : 'scoreDropped' in trigger
            ? `score changed by ${view.scoreChange ?? 0} points in 30 days`
            : `case ${state.case?.label ?? '?'} used ${Math.floor((state.case?.slaShare ?? 0) * 100)}% of its SLA`;
  if (state.seq === 0)
    return `${cause}; the playbook has not had a full pass on this org yet, so this is recorded as the state Pulse found`;
  if (opens) return `${cause} (it was not at the last look): episode ${state.seq} opens`;
  return state.active
    ? `${cause}: episode ${state.seq}, open since ${state.openedAt ?? '?'}`
    : `episode ${state.seq} ended ${state.closedAt ?? '?'}`;
}

export function planPlaybooks(options: {
  readonly playbooks: readonly SuccessPlaybook[];
  readonly views: readonly AccountView[];
  readonly stored: ReadonlyMap<string, readonly EpisodeState[]>;
  readonly baselined: ReadonlySet<string>;
  readonly model: HealthModel;
  readonly now: Date;
}): PlannedEpisode[] {
  const { now } = options;
  const plan: PlannedEpisode[] = [];
  for (const view of options.views) {
    const stored = options.stored.get(view.accountId) ?? [];
    for (const playbook of options.playbooks.filter((candidate) => candidate.enabled)) {
      const previous = stored.filter((state) => state.playbookId === playbook.id);
      const observed = observeAccount(playbook, view, previous, now, options.baselined.has(playbook.id));
      const changed = new Set(observed.map((state) => state.subjectId));
      const states = [...previous.filter((state) => !changed.has(state.subjectId)), ...observed];
      for (const state of states) {
        const opens = state.seq > 0 && state.active && state.openedAt === now.toISOString();
        const actions = due(now, state, playbook).map((action): PlannedAction => {
          const firing = renderFiring(state, playbook, action, options.model, now);
          return firing.task
            ? {
                kind: 'task',
                occurrence: action.occurrence,
                subject: String(firing.task['Subject']),
                dueDate: String(firing.task['ActivityDate']),
                ...(typeof firing.task['OwnerId'] === 'string' ? { ownerId: firing.task['OwnerId'] } : {}),
              }
            : { kind: 'webhook', occurrence: action.occurrence, text: firing.text ?? '' };
        });
        const baseline = state.seq === 0 && state.active;
        if (actions.length === 0 && !baseline) continue;
        plan.push({
          playbookId: playbook.id,
          accountId: view.accountId,
          accountName: view.name,
          subjectId: state.subjectId,
          state: baseline ? 'baseline' : opens ? 'opens' : state.active ? 'open' : 'closed',
          why: why(playbook, state, opens),
          actions,
        });
      }
    }
  }
  return plan;
}

/** The order the dry run lists episodes in: by playbook, then by account name. */
export function byPlaybookThenAccount(a: PlannedEpisode, b: PlannedEpisode): number {
  return a.playbookId.localeCompare(b.playbookId) || a.accountName.localeCompare(b.accountName);
}
