/**
 * How a measure turns a value into points (0-100): thresholds (steps) or a curve (straight lines
 * between points, flat beyond the ends), checked against the measure's direction.
 */
import { z } from 'zod';

export type Direction = 'higherIsBetter' | 'lowerIsBetter';
export const Direction = z.enum(['higherIsBetter', 'lowerIsBetter']);

const Points = z.number().min(0).max(100);

/** `lowerIsBetter`: `{ atMost, points }` from the best band up; `higherIsBetter`: `{ atLeast, points }`. */
export const Threshold = z
  .object({ atMost: z.number().optional(), atLeast: z.number().optional(), points: Points })
  .strict();
export type Threshold = z.output<typeof Threshold>;

export const CurvePoint = z.object({ value: z.number(), points: Points }).strict();
export type CurvePoint = z.output<typeof CurvePoint>;

/** The scoring part of a measure (also what a segment profile may override). */
export interface PointsRule {
  readonly thresholds?: readonly Threshold[] | undefined;
  /** Points when no threshold matches (worse than the last); 0 unless set. */
  readonly otherwise?: number | undefined;
  readonly curve?: readonly CurvePoint[] | undefined;
}

export interface PointsIssue {
  readonly path: (string | number)[];
  readonly message: string;
  readonly input: unknown;
}

/** Problems with a rule for a direction: wrong bound key, bands out of order, points rising as values worsen. */
export function checkPointsRule(rule: PointsRule, direction: Direction): PointsIssue[] {
  const issues: PointsIssue[] = [];
  if ((rule.thresholds === undefined) === (rule.curve === undefined)) {
    issues.push({ path: [], message: 'expected exactly one of "thresholds" or "curve"', input: rule });
    return issues;
  }
  if (rule.curve !== undefined && rule.otherwise !== undefined) {
    issues.push({
      path: ['otherwise'],
      message: 'expected "otherwise" only with "thresholds"',
      input: rule.otherwise,
    });
  }
  const key = direction === 'lowerIsBetter' ? 'atMost' : 'atLeast';
  const wrong = direction === 'lowerIsBetter' ? 'atLeast' : 'atMost';
  rule.thresholds?.forEach((threshold, index) => {
    const bound = threshold[key];
    const previous = rule.thresholds?.[index - 1];
    if (bound === undefined || threshold[wrong] !== undefined) {
      issues.push({
        path: ['thresholds', index],
        message: `expected "${key}" (the measure is ${direction})`,
        input: threshold,
      });
    } else if (previous?.[key] !== undefined) {
      const ordered = direction === 'lowerIsBetter' ? bound > previous[key] : bound < previous[key];
      if (!ordered) {
        const order = direction === 'lowerIsBetter' ? 'rising' : 'falling';
        issues.push({
          path: ['thresholds', index, key],
          message: `expected "${key}" values ${order} from one threshold to the next`,
          input: bound,
        });
      } else if (threshold.points > previous.points) {
        issues.push({
          path: ['thresholds', index, 'points'],
          message: 'expected points to fall (or stay) as the value gets worse',
          input: threshold.points,
        });
      }
    }
  });
  const last = rule.thresholds?.[rule.thresholds.length - 1];
  if (last && rule.otherwise !== undefined && rule.otherwise > last.points) {
    issues.push({
      path: ['otherwise'],
      message: `expected at most the last threshold's points (${last.points})`,
      input: rule.otherwise,
    });
  }
  rule.curve?.forEach((point, index) => {
    const previous = rule.curve?.[index - 1];
    if (!previous) return;
    if (point.value <= previous.value) {
      issues.push({
        path: ['curve', index, 'value'],
        message: 'expected curve values rising from one point to the next',
        input: point.value,
      });
    } else if (
      direction === 'higherIsBetter' ? point.points < previous.points : point.points > previous.points
    ) {
      const way = direction === 'higherIsBetter' ? 'rise (or stay)' : 'fall (or stay)';
      issues.push({
        path: ['curve', index, 'points'],
        message: `expected points to ${way} along the curve (the measure is ${direction})`,
        input: point.points,
      });
    }
  });
  if (rule.curve !== undefined && rule.curve.length < 2) {
    issues.push({ path: ['curve'], message: 'expected at least 2 points', input: rule.curve });
  }
  return issues;
}

/** Points for a value under a rule already checked for its direction. */
export function pointsFor(rule: PointsRule, direction: Direction, value: number): number {
  if (rule.thresholds) {
    for (const threshold of rule.thresholds) {
      const matches =
        direction === 'lowerIsBetter'
          ? value <= (threshold.atMost ?? -Infinity)
          : value >= (threshold.atLeast ?? Infinity);
      if (matches) return threshold.points;
    }
    return rule.otherwise ?? 0;
  }
  const curve = rule.curve ?? [];
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last) return 0;
  if (value <= first.value) return first.points;
  if (value >= last.value) return last.points;
  for (let index = 1; index < curve.length; index += 1) {
    const right = curve[index];
    const left = curve[index - 1];
    if (right && left && value <= right.value) {
      return left.points + ((value - left.value) / (right.value - left.value)) * (right.points - left.points);
    }
  }
  return last.points;
}

/** The band edges of a rule, best first (threshold bounds, or the curve's values): how a drifting value reads. */
export function bandEdges(rule: PointsRule, direction: Direction): number[] {
  if (rule.thresholds) {
    return rule.thresholds.flatMap((t) => {
      const bound = direction === 'lowerIsBetter' ? t.atMost : t.atLeast;
      return bound === undefined ? [] : [bound];
    });
  }
  const values = (rule.curve ?? []).map((point) => point.value);
  return direction === 'lowerIsBetter' ? values : values.reverse();
}
