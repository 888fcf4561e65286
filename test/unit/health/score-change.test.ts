/** The change against the score ~30 days earlier: the closest history point within 7 days of 30 days ago. */
import { describe, expect, it } from 'vitest';

import { scoreChangeOf } from '../../../src/health/score-change.js';

const NOW = Date.parse('2026-06-17T12:00:00Z');
const settings = { changeAfterDays: 30, toleranceDays: 7 };
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

const table: [string, number | null, { at: string; score: number }[], number | null][] = [
  ['no history', 62, [], null],
  ['a point exactly 30 days ago', 62, [{ at: daysAgo(30), score: 70 }], -8], // 62 - 70
  [
    'the closer of 25 and 33 days ago',
    62,
    [
      { at: daysAgo(25), score: 60 },
      { at: daysAgo(33), score: 80 },
    ],
    -18,
  ], // 33 is 3 away, 25 is 5: 62 - 80
  [
    'a tie goes to the earlier point',
    50,
    [
      { at: daysAgo(27), score: 40 },
      { at: daysAgo(33), score: 45 },
    ],
    5,
  ], // 50 - 45
  ['only a point 40 days ago (past the 7-day tolerance)', 62, [{ at: daysAgo(40), score: 10 }], null],
  ['only yesterday', 62, [{ at: daysAgo(1), score: 10 }], null],
  ['at the edge of the tolerance', 62, [{ at: daysAgo(37), score: 60 }], 2],
  ['no score now', null, [{ at: daysAgo(30), score: 70 }], null],
];

describe('score change', () => {
  it.each(table)('%s -> %s', (_name, score, history, change) => {
    expect(scoreChangeOf(score, history, settings, NOW)).toBe(change);
  });
});
