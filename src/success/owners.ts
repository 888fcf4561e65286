/**
 * The org's record owners by id, as playbooks need them: each user's name and role (for
 * `conditions.ownerRoles` and `{{account.ownerRole}}`) and each queue's name (for a case owned by a
 * queue: `{{case.ownerQueue}}` and `to: caseOwnerQueue`). Pure: the views given, with owners named.
 */
import type { AccountView, OwnerRef, RoleRef } from './account-view.js';
import type { SuccessPlaybook } from './playbook-schema.js';

export interface OwnerEntry {
  readonly name: string;
  /** Users: their role, or null. */
  readonly role?: RoleRef | null;
  /** Queues: their API name. */
  readonly queueDeveloperName?: string;
}

/** Users and queues by id (18-character ids as Salesforce returns them). */
export interface OwnerDirectoryData {
  readonly owners: Readonly<Record<string, OwnerEntry>>;
  /** ISO instant the directory was read. */
  readonly readAt: string;
}

/** Whether any of these playbooks uses owners: a role condition, or a case to route or name. */
export function playbooksUseOwners(playbooks: readonly SuccessPlaybook[]): boolean {
  return playbooks.some(
    (playbook) =>
      playbook.enabled &&
      (playbook.conditions?.ownerRoles !== undefined || 'caseSlaReached' in playbook.trigger),
  );
}

function ownerRef(entry: OwnerEntry | undefined): OwnerRef | null {
  if (!entry) return null;
  return entry.queueDeveloperName === undefined
    ? { name: entry.name, queue: false }
    : { name: entry.name, queue: true, developerName: entry.queueDeveloperName };
}

/**
 * The views with the account owner's role and each open case's owner filled in. An owner the
 * directory does not know (a user made since it was read) leaves the role unknown (undefined):
 * role playbooks wait for the next read rather than close an episode.
 */
export function withOwners(views: readonly AccountView[], data: OwnerDirectoryData): AccountView[] {
  const { owners } = data;
  return views.map((view) => ({
    ...view,
    ...(view.ownerId === null
      ? { ownerRole: null }
      : owners[view.ownerId]
        ? { ownerRole: owners[view.ownerId]?.role ?? null }
        : {}),
    openCases: view.openCases.map((slaCase) => ({
      ...slaCase,
      owner: slaCase.ownerId ? ownerRef(owners[slaCase.ownerId]) : null,
    })),
  }));
}
