/**
 * A scorecard resolved for one segment: the base groups and measures with the segment's weights
 * and points applied, built once when the model is loaded.
 */
import type { Condition } from '../scorecard/condition.js';
import type { HealthModelConfig, SegmentConfig } from '../scorecard/model-config.js';
import type { Direction, PointsRule } from '../scorecard/points.js';

export interface ResolvedMeasure {
  readonly id: string;
  readonly label: string;
  readonly group: string;
  readonly signal: string;
  readonly direction: Direction;
  readonly weight: number;
  readonly rule: PointsRule;
}

export interface ResolvedGroup {
  readonly name: string;
  readonly weight: number;
  readonly measures: readonly ResolvedMeasure[];
}

export interface ScoringProfile {
  /** The segment's name, or null for the base scorecard. */
  readonly segment: string | null;
  readonly when: Condition | null;
  /** Groups with a weight over 0, in config order. */
  readonly groups: readonly ResolvedGroup[];
  readonly measureById: ReadonlyMap<string, ResolvedMeasure>;
}

export function resolveProfile(config: HealthModelConfig, segment: SegmentConfig | null): ScoringProfile {
  const groups = config.groups.flatMap((group): ResolvedGroup[] => {
    const weight = segment?.groupWeights[group.name] ?? group.weight;
    if (weight <= 0) return [];
    const measures = group.measures.map((measure): ResolvedMeasure => {
      const override = segment?.measures[measure.id];
      const replacesPoints = override?.thresholds !== undefined || override?.curve !== undefined;
      const rule: PointsRule = replacesPoints
        ? { thresholds: override.thresholds, otherwise: override.otherwise, curve: override.curve }
        : { thresholds: measure.thresholds, otherwise: measure.otherwise, curve: measure.curve };
      return {
        id: measure.id,
        label: measure.label,
        group: group.name,
        signal: measure.signal,
        direction: measure.direction,
        weight: override?.weight ?? measure.weight,
        rule,
      };
    });
    return [{ name: group.name, weight, measures }];
  });
  const measureById = new Map(
    groups.flatMap((group) => group.measures.map((measure) => [measure.id, measure] as const)),
  );
  return { segment: segment?.name ?? null, when: segment?.when ?? null, groups, measureById };
}
