/**
 * A backtest small enough to check by hand. Model: one group, two measures of weight 1 —
 * p1 (openP1Cases: 0 -> 100, else 0) and act (daysSinceLastActivity: <=30 -> 100, <=60 -> 50, else 0);
 * Green >= 70, else Red.
 */
import { describe, expect, it } from 'vitest';

import {
  parseCsvRows,
  parseJsonRows,
  type BacktestRecord,
} from '../../../../src/health/backtest/backtest-input.js';
import { runBacktest } from '../../../../src/health/backtest/run-backtest.js';
import { AppError } from '../../../../src/errors/app-error.js';
import { buildModel } from '../support/model.js';

const model = buildModel({
  bands: [
    { status: 'Green', minScore: 70 },
    { status: 'Red', minScore: 0 },
  ],
  groups: [
    {
      name: 'G',
      weight: 1,
      measures: [
        {
          id: 'p1',
          label: 'Open P1',
          signal: 'openP1Cases',
          direction: 'lowerIsBetter',
          weight: 1,
          thresholds: [{ atMost: 0, points: 100 }],
        },
        {
          id: 'act',
          label: 'Activity',
          signal: 'daysSinceLastActivity',
          direction: 'lowerIsBetter',
          weight: 1,
          thresholds: [
            { atMost: 30, points: 100 },
            { atMost: 60, points: 50 },
          ],
        },
      ],
    },
  ],
});

// [p1, days since activity, churned] -> score = mean of the two measures' points (or p1 alone when act has no data)
const rows: [number, number | null, boolean][] = [
  [0, 10, false], // r1: 100
  [0, 10, false], // r2: 100
  [0, 45, false], // r3: 75
  [0, 45, true], //  r4: 75
  [1, 10, false], // r5: 50
  [1, 45, true], //  r6: 25
  [1, 90, true], //  r7: 0
  [0, 90, true], //  r8: 50
  [0, 10, false], // r9: 100
  [0, null, false], // r10: 100 (p1 alone)
];
const records: BacktestRecord[] = rows.map(([p1, act, churned], index) => ({
  line: index + 1,
  accountId: `r${index + 1}`,
  asOfMs: Date.parse('2025-06-30T00:00:00Z'),
  churned,
  synthetic: index === 0,
  signals: { openP1Cases: p1, daysSinceLastActivity: act },
}));

describe('runBacktest', () => {
  const report = runBacktest(records, model, { seed: 42, bootstrapSamples: 200 });

  it('computes the AUC: 22 favourable pairs of 24', () => {
    // Churned 75, 25, 0, 50 against retained 100 x4, 75, 50:
    // 75 -> 4 + 0.5 (the retained 75) = 4.5; 25 -> 6; 0 -> 6; 50 -> 5 + 0.5 = 5.5. Total 22 / (4 x 6).
    expect(report.auc.value).toBeCloseTo(22 / 24, 12);
    expect(report.auc.low).not.toBeNull();
    expect(report.auc.low!).toBeLessThanOrEqual(report.auc.high!);
    expect(report).toMatchObject({ snapshots: 10, churned: 4, unscored: 0 });
  });

  it('finds the lift of the lowest-scored decile: 1 of 1 churned against 4 of 10 -> 2.5x', () => {
    expect(report.lowestDecile).toEqual({ snapshots: 1, churned: 1, churnRate: 1, lift: 2.5 });
  });

  it('gives churn per band: Green 1 of 6, Red 3 of 4', () => {
    expect(report.bands).toEqual([
      { status: 'Green', snapshots: 6, churned: 1, churnRate: 1 / 6 },
      { status: 'Red', snapshots: 4, churned: 3, churnRate: 0.75 },
    ]);
  });

  it('ranks the measures that separate best', () => {
    // act (r10 has no data): churned 50, 50, 0, 0 against retained 100 x4, 50: 4.5 x 2 + 5 x 2 = 19 of 20 -> 0.95.
    // p1: churned 100, 0, 0, 100 against retained 100 x5, 0: 2.5 x 2 + 5.5 x 2 = 16 of 24 -> 0.667.
    expect(report.measures).toEqual([
      { measure: 'act', label: 'Activity', snapshots: 9, auc: 0.95 },
      { measure: 'p1', label: 'Open P1', snapshots: 10, auc: 16 / 24 },
    ]);
  });

  it('says a synthetic input proves the plumbing, not the model', () => {
    expect(report.synthetic).toBe(true);
    expect(report.notes[0]).toContain('prove the plumbing works, not that the model predicts churn');
    const real = runBacktest(
      records.map((r) => ({ ...r, synthetic: false })),
      model,
      { seed: 42, bootstrapSamples: 10 },
    );
    expect(real.notes.join(' ')).not.toContain('plumbing');
  });

  it('is reproducible', () => {
    expect(runBacktest(records, model, { seed: 42, bootstrapSamples: 200 })).toEqual(report);
  });
});

describe('backtest input', () => {
  const problemsOf = (parse: () => unknown): string => {
    try {
      parse();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('backtest_input_invalid');
      return (error as AppError).message;
    }
    throw new Error('expected an error');
  };

  it('reads CSV cells: empty is no data, numbers, booleans and text', () => {
    const [record] = parseCsvRows(
      [
        {
          line: 2,
          value: {
            accountId: 'a',
            asOf: '2025-06-30T00:00:00Z',
            churned: 'yes',
            openP1Cases: '2',
            nps: '',
            accountType: 'Partner',
            supportSpike: 'TRUE',
          },
        },
      ],
      model,
    );
    expect(record).toMatchObject({
      accountId: 'a',
      churned: true,
      synthetic: false,
      signals: { openP1Cases: 2, nps: null, accountType: 'Partner', supportSpike: true },
    });
  });

  it('names bad CSV columns and cells by line', () => {
    const message = problemsOf(() =>
      parseCsvRows([{ line: 2, value: { asOf: '2025-06-30', churned: 'maybe', npss: '3' } }], model),
    );
    expect(message).toContain('line 1: unknown column "npss"');
    const cells = problemsOf(() =>
      parseCsvRows([{ line: 3, value: { asOf: '2025-06-30', churned: 'maybe' } }], model),
    );
    expect(cells).toContain('line 3, asOf: expected an ISO date-time with its offset, found "2025-06-30"');
    expect(cells).toContain('line 3, churned: expected true or false, found "maybe"');
  });

  it('names bad JSON rows by line and key', () => {
    const message = problemsOf(() =>
      parseJsonRows([
        { line: 1, value: { asOf: '2025-06-30T00:00:00Z', churned: true, signals: {} } },
        { line: 2, value: { asOf: '2025-06-30T00:00:00Z', churned: 'no', signals: {} } },
        { line: 3, value: { asOf: '2025-06-30T00:00:00Z', churned: false } },
      ]),
    );
    expect(message).toContain('line 2, churned: Invalid input: expected boolean, received string');
    expect(message).toContain('line 3: expected exactly one of "snapshot" or "signals"');
    expect(message).not.toContain('line 1');
  });
});
