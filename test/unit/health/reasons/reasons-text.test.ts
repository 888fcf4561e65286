/**
 * The reasons text changes when the situation does, not with the calendar: drifting values read as
 * their threshold band, case ages as coarse buckets.
 */
import { describe, expect, it } from 'vitest';

import { evaluateAccount } from '../../../../src/health/evaluate-account.js';
import { ageBucket, bandText } from '../../../../src/health/reasons/value-text.js';
import { shippedModel } from '../support/model.js';
import { account, opportunity, snapshot, supportCase } from '../support/snapshots.js';

const DAY = 86_400_000;

describe('reasons text', () => {
  // Last activity 2026-06-01; a renewal far out at 80%; a P4 open since Wed 06-17 09:00 (75% of its 120 h
  // would be 90 business hours: not reached by 06-30).
  const quiet = snapshot({
    account: account({ LastActivityDate: '2026-06-01' }),
    opportunities: [opportunity({ CloseDate: '2027-03-01', Probability: 80 })],
    cases: [supportCase({ Priority: 'Low', CreatedDate: '2026-06-17T09:00:00Z' })],
  });

  it('stays the same from day to day while nothing changes band', () => {
    // 06-17 .. 06-30: 16 .. 29 days since activity, all in the 14-30 band; the P4 case stays open.
    const start = Date.parse('2026-06-17T12:00:00Z');
    const texts = new Set<string>();
    const scores = new Set<number | null>();
    for (let day = 0; day < 14; day += 1) {
      const result = evaluateAccount(quiet, shippedModel(), new Date(start + day * DAY));
      texts.add(result.reasons);
      scores.add(result.score);
    }
    expect(texts.size).toBe(1);
    expect(scores.size).toBe(1);
    expect([...texts][0]).toContain('Days since last activity: 14-30 days');
  });

  it('reads no pipeline as none', () => {
    const result = evaluateAccount(
      snapshot({ account: account({ LastActivityDate: '2026-06-16' }) }),
      shippedModel(),
      new Date('2026-06-17T12:00:00Z'),
    );
    expect(result.reasons.split('\n')[0]).toBe('Pulling the score down: Open expansion pipeline: none.');
  });

  it('changes when a value crosses into another band', () => {
    const day31 = evaluateAccount(quiet, shippedModel(), new Date('2026-07-02T12:00:00Z'));
    expect(day31.reasons).toContain('Days since last activity: 30-60 days');
  });

  it('says when nothing is pulling the score down', () => {
    const healthy = snapshot({
      account: account({ LastActivityDate: '2026-06-16' }),
      opportunities: [opportunity({ Type: 'Expansion', Amount: 60_000 })],
    });
    const result = evaluateAccount(healthy, shippedModel(), new Date('2026-06-17T12:00:00Z'));
    expect(result.reasons.split('\n')[0]).toBe('Nothing is pulling the score down.');
  });

  it('is cut to the configured length', () => {
    const long = evaluateAccount(
      snapshot({
        cases: Array.from({ length: 40 }, () =>
          supportCase({ Priority: 'Critical', CreatedDate: '2026-06-01T09:00:00Z' }),
        ),
      }),
      {
        ...shippedModel(),
        config: { ...shippedModel().config, reasons: { maxFactors: 3, maxStrengths: 2, maxChars: 200 } },
      },
      new Date('2026-06-17T12:00:00Z'),
    );
    expect(long.reasons.length).toBeLessThanOrEqual(200);
    expect(long.reasons.endsWith('…')).toBe(true);
  });
});

describe('value bands', () => {
  const activity = [14, 30, 60, 90]; // lowerIsBetter edges, best first
  const seats = [80, 60, 40]; // higherIsBetter edges, best first
  it.each([
    [activity, true, 0, 'at most 14'],
    [activity, true, 14, 'at most 14'],
    [activity, true, 15, '14-30'],
    [activity, true, 60, '30-60'],
    [activity, true, 91, 'over 90'],
    [seats, false, 95, 'at least 80'],
    [seats, false, 80, 'at least 80'],
    [seats, false, 79.5, '60-80'],
    [seats, false, 40, '40-60'],
    [seats, false, 12, 'under 40'],
    [[1.5, 2, 3], true, 2.4, '2-3'],
    [[50000, 10000, 1], false, 12345, '10,000-50,000'],
  ] as const)('edges %j (lower is better: %s): %d reads "%s"', (edges, lower, value, text) => {
    expect(bandText(value, edges, lower)).toBe(text);
  });
});

describe('case age buckets (a business day = 8 business hours)', () => {
  const HOUR = 3_600_000;
  it.each([
    [0.5, 'under 1 business hour'],
    [1, 'under 4 business hours'],
    [4, 'under 1 business day'],
    [8, 'over 1 business day'],
    [16, 'over 2 business days'],
    [40, 'over 5 business days'],
    [80, 'over 10 business days'],
  ])('%d business hours: %s', (hours, text) => {
    expect(ageBucket(hours * HOUR)).toBe(text);
  });
});
