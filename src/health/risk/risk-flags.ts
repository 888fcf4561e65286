/**
 * Risk flags: each configured rule whose condition holds, in the configured (picklist) order. An
 * open P1 always raises `Open P1`, and an open case past its SLA always raises `SLA Breach`,
 * whatever the rules or the weights say.
 */
import { evaluateCondition } from '../scorecard/condition.js';
import { GUARANTEED_FLAGS, type HealthModelConfig } from '../scorecard/model-config.js';
import type { Signals } from '../signals/signal-catalog.js';

export interface RiskFlag {
  /** The Risk_Flags__c picklist value. */
  readonly name: string;
  readonly reason: string;
}

function guaranteed(name: string, signals: Signals): boolean {
  const count = (signal: string) => {
    const value = signals[signal];
    return typeof value === 'number' ? value : 0;
  };
  if (name === GUARANTEED_FLAGS.openP1) return count('openP1Cases') > 0;
  if (name === GUARANTEED_FLAGS.slaBreach) return count('openCasesPastSla') > 0;
  return false;
}

export function evaluateRiskFlags(rules: HealthModelConfig['riskFlags'], signals: Signals): RiskFlag[] {
  return rules
    .filter((rule) => guaranteed(rule.name, signals) || evaluateCondition(rule.when, signals))
    .map((rule) => ({ name: rule.name, reason: rule.reason }));
}
