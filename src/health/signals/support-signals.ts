/**
 * Support signals from the cases' SLA states: open cases by tier, escalations, case volume against
 * the quarter before (spike), SLA breaches and time to resolution.
 */
import { MS_PER_DAY, MS_PER_HOUR } from '../business-time/wall-clock.js';
import type { HealthModelConfig } from '../scorecard/model-config.js';
import type { CaseSla } from '../sla/case-sla.js';
import type { SignalValue } from './signal-catalog.js';

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

export function supportSignals(
  cases: readonly CaseSla[],
  spikeSettings: HealthModelConfig['supportSpike'],
  nowMs: number,
): Record<string, SignalValue> {
  const open = cases.filter((sla) => sla.open);
  const countTier = (tier: string) => open.filter((sla) => sla.tier === tier).length;
  const createdWithin = (fromDaysAgo: number, toDaysAgo: number) =>
    cases.filter(
      (sla) =>
        sla.createdMs > nowMs - fromDaysAgo * MS_PER_DAY && sla.createdMs <= nowMs - toDaysAgo * MS_PER_DAY,
    ).length;
  const casesLast30d = createdWithin(30, 0);
  const casesPrior90d = createdWithin(120, 30);
  const baseline = Math.max(casesPrior90d / 3, spikeSettings.baselineFloorPerMonth);
  const caseVolumeRatio = casesLast30d / baseline;
  const recentlyClosed = cases.filter(
    (sla) => sla.closedMs !== null && sla.closedMs > nowMs - 90 * MS_PER_DAY,
  );
  const medianMs = median(recentlyClosed.map((sla) => sla.ageBusinessMs));
  return {
    openCases: open.length,
    openP1Cases: countTier('P1'),
    openP2Cases: countTier('P2'),
    openP3Cases: countTier('P3'),
    openP4Cases: countTier('P4'),
    escalatedOpenCases: open.filter((sla) => sla.escalated).length,
    casesLast30d,
    casesPrior90d,
    caseVolumeRatio,
    supportSpike: casesLast30d >= spikeSettings.minCases && caseVolumeRatio >= spikeSettings.minRatio,
    openCasesPastSla: open.filter((sla) => sla.pastSla).length,
    openCasesPastResolutionSla: open.filter((sla) => sla.resolution.breached).length,
    openCasesNearSla: open.filter((sla) => sla.nearSla).length,
    slaBreaches90d: cases.filter(
      (sla) =>
        sla.createdMs > nowMs - 90 * MS_PER_DAY &&
        (sla.resolution.breached || sla.firstResponse?.breached === true),
    ).length,
    medianResolutionHours90d: medianMs === null ? null : medianMs / MS_PER_HOUR,
  };
}
