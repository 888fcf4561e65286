/** Conditions over signals, as risk flags and segments use them: each comparison, missing data, and/or/not. */
import { describe, expect, it } from 'vitest';

import { evaluateCondition, type Condition } from '../../../../src/health/scorecard/condition.js';

const signals = { a: 5, none: null, stage: 'Negotiation', spike: true, zero: 0 };

const table: [string, Condition, boolean][] = [
  ['gt below', { signal: 'a', gt: 4 }, true],
  ['gt equal', { signal: 'a', gt: 5 }, false],
  ['gte equal', { signal: 'a', gte: 5 }, true],
  ['lt equal', { signal: 'a', lt: 5 }, false],
  ['lte equal', { signal: 'a', lte: 5 }, true],
  ['between (two bounds)', { signal: 'a', gte: 1, lte: 9 }, true],
  ['outside (two bounds)', { signal: 'a', gte: 6, lte: 9 }, false],
  ['eq number', { signal: 'a', eq: 5 }, true],
  ['in numbers', { signal: 'a', in: [1, 5] }, true],
  ['no data never compares', { signal: 'none', lt: 100 }, false],
  ['no data is not unequal either', { signal: 'none', eq: 0 }, false],
  ['missing: true on no data', { signal: 'none', missing: true }, true],
  ['missing: true on data', { signal: 'a', missing: true }, false],
  ['an unknown signal is missing', { signal: 'nothing', missing: true }, true],
  ['missing: false with a bound', { signal: 'a', missing: false, gte: 1 }, true],
  ['text eq, case-insensitive', { signal: 'stage', eq: 'negotiation' }, true],
  ['text in, case-insensitive', { signal: 'stage', in: ['Closed Won', 'NEGOTIATION'] }, true],
  ['text against a number bound', { signal: 'stage', gt: 1 }, false],
  ['flag eq true', { signal: 'spike', eq: true }, true],
  ['flag as a number', { signal: 'spike', gte: 1 }, true],
  ['zero eq false', { signal: 'zero', eq: false }, true],
  [
    'all, both hold',
    {
      all: [
        { signal: 'a', gt: 4 },
        { signal: 'spike', eq: true },
      ],
    },
    true,
  ],
  [
    'all, one fails',
    {
      all: [
        { signal: 'a', gt: 4 },
        { signal: 'none', gt: 0 },
      ],
    },
    false,
  ],
  [
    'any, one holds',
    {
      any: [
        { signal: 'none', lt: 1 },
        { signal: 'zero', eq: 0 },
      ],
    },
    true,
  ],
  [
    'any, none holds',
    {
      any: [
        { signal: 'none', lt: 1 },
        { signal: 'zero', gt: 0 },
      ],
    },
    false,
  ],
  ['not', { not: { signal: 'a', gt: 4 } }, false],
  ['not of missing data', { not: { signal: 'none', gt: 4 } }, true],
  [
    'nested',
    { any: [{ all: [{ signal: 'a', lte: 5 }, { not: { signal: 'none', missing: false } }] }] },
    true,
  ],
];

describe('conditions', () => {
  it.each(table)('%s -> %s', (_name, condition, expected) => {
    expect(evaluateCondition(condition, signals)).toBe(expected);
  });
});
