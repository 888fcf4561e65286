/**
 * An org's customer-success playbooks as its jobs use them: score jobs hand over the accounts they
 * scored (observe), the run's last step records a full pass as the playbooks' baseline and runs a
 * tick at once (so Tasks follow the run that caused them), and the periodic tick job sends
 * reminders and post-mortems as they fall due.
 */
import type { CallLabels } from '../salesforce/pipeline/call-pipeline.js';
import type { AccountView } from './account-view.js';
import type { EpisodeStore } from './episode-store.js';
import { observeAccounts } from './observe-accounts.js';
import { playbooksUseOwners, withOwners } from './owners.js';
import type { SuccessPlaybook } from './playbook-schema.js';
import { runTick, type TickDeps, type TickReport } from './run-tick.js';

export interface OrgPlaybooks {
  readonly playbooks: readonly SuccessPlaybook[];
  readonly store: EpisodeStore;
  /** `labels`: the score job's, for the calls that read the org's owners. */
  observe(views: readonly AccountView[], at: Date, labels?: CallLabels): Promise<void>;
  /** After a run: a completed full pass (every account scored) baselines every playbook; then a tick. */
  afterRun(run: { readonly status: string; readonly full: boolean }, now: Date): Promise<TickReport>;
  tick(now: Date): Promise<TickReport>;
}

export function createOrgPlaybooks(deps: TickDeps): OrgPlaybooks {
  const enabled = deps.playbooks.filter((playbook) => playbook.enabled);
  const useOwners = playbooksUseOwners(enabled);
  const usesRoles = enabled.some((playbook) => playbook.conditions?.ownerRoles !== undefined);
  return {
    playbooks: deps.playbooks,
    store: deps.store,
    async observe(views, at, labels) {
      if (enabled.length === 0 || views.length === 0) return;
      // Unread owners leave role conditions undecided, not false (episodes.ts).
      const directory = useOwners ? await deps.owners?.read(labels) : undefined;
      const named = directory ? withOwners(views, directory) : views;
      if (usesRoles && named.some((view) => view.ownerRole === undefined)) {
        // Not baselined on this run (afterRun), and the directory read again soon.
        await deps.store.noteOwnersUndecided();
        if (directory) await deps.owners?.forgetIfOlder();
      }
      await observeAccounts({ playbooks: enabled, store: deps.store }, named, at);
    },
    async afterRun(run, now) {
      // Every account was scored in a completed full pass: from now on a trigger that becomes
      // true is news, not the state Pulse found the org in.
      // An owner-role playbook left undecided for some account is not: its baseline would be
      // missing those accounts, and they would fire as news once owners can be read.
      const undecided = await deps.store.takeOwnersUndecided();
      if (run.status === 'completed' && run.full)
        await deps.store.markBaselined(
          enabled
            .filter((playbook) => !(undecided && playbook.conditions?.ownerRoles !== undefined))
            .map((playbook) => playbook.id),
        );
      return runTick({ ...deps, playbooks: enabled }, now, { afterRun: true });
    },
    tick: (now) => runTick({ ...deps, playbooks: enabled }, now),
  };
}
