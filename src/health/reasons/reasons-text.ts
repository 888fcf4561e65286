/**
 * The Health_Reasons__c text: the factors pulling the score down, those holding it up, what was
 * left out, and the escalation. Built only from stable facts (bands, counts, age buckets), so it
 * changes when the account's situation does, not every day.
 */
import type { ScoringProfile } from '../model/scoring-profile.js';
import type { Contribution } from '../scorecard/score-signals.js';
import type { CaseSla } from '../sla/case-sla.js';
import type { EscalationDecision } from '../sla/escalation-status.js';
import { ageBucket, valueText } from './value-text.js';

export interface ReasonsInput {
  readonly profile: ScoringProfile;
  readonly contributions: readonly Contribution[];
  readonly cases: readonly CaseSla[];
  readonly escalation: EscalationDecision;
  readonly currency: string | null;
  readonly settings: {
    readonly maxFactors: number;
    readonly maxStrengths: number;
    readonly maxChars: number;
  };
}

const OPEN_TIER_SIGNALS: Readonly<Record<string, string>> = {
  openP1Cases: 'P1',
  openP2Cases: 'P2',
  openP3Cases: 'P3',
  openP4Cases: 'P4',
};

function factorText(input: ReasonsInput, contribution: Contribution): string {
  const measure = input.profile.measureById.get(contribution.measure);
  const text = measure ? valueText(measure, contribution.value, input.currency) : String(contribution.value);
  const tier = OPEN_TIER_SIGNALS[contribution.signal];
  if (tier !== undefined && typeof contribution.value === 'number' && contribution.value > 0) {
    const oldest = input.cases
      .filter((sla) => sla.open && sla.tier === tier)
      .reduce((max, sla) => Math.max(max, sla.ageBusinessMs), 0);
    return `${contribution.label}: ${text}, oldest open ${ageBucket(oldest)}`;
  }
  return `${contribution.label}: ${text}`;
}

/** Cut to fit a Long Text field, on a whole line where possible. */
function fit(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars - 1);
  const lineEnd = cut.lastIndexOf('\n');
  return `${lineEnd > maxChars / 2 ? cut.slice(0, lineEnd) : cut}…`;
}

export function reasonsText(input: ReasonsInput): string {
  const scored = input.contributions
    .map((contribution, order) => ({ contribution, order }))
    .filter((item) => item.contribution.points !== null);
  const lost = (c: Contribution) => c.weight * (100 - (c.points ?? 0));
  const held = (c: Contribution) => c.weight * (c.points ?? 0);
  const down = scored
    .filter((item) => lost(item.contribution) > 0)
    .sort((a, b) => lost(b.contribution) - lost(a.contribution) || a.order - b.order)
    .slice(0, input.settings.maxFactors);
  const up = scored
    .filter((item) => (item.contribution.points ?? 0) >= 70)
    .sort((a, b) => held(b.contribution) - held(a.contribution) || a.order - b.order)
    .slice(0, input.settings.maxStrengths);
  const leftOut = input.contributions.filter((c) => c.points === null).map((c) => c.label);

  const lines = [
    down.length > 0
      ? `Pulling the score down: ${down.map((item) => factorText(input, item.contribution)).join('; ')}.`
      : 'Nothing is pulling the score down.',
  ];
  if (up.length > 0)
    lines.push(`Holding it up: ${up.map((item) => factorText(input, item.contribution)).join('; ')}.`);
  if (leftOut.length > 0) lines.push(`Left out, no data (weights renormalised): ${leftOut.join(', ')}.`);
  if (input.escalation.status !== 'None') {
    lines.push(`Escalation ${input.escalation.status}: ${input.escalation.reasons.join('; ')}.`);
  }
  return fit(lines.join('\n'), input.settings.maxChars);
}
