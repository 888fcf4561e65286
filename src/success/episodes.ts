/**
 * Episodes: a playbook's trigger holding for a subject (an account, or one of its cases) from the
 * moment it became true until it became false. Pure: given what was stored and what is true now,
 * the next states. A subject first seen while its playbook is not yet baselined on the org only
 * records the state (seq 0: no episode), so installing a playbook does not flood CSMs with Tasks
 * for accounts already Red; seen afterwards, it opens episode 1.
 */
import type { AccountView, CaseView } from './account-view.js';
import type { SuccessPlaybook } from './playbook-schema.js';
import { activeSubjects } from './triggers.js';

export interface EpisodeState {
  readonly playbookId: string;
  /** The account id, or `<accountId>/<caseId>` for a case trigger. */
  readonly subjectId: string;
  readonly accountId: string;
  /** The case of a case trigger, as last seen open. */
  readonly case?: CaseView;
  /** 0 while only a baseline is recorded; then 1, 2... one per episode. */
  readonly seq: number;
  /** The trigger holds now. */
  readonly active: boolean;
  readonly openedAt?: string;
  readonly closedAt?: string;
  /** How many times each action of this episode has fired, by action index. */
  readonly fired: readonly number[];
  /**
   * How many actions the playbook had when the episode opened: an action added later never fires
   * for it (a new post-mortem must not go out for every episode that ended before it existed).
   */
  readonly actionCount?: number;
  /** The account as last scored: what reminders and post-mortems render from. */
  readonly view: AccountView;
}

/**
 * The states that change for one account and playbook.
 * @param previous the stored states of this playbook's subjects on this account
 * @param baselined the playbook has been evaluated on every account of the org before
 */
export function observeAccount(
  playbook: SuccessPlaybook,
  view: AccountView,
  previous: readonly EpisodeState[],
  at: Date,
  baselined: boolean,
): EpisodeState[] {
  const now = at.toISOString();
  const before = new Map(previous.map((state) => [state.subjectId, state]));
  const active = playbook.enabled ? activeSubjects(playbook, view) : [];
  const next: EpisodeState[] = [];
  for (const subject of active) {
    const prior = before.get(subject.subjectId);
    before.delete(subject.subjectId);
    if (prior?.active) {
      next.push({ ...prior, view, ...(subject.case === undefined ? {} : { case: subject.case }) });
      continue;
    }
    const opens = prior !== undefined || baselined;
    next.push({
      playbookId: playbook.id,
      subjectId: subject.subjectId,
      accountId: view.accountId,
      ...(subject.case === undefined ? {} : { case: subject.case }),
      seq: opens ? (prior?.seq ?? 0) + 1 : 0,
      active: true,
      ...(opens ? { openedAt: now, actionCount: playbook.actions.length } : {}),
      fired: [],
      view,
    });
  }
  // Subjects whose trigger no longer holds: their episode ends now. The view stays the one that
  // held the trigger: a post-mortem tells what happened, not how the account looks since.
  for (const prior of before.values()) {
    if (prior.active) next.push({ ...prior, active: false, closedAt: now });
  }
  return next;
}
