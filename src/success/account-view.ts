/**
 * What customer-success playbooks see of an account: its health as just scored and the few
 * Account fields a Task or a message needs. Kept with each episode, so reminders and post-mortems
 * render from it without reading Salesforce again.
 */
import type { HealthResult } from '../health/index.js';

export interface CaseView {
  readonly caseId: string;
  /** CaseNumber, else the Id. */
  readonly label: string;
  readonly tier: string;
  /** Share of the running target used (resolution, or first response when that is further along). */
  readonly slaShare: number;
  readonly pastSla: boolean;
}

export interface AccountView {
  readonly accountId: string;
  readonly name: string;
  /** The Account's OwnerId: who gets the Task. */
  readonly ownerId: string | null;
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

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * @param account the Account's fields as last read from Salesforce (Name, OwnerId)
 * @param calendar the name of the account's SLA calendar
 */
export function accountView(
  result: HealthResult,
  account: Readonly<Record<string, unknown>>,
  calendar: string,
): AccountView {
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
      };
    })
    .sort((a, b) => b.slaShare - a.slaShare || a.caseId.localeCompare(b.caseId));
  return {
    accountId: result.accountId,
    name: typeof account['Name'] === 'string' ? account['Name'] : result.accountId,
    ownerId: typeof account['OwnerId'] === 'string' ? account['OwnerId'] : null,
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
