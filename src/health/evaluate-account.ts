/**
 * The health model's entry point: one account's snapshot at an injected instant -> everything
 * Pulse writes back (score, status, change, escalation, flags, reasons) with its explanation.
 * Pure and deterministic: the same snapshot, model and `now` give the same result.
 */
import type { HealthModel } from './model/health-model.js';
import { reasonsText } from './reasons/reasons-text.js';
import { evaluateRiskFlags, type RiskFlag } from './risk/risk-flags.js';
import { scoreChangeOf } from './score-change.js';
import { chooseProfile, scoreSignals, statusBandOf, type Contribution } from './scorecard/score-signals.js';
import { computeSignals } from './signals/compute-signals.js';
import type { Signals } from './signals/signal-catalog.js';
import type { CaseSla } from './sla/case-sla.js';
import { decideEscalation, type EscalationDecision } from './sla/escalation-status.js';
import type { AccountSnapshot } from './snapshot.js';

export interface HealthResult {
  readonly accountId: string;
  /** Health_Score__c: integer 0-100; null only when no measure had data. */
  readonly score: number | null;
  /** Health_Status__c: the status band (e.g. Green / Yellow / Red). */
  readonly status: string | null;
  /** Health_Score_Change__c: against the score about 30 days earlier; null without such a history point. */
  readonly scoreChange: number | null;
  /** Health_Score_Override__c as the CSM set it: reported beside the score, never replacing it. */
  readonly override: number | null;
  /** Escalation_Status__c and why. */
  readonly escalation: EscalationDecision;
  /** Risk_Flags__c, in picklist (config) order, each with its reason. */
  readonly riskFlags: readonly RiskFlag[];
  /** Every measure: value, points, weight (share of the score), group. */
  readonly contributions: readonly Contribution[];
  /** The segment profile used; null for the base scorecard. */
  readonly segment: string | null;
  /** Health_Reasons__c: top factors first, stable from day to day. */
  readonly reasons: string;
  readonly modelVersion: string;
  /** The signals the result was computed from. */
  readonly signals: Signals;
  /** The cases that count now (open, or closed recently), with their SLA states. */
  readonly cases: readonly CaseSla[];
  /** Things the caller should report once (unknown priorities, currencies without a rate). */
  readonly warnings: readonly string[];
}

export function evaluateAccount(snapshot: AccountSnapshot, model: HealthModel, now: Date): HealthResult {
  const nowMs = now.getTime();
  const { signals, cases, warnings } = computeSignals(snapshot, model, nowMs);
  const profile = chooseProfile(model, signals);
  const scorecard = scoreSignals(signals, profile);
  const escalation = decideEscalation(
    cases,
    {
      spike: signals['supportSpike'] === true,
      casesLast30d: Number(signals['casesLast30d'] ?? 0),
      casesPrior90d: Number(signals['casesPrior90d'] ?? 0),
    },
    model.sla.config.watchAtPercent,
  );
  return {
    accountId: snapshot.account.Id,
    score: scorecard.score,
    status: statusBandOf(model, scorecard.score),
    scoreChange: scoreChangeOf(scorecard.score, snapshot.history, model.config.history, nowMs),
    override: snapshot.account.Health_Score_Override__c,
    escalation,
    riskFlags: evaluateRiskFlags(model.config.riskFlags, signals),
    contributions: scorecard.contributions,
    segment: scorecard.segment,
    reasons: reasonsText({
      profile,
      contributions: scorecard.contributions,
      cases,
      escalation,
      currency: snapshot.currency?.orgCurrency ?? null,
      settings: model.config.reasons,
    }),
    modelVersion: model.version,
    signals,
    cases,
    warnings,
  };
}
