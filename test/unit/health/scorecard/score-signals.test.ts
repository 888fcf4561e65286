/**
 * Weighting, renormalisation, segments and bands on a small model whose arithmetic is easy to do
 * by hand. Group A (weight 2): nps (weight 1: >=9 -> 100, >=7 -> 60, else 0) and csat (weight 3:
 * curve 1 -> 0 .. 5 -> 100). Group B (weight 1): openP1Cases (weight 1: 0 -> 100, else 0).
 */
import { describe, expect, it } from 'vitest';

import type { Signals } from '../../../../src/health/signals/signal-catalog.js';
import { chooseProfile, scoreSignals, statusBandOf } from '../../../../src/health/scorecard/score-signals.js';
import { buildModel } from '../support/model.js';

const model = buildModel({
  bands: [
    { status: 'Green', minScore: 70 },
    { status: 'Yellow', minScore: 40 },
    { status: 'Red', minScore: 0 },
  ],
  inputs: { nps: { field: 'NPS__c' }, csat: { field: 'CSAT__c' } },
  groups: [
    {
      name: 'A',
      weight: 2,
      measures: [
        {
          id: 'nps',
          label: 'NPS',
          signal: 'nps',
          direction: 'higherIsBetter',
          weight: 1,
          thresholds: [
            { atLeast: 9, points: 100 },
            { atLeast: 7, points: 60 },
          ],
        },
        {
          id: 'csat',
          label: 'CSAT',
          signal: 'csat',
          direction: 'higherIsBetter',
          weight: 3,
          curve: [
            { value: 1, points: 0 },
            { value: 5, points: 100 },
          ],
        },
      ],
    },
    {
      name: 'B',
      weight: 1,
      measures: [
        {
          id: 'openP1',
          label: 'Open P1',
          signal: 'openP1Cases',
          direction: 'lowerIsBetter',
          weight: 1,
          thresholds: [{ atMost: 0, points: 100 }],
        },
      ],
    },
  ],
  segments: [
    {
      name: 'Big',
      when: { signal: 'arr', gte: 100000 },
      groupWeights: { B: 3 },
      measures: { nps: { weight: 3 } },
    },
    { name: 'Partner', when: { signal: 'accountType', in: ['Partner'] }, groupWeights: { A: 0 } },
  ],
});

const base = model.profiles.find((profile) => profile.segment === null)!;

interface Row {
  readonly name: string;
  readonly signals: Signals;
  readonly score: number | null;
  /** measure id -> [points, weight] */
  readonly expected: Record<string, [number | null, number]>;
}

const rows: Row[] = [
  {
    // nps 9 -> 100, csat 3 -> (3-1)/4 x 100 = 50, P1 0 -> 100. A = (1x100 + 3x50)/4 = 62.5.
    // Score = (2 x 62.5 + 1 x 100)/3 = 225/3 = 75. Weights: nps 2/3 x 1/4 = 1/6, csat 2/3 x 3/4 = 1/2, P1 1/3.
    name: 'everything present',
    signals: { nps: 9, csat: 3, openP1Cases: 0 },
    score: 75,
    expected: { nps: [100, 1 / 6], csat: [50, 1 / 2], openP1: [100, 1 / 3] },
  },
  {
    // nps missing: A = csat alone = 50. Score = (2 x 50 + 100)/3 = 66.67 -> 67. csat 2/3, P1 1/3.
    name: 'nps missing: left out, A renormalised to csat',
    signals: { nps: null, csat: 3, openP1Cases: 0 },
    score: 67,
    expected: { nps: [null, 0], csat: [50, 2 / 3], openP1: [100, 1 / 3] },
  },
  {
    // Group A has no data at all: B alone = 100.
    name: 'a whole group missing',
    signals: { openP1Cases: 0 },
    score: 100,
    expected: { nps: [null, 0], csat: [null, 0], openP1: [100, 1] },
  },
  {
    // nps 7 -> 60, csat 4 -> 75, P1 1 -> 0. A = (60 + 3 x 75)/4 = 71.25. Score = (2 x 71.25 + 0)/3 = 47.5 -> 48 (half up).
    name: 'a half rounds up',
    signals: { nps: 7, csat: 4, openP1Cases: 1 },
    score: 48,
    expected: { nps: [60, 1 / 6], csat: [75, 1 / 2], openP1: [0, 1 / 3] },
  },
  {
    // nps 8 -> 60, csat 2.3 -> 1.3/4 x 100 = 32.5. A = (60 + 97.5)/4 = 39.375. Score = 78.75/3 = 26.25 -> 26.
    name: 'a curve between its points',
    signals: { nps: 8, csat: 2.3, openP1Cases: 3 },
    score: 26,
    expected: { nps: [60, 1 / 6], csat: [32.5, 1 / 2], openP1: [0, 1 / 3] },
  },
  {
    // nps 5 -> otherwise 0 (not set, so 0); csat 5 -> 100. A = (0 + 300)/4 = 75. Score = (150 + 100)/3 = 83.33 -> 83.
    name: 'below every threshold',
    signals: { nps: 5, csat: 5, openP1Cases: 0 },
    score: 83,
    expected: { nps: [0, 1 / 6], csat: [100, 1 / 2], openP1: [100, 1 / 3] },
  },
];

describe('scoring signals', () => {
  it.each(rows)('$name: score $score', ({ signals, score, expected }) => {
    const result = scoreSignals(signals, base);
    expect(result.score).toBe(score);
    for (const [id, [points, weight]] of Object.entries(expected)) {
      const contribution = result.contributions.find((c) => c.measure === id);
      if (points === null) expect(contribution?.points).toBeNull();
      else expect(contribution?.points).toBeCloseTo(points, 10);
      expect(contribution?.weight).toBeCloseTo(weight, 12);
    }
    const total = result.contributions.reduce((sum, c) => sum + c.weight, 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('says why a measure was left out, and never scores it as zero', () => {
    const result = scoreSignals({ nps: 'excellent', csat: null, openP1Cases: 0 }, base);
    expect(result.contributions.map((c) => [c.measure, c.points, c.leftOut])).toEqual([
      ['nps', null, 'not a number'],
      ['csat', null, 'no data'],
      ['openP1', 100, undefined],
    ]);
    expect(result.score).toBe(100);
  });

  it('has no score when no measure has data', () => {
    expect(scoreSignals({}, base).score).toBeNull();
  });

  it('reports contributions in config order with group, signal and value', () => {
    const result = scoreSignals({ nps: 9, csat: 3, openP1Cases: 0 }, base);
    expect(result.contributions[0]).toEqual({
      measure: 'nps',
      label: 'NPS',
      group: 'A',
      signal: 'nps',
      value: 9,
      points: 100,
      weight: 1 / 6,
    });
  });
});

describe('segment profiles', () => {
  it.each([
    // Priority order: Big is checked before Partner.
    ['arr 200000 and a Partner', { arr: 200000, accountType: 'Partner' }, 'Big'],
    ['arr 100000 exactly', { arr: 100000, accountType: 'Customer' }, 'Big'],
    ['a small Partner', { arr: 5000, accountType: 'partner' }, 'Partner'],
    ['a small customer', { arr: 5000, accountType: 'Customer' }, null],
    ['no ARR, no type', { arr: null, accountType: null }, null],
  ] as const)('choose %s -> %s', (_name, signals, segment) => {
    expect(chooseProfile(model, signals).segment).toBe(segment);
  });

  it("apply a segment's weights: Big scores everything-present at 90", () => {
    // nps weight 3, csat 3: A = (3 x 100 + 3 x 50)/6 = 75; B weight 3 = 100. Score = (2 x 75 + 3 x 100)/5 = 90.
    const signals = { nps: 9, csat: 3, openP1Cases: 0, arr: 200000 };
    expect(scoreSignals(signals, chooseProfile(model, signals)).score).toBe(90);
  });

  it('drop a group weighted 0: Partner scores on group B alone', () => {
    const signals = { nps: 5, csat: 1, openP1Cases: 0, accountType: 'Partner' };
    const result = scoreSignals(signals, chooseProfile(model, signals));
    expect(result.score).toBe(100);
    expect(result.contributions.map((c) => c.measure)).toEqual(['openP1']);
  });
});

describe('status bands (Green >= 70, Yellow >= 40, Red >= 0)', () => {
  it.each([
    [100, 'Green'],
    [70, 'Green'],
    [69, 'Yellow'],
    [40, 'Yellow'],
    [39, 'Red'],
    [0, 'Red'],
    [null, null],
  ] as const)('score %s is %s', (score, status) => {
    expect(statusBandOf(model, score)).toBe(status);
  });

  it.each([
    [100, 'Green'],
    [70, 'Green'],
    [69, 'Yellow'],
    [40, 'Yellow'],
    [39, 'Red'],
    [0, 'Red'],
  ] as const)('the shipped bands put %d in %s', async (score, status) => {
    const { shippedModel } = await import('../support/model.js');
    expect(statusBandOf(shippedModel(), score)).toBe(status);
  });
});
