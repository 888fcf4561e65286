/**
 * The account's escalation status from its cases' SLA states and the support-spike signal, with
 * the reasons behind it. Statuses, most severe last, are Escalation_Status__c's picklist values.
 */
import type { CaseSla, TargetState } from './case-sla.js';

export const ESCALATION_STATUSES = ['None', 'Watch', 'Escalated', 'SLA Breached', 'Critical'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export interface EscalationDecision {
  readonly status: EscalationStatus;
  /** Why, most severe cases first; stable while the situation is (no running ages). */
  readonly reasons: readonly string[];
}

export interface SpikeFacts {
  readonly spike: boolean;
  readonly casesLast30d: number;
  readonly casesPrior90d: number;
}

const MAX_REASONS = 5;
const TARGET_NAMES = { firstResponse: 'first-response', resolution: 'resolution' } as const;

export function severityOf(status: EscalationStatus): number {
  return ESCALATION_STATUSES.indexOf(status);
}

function targetsWhere(sla: CaseSla, test: (target: TargetState) => boolean): string {
  const names = [sla.firstResponse, sla.resolution]
    .filter((target): target is TargetState => target !== null && test(target))
    .map((target) => TARGET_NAMES[target.kind]);
  return names.length === 2 ? `${names[0]} and ${names[1]} targets` : `${names[0] ?? 'resolution'} target`;
}

function caseName(sla: CaseSla): string {
  return `${sla.escalated ? 'escalated ' : ''}${sla.tier} case ${sla.label}`;
}

function limited(lines: string[]): string[] {
  if (lines.length <= MAX_REASONS) return lines;
  return [...lines.slice(0, MAX_REASONS), `and ${lines.length - MAX_REASONS} more`];
}

export function decideEscalation(
  cases: readonly CaseSla[],
  spike: SpikeFacts,
  watchAtPercent: number,
): EscalationDecision {
  const open = cases
    .filter((sla) => sla.open)
    .sort(
      (a, b) => a.tier.localeCompare(b.tier) || a.createdMs - b.createdMs || a.label.localeCompare(b.label),
    );
  const past = (sla: CaseSla) => `${caseName(sla)} is past its ${targetsWhere(sla, (t) => t.breached)}`;

  const critical = open.filter((sla) => sla.pastSla && (sla.tier === 'P1' || sla.escalated));
  if (critical.length > 0) return { status: 'Critical', reasons: limited(critical.map(past)) };

  const breached = open.filter((sla) => sla.pastSla);
  if (breached.length > 0) return { status: 'SLA Breached', reasons: limited(breached.map(past)) };

  const escalated = open.filter((sla) => sla.tier === 'P1' || sla.escalated);
  if (escalated.length > 0)
    return { status: 'Escalated', reasons: limited(escalated.map((sla) => `open ${caseName(sla)}`)) };

  const watch = open
    .filter((sla) => sla.nearSla)
    .map(
      (sla) =>
        `${caseName(sla)} has used ${watchAtPercent}% of its ${targetsWhere(sla, (t) => t.pending && !t.breached)}`,
    );
  if (spike.spike) {
    const monthly = Math.round((spike.casesPrior90d / 3) * 10) / 10;
    watch.push(
      `support spike: ${spike.casesLast30d} cases in the last 30 days against about ${monthly} a month before`,
    );
  }
  if (watch.length > 0) return { status: 'Watch', reasons: limited(watch) };
  return { status: 'None', reasons: [] };
}
