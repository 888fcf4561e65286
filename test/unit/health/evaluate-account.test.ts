/**
 * One typical account through the shipped model, every figure worked out by hand below; the CSM
 * override beside the score; determinism with an injected `now`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { evaluateAccount } from '../../../src/health/evaluate-account.js';
import { shippedModel } from './support/model.js';
import { account, opportunity, snapshot, supportCase } from './support/snapshots.js';

// Mon 2026-06-15 12:00 UTC; default calendar Mon-Fri 09:00-17:00 UTC.
const NOW = new Date('2026-06-15T12:00:00Z');

const p1 = supportCase({ Priority: 'Critical', CreatedDate: '2026-06-12T10:00:00Z' }); // Fri 7 h + Mon 3 h = 10 h > 4 h
const unknown = supportCase({
  Priority: 'Sev-9',
  CreatedDate: '2026-06-15T10:00:00Z',
  FirstResponseAt: null,
}); // P3, 2 h
const closedP2 = supportCase({
  Priority: 'High',
  IsClosed: true,
  Status: 'Closed',
  CreatedDate: '2026-05-15T10:00:00Z', // Fri 7 h + Mon 1 h = 8 h to close (of 24)
  ClosedDate: '2026-05-18T10:00:00Z',
});

const acme = snapshot({
  account: account({ AnnualRevenue: 120_000, LastActivityDate: '2026-05-01', Health_Score_Override__c: 55 }),
  opportunities: [
    opportunity({ CloseDate: '2026-08-01', Probability: 40, StageName: 'Negotiation', Amount: 100_000 }),
    opportunity({ Type: 'Expansion', Amount: 20_000 }),
  ],
  cases: [p1, unknown, closedP2],
  history: [{ at: '2026-05-16T03:00:00Z', score: 70 }],
});

/*
 * By hand. ARR 120,000: neither Enterprise (>= 250,000) nor SMB (< 25,000), so the base scorecard.
 * Support (30), measure weights 3/2/2/2/1/1 = 11:
 *   openP1 1 -> 0; openP2 0 -> 100; escalated 0 -> 100; slaBreaches90d 1 (the P1) -> 60;
 *   caseVolumeRatio: 2 cases since 05-16 12:00 against 1 before -> 2 / max(1/3, 1) = 2 -> 70;
 *   median resolution 8 h -> 100.  (0 + 200 + 200 + 120 + 70 + 100) / 11 = 690 / 11 = 62.727
 * Commercial (30), 3/2/1: renewal probability 40 on the curve -> 37.5; lost renewals 0 -> 100;
 *   expansion 20,000 -> 85.  (112.5 + 200 + 85) / 6 = 66.25
 * Engagement (15): 45 days since 05-01 -> 50.
 * Adoption and Relationship: no inputs mapped, left out; groups renormalised over 30 + 30 + 15 = 75.
 * Score = (30 x 62.727 + 30 x 66.25 + 15 x 50) / 75 = 4619.32 / 75 = 61.59 -> 62: Yellow.
 * Change: the point 30.4 days ago scored 70 -> 62 - 70 = -8.
 * Escalation: the open P1 is past its 4 h -> Critical.
 * Flags: renewal in 47 days (06-15 -> 08-01) at 40% -> Renewal At Risk; Open P1; SLA Breach.
 * Reasons, points lost = share x (100 - points): renewal 0.4 x 3/6 x 62.5 = 12.5; openP1 0.4 x 3/11 x 100 = 10.9;
 *   activity 0.2 x 50 = 10. Held = share x points, points >= 70: lost renewals 0.4 x 2/6 x 100 = 13.3;
 *   openP2 0.4 x 2/11 x 100 = 7.3 (ties with escalated; config order wins).
 */
describe('evaluateAccount', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const result = evaluateAccount(acme, shippedModel(), NOW);

  it('scores, bands and compares with 30 days ago', () => {
    expect(result).toMatchObject({ score: 62, status: 'Yellow', scoreChange: -8, segment: null });
  });

  it('reports the CSM override beside the score, never instead of it', () => {
    expect(result.override).toBe(55);
    expect(result.score).toBe(62);
  });

  it('decides escalation and flags', () => {
    expect(result.escalation).toEqual({
      status: 'Critical',
      reasons: [`P1 case ${p1.CaseNumber} is past its resolution target`],
    });
    expect(result.riskFlags.map((flag) => flag.name)).toEqual(['Renewal At Risk', 'Open P1', 'SLA Breach']);
  });

  it('explains itself: contributions and a reasons text, top factors first', () => {
    expect(result.contributions.map((c) => [c.measure, c.points])).toEqual([
      ['openP1', 0],
      ['openP2', 100],
      ['escalated', 100],
      ['slaBreaches', 60],
      ['caseVolume', 70],
      ['resolutionTime', 100],
      ['renewalProbability', 37.5],
      ['lostRenewals', 100],
      ['expansionPipeline', 85],
      ['lastActivity', 50],
      ['seatUtilisation', null],
      ['usageTrend', null],
      ['nps', null],
      ['csat', null],
    ]);
    expect(result.reasons).toBe(
      [
        'Pulling the score down: Renewal probability: 40%; Open P1 cases: 1, oldest open over 1 business day; Days since last activity: 30-60 days.',
        'Holding it up: Renewals lost, last 365 days: 0; Open P2 cases: 0.',
        'Left out, no data (weights renormalised): Seat utilisation, Usage trend, NPS, CSAT.',
        `Escalation Critical: P1 case ${p1.CaseNumber} is past its resolution target.`,
      ].join('\n'),
    );
  });

  it('carries the model version and reports the unknown priority once', () => {
    expect(result.modelVersion).toBe(shippedModel().version);
    expect(result.warnings).toEqual(['Unknown case priority "Sev-9": treated as P3']);
  });

  it('depends on the injected now only, never the clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-01-01T00:00:00Z'));
    expect(evaluateAccount(acme, shippedModel(), NOW)).toEqual(result);
  });

  it('has no change without history, and no override when none is set', () => {
    const bare = evaluateAccount(
      snapshot({ account: account({ LastActivityDate: '2026-06-10' }) }),
      shippedModel(),
      NOW,
    );
    expect(bare.scoreChange).toBeNull();
    expect(bare.override).toBeNull();
    expect(bare.escalation.status).toBe('None');
    expect(bare.riskFlags).toEqual([]);
  });
});
