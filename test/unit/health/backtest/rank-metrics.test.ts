/** AUC by hand (the chance a retained account outscores a churned one, ties half) and a reproducible bootstrap. */
import { describe, expect, it } from 'vitest';

import {
  auc,
  aucOfSorted,
  bootstrapAuc,
  seededRandom,
} from '../../../../src/health/backtest/rank-metrics.js';

const items = (churned: number[], retained: number[]) => [
  ...churned.map((score) => ({ score, churned: true })),
  ...retained.map((score) => ({ score, churned: false })),
];

describe('AUC', () => {
  it.each([
    ['perfect', [10, 20], [30, 40], 1],
    ['inverted', [30, 40], [10, 20], 0],
    // pairs (churned, retained): (10,20) 1, (10,40) 1, (30,20) 0, (30,40) 1 -> 3/4
    ['mixed', [10, 30], [20, 40], 0.75],
    // (20,20) tie 0.5 + (20,30) 1 -> 1.5/2
    ['a tie counts half', [20], [20, 30], 0.75],
    ['all equal', [5, 5], [5, 5, 5], 0.5],
    ['no churned accounts', [], [1, 2], null],
    ['no retained accounts', [1, 2], [], null],
  ] as const)('%s: %s', (_name, churned, retained, expected) => {
    expect(auc(items([...churned], [...retained]))).toBe(expected);
  });

  it('counts a weighted item that many times', () => {
    // Sorted: retained 5, churned 10 (x2), retained 20. Pairs: 10 vs 5 -> 0 (x2), 10 vs 20 -> 1 (x2): 2 / (2 x 2) = 0.5.
    const sorted = [
      { score: 5, churned: false },
      { score: 10, churned: true },
      { score: 20, churned: false },
    ];
    expect(aucOfSorted(sorted, [1, 2, 1])).toBe(0.5);
    expect(aucOfSorted(sorted, [0, 2, 1])).toBe(1); // the 5 left out of the resample
  });
});

describe('bootstrap', () => {
  const sample = items([10, 20, 30, 45, 50, 60], [40, 55, 65, 70, 80, 90, 95, 35]);

  it('is reproducible with a seed, and varies with it', () => {
    const first = bootstrapAuc(sample, 500, 42);
    expect(bootstrapAuc(sample, 500, 42)).toEqual(first);
    expect(bootstrapAuc(sample, 500, 7)).not.toEqual(first);
  });

  it('brackets the point estimate', () => {
    const point = auc(sample)!;
    const interval = bootstrapAuc(sample, 1000, 42)!;
    expect(interval.low).toBeLessThanOrEqual(point);
    expect(interval.high).toBeGreaterThanOrEqual(point);
    expect(interval.samples).toBeGreaterThan(990);
  });

  it('has no interval when there is only one class', () => {
    expect(bootstrapAuc(items([1, 2, 3], []), 100, 1)).toBeNull();
  });

  it('draws the same numbers from the same seed, in [0, 1)', () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(draws);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});
