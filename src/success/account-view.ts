/**
 * What customer-success playbooks see of an account: its health as just scored and the few
 * Account fields a Task or a message needs. Kept with each episode, so reminders and post-mortems
 * render from it without reading Salesforce again.
 */
import type { HealthResult } from '../health/index.js';

/** Who owns a record, as the org's directory names them (owners.ts). */
export interface OwnerRef {
  readonly name: string;
  /** A queue (a Group of type Queue), not a user. */
  readonly queue: boolean;
  /** The queue's API name (DeveloperName); absent for users. */
  readonly developerName?: string;
}

/** A user's role (UserRole): its label and its API name. */
export interface RoleRef {
  readonly name: string;
  readonly developerName: string;
}

export interface CaseView {
  readonly caseId: string;
  /** CaseNumber, else the Id. */
  readonly label: string;
  readonly tier: string;
  /** Share of the running target used (resolution, or first response when that is further along). */
  readonly slaShare: number;
  readonly pastSla: boolean;
  /** The Case's OwnerId: a user or a queue; null when the org does not let Pulse read it. */
  readonly ownerId?: string | null;
  /** The owner by name, once the org's directory was read (absent: not looked up). */
  readonly owner?: OwnerRef | null;
}

export interface AccountView {
  readonly accountId: string;
  readonly name: string;
  /** The Account's OwnerId: who gets the Task. */
  readonly ownerId: string | null;
  /** The owner's role: null when they have none; absent when it was not looked up. */
  readonly ownerRole?: RoleRef | null;
  readonly segment: string | null;
  readonly arr: number | null;
  readonly score: number | null;
  readonly status: string | null;
  readonly scoreChange: number | null;
  readonly escalation: string;
  readonly escalationReasons: readonly string[];
  readonly flags: readonly string[];
  readonly reasons: string;
  /** Open cases with a running SLA target, most used first. */
  readonly openCases: readonly CaseView[];
  /** The account's SLA calendar (its name in the SLA configuration): Task due dates count on it. */
  readonly calendar: string;
}

/** The Account and its Cases as last read from Salesforce. */
export interface PulledAccount {
  readonly account: Readonly<Record<string, unknown>>;
  readonly cases: readonly Readonly<Record<string, unknown>>[];
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * @param pulled the Account's fields (Name, OwnerId) and its Cases' (OwnerId) as last read
 * @param calendar the name of the account's SLA calendar
 */
export function accountView(result: HealthResult, pulled: PulledAccount, calendar: string): AccountView {
  const { account } = pulled;
  const caseOwners = new Map(pulled.cases.map((record) => [record['Id'], stringOr(record['OwnerId'])]));
  const openCases = result.cases
    .filter((slaCase) => slaCase.open)
    .map((slaCase) => {
      const shares = [slaCase.resolution, slaCase.firstResponse]
        .filter((target) => target !== null && target.pending)
        .map((target) => target?.usedShare ?? 0);
      return {
        caseId: slaCase.caseId,
        label: slaCase.label,
        tier: slaCase.tier,
        slaShare: shares.length > 0 ? Math.max(...shares) : 0,
        pastSla: slaCase.pastSla,
        ownerId: caseOwners.get(slaCase.caseId) ?? null,
      };
    })
    .sort((a, b) => b.slaShare - a.slaShare || a.caseId.localeCompare(b.caseId));
  return {
    accountId: result.accountId,
    name: typeof account['Name'] === 'string' ? account['Name'] : result.accountId,
    ownerId: stringOr(account['OwnerId']),
    segment: result.segment,
    arr: numberOr(result.signals['arr']),
    score: result.score,
    status: result.status,
    scoreChange: result.scoreChange,
    escalation: result.escalation.status,
    escalationReasons: result.escalation.reasons,
    flags: result.riskFlags.map((flag) => flag.name),
    reasons: result.reasons,
    openCases,
    calendar,
  };
}
