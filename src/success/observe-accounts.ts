/**
 * After accounts are scored: each playbook's trigger is checked against each account, and the
 * episodes that begin or end are stored, with when their actions fall due. Nothing is sent here;
 * the tick does that, so scoring never waits on Salesforce Tasks or webhooks.
 */
import type { AccountView } from './account-view.js';
import { nextDueAt } from './due.js';
import type { EpisodeStore } from './episode-store.js';
import { observeAccount, worthKeeping, type EpisodeState } from './episodes.js';
import type { SuccessPlaybook } from './playbook-schema.js';

export interface ObservedPlaybooks {
  readonly playbooks: readonly SuccessPlaybook[];
  readonly store: EpisodeStore;
}

/** The earliest time any of an account's episodes has something due. */
export function accountNextDue(
  playbooks: readonly SuccessPlaybook[],
): (states: readonly EpisodeState[]) => number | undefined {
  const byId = new Map(playbooks.map((playbook) => [playbook.id, playbook]));
  return (states) => {
    const times = states.flatMap((state) => {
      const playbook = byId.get(state.playbookId);
      const at = playbook === undefined ? undefined : nextDueAt(state, playbook);
      return at === undefined ? [] : [at];
    });
    return times.length === 0 ? undefined : Math.min(...times);
  };
}

export async function observeAccounts(
  deps: ObservedPlaybooks,
  views: readonly AccountView[],
  at: Date,
): Promise<void> {
  if (deps.playbooks.length === 0 || views.length === 0) return;
  const baselined = await deps.store.baselined();
  const playbookById = new Map(deps.playbooks.map((playbook) => [playbook.id, playbook]));
  const byId = new Map(views.map((view) => [view.accountId, view]));
  await deps.store.update(
    views.map((view) => view.accountId),
    (accountId, stored) => {
      const view = byId.get(accountId);
      if (!view) return undefined;
      let states = [...stored];
      let changed = false;
      for (const playbook of deps.playbooks) {
        const previous = states.filter((state) => state.playbookId === playbook.id);
        const next = observeAccount(playbook, view, previous, at, baselined.has(playbook.id));
        if (next.length === 0) continue;
        changed = true;
        const replaced = new Set(next.map((state) => state.subjectId));
        states = [
          ...states.filter((state) => state.playbookId !== playbook.id || !replaced.has(state.subjectId)),
          ...next,
        ];
      }
      if (!changed) return undefined;
      states = states.filter((state) => worthKeeping(state, playbookById.get(state.playbookId)));
      return states;
    },
    accountNextDue(deps.playbooks),
  );
}
