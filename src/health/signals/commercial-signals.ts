/**
 * Commercial signals from opportunities: the next open renewal (days to it, probability, stage,
 * amount), renewals lost in the last year, and open expansion pipeline, in the org's currency.
 */
import { parseIsoDay } from '../business-time/wall-clock.js';
import type { HealthModel } from '../model/health-model.js';
import type { SnapshotOpportunity } from '../snapshot.js';
import type { CurrencyConverter } from './currency.js';
import type { SignalValue } from './signal-catalog.js';

const ofType = (types: ReadonlySet<string>, opportunity: SnapshotOpportunity) =>
  opportunity.Type !== null && types.has(opportunity.Type.trim().toLowerCase());

export function commercialSignals(
  opportunities: readonly SnapshotOpportunity[],
  model: HealthModel,
  converter: CurrencyConverter,
  today: number,
): Record<string, SignalValue> {
  const renewals = opportunities.filter((opportunity) => ofType(model.renewalTypes, opportunity));
  const next = renewals
    .filter((opportunity) => !opportunity.IsClosed)
    .map((opportunity) => ({ opportunity, day: parseIsoDay(opportunity.CloseDate) }))
    .sort((a, b) => a.day - b.day || a.opportunity.Id.localeCompare(b.opportunity.Id))[0];
  const lost = renewals.filter((opportunity) => {
    const day = parseIsoDay(opportunity.CloseDate);
    return opportunity.IsClosed && !opportunity.IsWon && day <= today && day > today - 365;
  });
  const expansions = opportunities.filter(
    (opportunity) => !opportunity.IsClosed && ofType(model.expansionTypes, opportunity),
  );
  let pipeline = 0;
  for (const opportunity of expansions) {
    pipeline += converter.toOrgCurrency(opportunity.Amount, opportunity.CurrencyIsoCode) ?? 0;
  }
  return {
    daysToRenewal: next ? next.day - today : null,
    renewalProbability: next?.opportunity.Probability ?? null,
    renewalStage: next?.opportunity.StageName ?? null,
    renewalAmount: next
      ? converter.toOrgCurrency(next.opportunity.Amount, next.opportunity.CurrencyIsoCode)
      : null,
    closedLostRenewals365d: lost.length,
    openExpansionPipeline: pipeline,
    openExpansionOpportunities: expansions.length,
  };
}
