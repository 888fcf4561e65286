/**
 * The health score: each measure's points, weighted within its group, groups weighted into 0-100.
 * Measures without data are left out and the remaining weights renormalised — never scored as 0.
 */
import type { HealthModel } from '../model/health-model.js';
import type { ScoringProfile } from '../model/scoring-profile.js';
import type { SignalValue, Signals } from '../signals/signal-catalog.js';
import { evaluateCondition } from './condition.js';
import { pointsFor } from './points.js';

export interface Contribution {
  /** The measure's id. */
  readonly measure: string;
  readonly label: string;
  readonly group: string;
  readonly signal: string;
  /** The signal's value; null when there was no data. */
  readonly value: SignalValue;
  /** 0-100, or null when the measure was left out. */
  readonly points: number | null;
  /** The measure's share of the score (0-1) after renormalisation; 0 when left out. */
  readonly weight: number;
  /** Why it was left out. */
  readonly leftOut?: 'no data' | 'not a number';
}

export interface ScorecardResult {
  /** Integer 0-100 (halves round up); null only when no measure had data. */
  readonly score: number | null;
  readonly segment: string | null;
  /** In config order (group, then measure). */
  readonly contributions: readonly Contribution[];
}

/** The first segment profile whose rule holds (the base scorecard when none does). */
export function chooseProfile(model: HealthModel, signals: Signals): ScoringProfile {
  const chosen = model.profiles.find(
    (profile) => profile.when === null || evaluateCondition(profile.when, signals),
  );
  // buildHealthModel always ends the list with a profile that matches every account.
  if (!chosen) throw new Error('The model has no scorecard that matches every account');
  return chosen;
}

function numeric(value: SignalValue | undefined): number | null | 'text' {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') return 'text';
  return value;
}

export function roundScore(value: number): number {
  // Half up, with a little slack for float sums such as 62.49999999999999.
  return Math.min(100, Math.max(0, Math.floor(value + 0.5 + 1e-9)));
}

export function scoreSignals(signals: Signals, profile: ScoringProfile): ScorecardResult {
  const groups = profile.groups.map((group) => {
    const scored = group.measures.map((measure) => {
      const value = numeric(signals[measure.signal]);
      const points = typeof value === 'number' ? pointsFor(measure.rule, measure.direction, value) : null;
      return {
        measure,
        value: signals[measure.signal] ?? null,
        points,
        leftOut: value === 'text' ? ('not a number' as const) : ('no data' as const),
      };
    });
    const presentWeight = scored.reduce(
      (sum, item) => sum + (item.points === null ? 0 : item.measure.weight),
      0,
    );
    return { group, scored, presentWeight };
  });
  const totalGroupWeight = groups.reduce(
    (sum, item) => sum + (item.presentWeight > 0 ? item.group.weight : 0),
    0,
  );

  let total = 0;
  const contributions: Contribution[] = [];
  for (const { group, scored, presentWeight } of groups) {
    for (const { measure, value, points, leftOut } of scored) {
      const weight =
        points === null || presentWeight === 0
          ? 0
          : (group.weight / totalGroupWeight) * (measure.weight / presentWeight);
      total += weight * (points ?? 0);
      contributions.push({
        measure: measure.id,
        label: measure.label,
        group: group.name,
        signal: measure.signal,
        value,
        points,
        weight,
        ...(points === null ? { leftOut } : {}),
      });
    }
  }
  return {
    score: totalGroupWeight === 0 ? null : roundScore(total),
    segment: profile.segment,
    contributions,
  };
}

/** The first band the score reaches (bands are best first, the last starts at 0). */
export function statusBandOf(model: HealthModel, score: number | null): string | null {
  if (score === null) return null;
  return model.config.bands.find((band) => score >= band.minScore)?.status ?? null;
}
