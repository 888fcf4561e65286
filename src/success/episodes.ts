/**
 * Episodes: a playbook's trigger holding for a subject (an account, or one of its cases) from the
 * moment it became true until it became false. Pure: given what was stored and what is true now,
 * the next states. A subject first seen while its playbook is not yet baselined on the org only
 * records the state (seq 0: no episode), so installing a playbook does not flood CSMs with Tasks
 * for accounts already Red; seen afterwards, it opens episode 1.
 */
import type { AccountView } from './account-view.js';
import { nextDueAt } from './due.js';
import type { EpisodeState } from './episode-state.js';
import type { SuccessPlaybook } from './playbook-schema.js';
import { activeSubjects, undecidable } from './triggers.js';

export type { EpisodeState } from './episode-state.js';

/**
 * Whether a stored state is still worth keeping: it is open, owes an action, or is an account's
 * last episode (its number goes on, so a relapse gets a Task key of its own). A case's ended
 * episode with nothing left to do, or an earlier episode kept for its post-mortem, goes.
 */
export function worthKeeping(state: EpisodeState, playbook: SuccessPlaybook | undefined): boolean {
  if (state.active) return true;
  if (playbook && nextDueAt(state, playbook) !== undefined) return true;
  return !state.subjectId.includes('/') && !state.subjectId.includes('#');
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
  // An owner role not looked up (the directory could not be read): judged at the next look.
  if (playbook.enabled && undecidable(playbook, view)) return [];
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
    // The episode that ended may still owe an action (a post-mortem): it is kept beside the new
    // one, under its own subject, until that is done.
    if (prior && nextDueAt(prior, playbook) !== undefined)
      next.push({ ...prior, subjectId: `${prior.subjectId}#${prior.seq}` });
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
