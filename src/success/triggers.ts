/**
 * Whether a playbook's trigger and conditions hold for an account now, and for which subjects: the
 * account itself, or each open case that reached the share of its SLA (one episode per case).
 */
import type { AccountView, CaseView } from './account-view.js';
import type { Conditions, SuccessPlaybook, Trigger } from './playbook-schema.js';

export interface ActiveSubject {
  readonly subjectId: string;
  readonly case?: CaseView;
}

export function conditionsHold(conditions: Conditions | undefined, view: AccountView): boolean {
  if (!conditions) return true;
  if (conditions.segments && (view.segment === null || !conditions.segments.includes(view.segment)))
    return false;
  if (conditions.statusIn && (view.status === null || !conditions.statusIn.includes(view.status)))
    return false;
  if (conditions.ownerRoles) {
    const role = view.ownerRole;
    if (!role) return false;
    const wanted = new Set(conditions.ownerRoles.map((name) => name.toLowerCase()));
    if (!wanted.has(role.name.toLowerCase()) && !wanted.has(role.developerName.toLowerCase())) return false;
  }
  if (conditions.arr) {
    const { min, max } = conditions.arr;
    if (view.arr === null) return false;
    if (min !== undefined && view.arr < min) return false;
    if (max !== undefined && view.arr >= max) return false;
  }
  return true;
}

/**
 * True when the playbook cannot be judged for this account yet: its conditions name an owner role
 * and the owner's role was not looked up. It is then left as it stands (no episode opens or ends).
 */
export function undecidable(playbook: SuccessPlaybook, view: AccountView): boolean {
  return playbook.conditions?.ownerRoles !== undefined && view.ownerRole === undefined;
}

function accountTriggerHolds(trigger: Trigger, view: AccountView): boolean {
  if ('statusBecame' in trigger) return view.status === trigger.statusBecame;
  if ('flagAppeared' in trigger) return view.flags.includes(trigger.flagAppeared);
  if ('escalationBecame' in trigger) return view.escalation === trigger.escalationBecame;
  if ('scoreDropped' in trigger)
    return view.scoreChange !== null && view.scoreChange <= -trigger.scoreDropped.points;
  return false;
}

export function activeSubjects(playbook: SuccessPlaybook, view: AccountView): ActiveSubject[] {
  if (!conditionsHold(playbook.conditions, view)) return [];
  const { trigger } = playbook;
  if ('caseSlaReached' in trigger) {
    return view.openCases
      .filter((slaCase) => slaCase.slaShare >= trigger.caseSlaReached.share)
      .map((slaCase) => ({ subjectId: `${view.accountId}/${slaCase.caseId}`, case: slaCase }));
  }
  return accountTriggerHolds(trigger, view) ? [{ subjectId: view.accountId }] : [];
}
