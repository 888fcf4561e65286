/**
 * Commercial signals, by hand: the next open renewal, renewals lost in 365 days, open expansion
 * pipeline, in the org currency (USD; EUR at Salesforce's ConversionRate 0.92, so EUR x / 0.92).
 * Today is 2026-06-17 (UTC calendar).
 */
import { describe, expect, it } from 'vitest';

import { computeSignals } from '../../../../src/health/signals/compute-signals.js';
import { shippedModel } from '../support/model.js';
import { opportunity, snapshot } from '../support/snapshots.js';

const NOW = Date.parse('2026-06-17T12:00:00Z');
const currency = { orgCurrency: 'USD', conversionRates: { EUR: 0.92 } };

const opportunities = [
  // The next open renewal: 06-17 -> 08-16 = 13 + 31 + 16 = 60 days.
  opportunity({
    CloseDate: '2026-08-16',
    Probability: 60,
    StageName: 'Negotiation',
    Amount: 120_000,
    CurrencyIsoCode: 'EUR',
  }),
  opportunity({ Type: 'renewal', CloseDate: '2026-12-01', Probability: 90 }), // later; type compared case-insensitively
  opportunity({ IsClosed: true, CloseDate: '2026-01-10', StageName: 'Closed Lost' }), // lost 158 days ago: counts
  opportunity({ IsClosed: true, CloseDate: '2025-06-01', StageName: 'Closed Lost' }), // lost 381 days ago: too old
  opportunity({ IsClosed: true, IsWon: true, CloseDate: '2026-02-01', StageName: 'Closed Won' }), // won
  opportunity({ Type: 'Expansion', Amount: 30_000, CurrencyIsoCode: 'USD' }), // 30,000
  opportunity({ Type: 'Upsell', Amount: 9_200, CurrencyIsoCode: 'EUR' }), // 9,200 / 0.92 = 10,000
  opportunity({ Type: 'Expansion', Amount: null }), // counted, no amount
  opportunity({ Type: 'Expansion', IsClosed: true, IsWon: true, Amount: 50_000 }), // closed: not pipeline
  opportunity({ Type: 'New Business', Amount: 70_000 }), // neither renewal nor expansion
];

describe('commercial signals', () => {
  const { signals, warnings } = computeSignals(snapshot({ opportunities, currency }), shippedModel(), NOW);

  it.each([
    ['daysToRenewal', 60],
    ['renewalProbability', 60],
    ['renewalStage', 'Negotiation'],
    ['closedLostRenewals365d', 1],
    ['openExpansionPipeline', 40_000], // 30,000 + 10,000 + 0
    ['openExpansionOpportunities', 3],
  ] as const)('%s = %s', (name, value) => {
    expect(signals[name]).toBe(value);
  });

  it('converts the renewal amount: 120,000 EUR / 0.92 = 130,434.78 USD', () => {
    expect(signals['renewalAmount']).toBeCloseTo(130_434.78, 2);
    expect(warnings).toEqual([]);
  });

  it('counts an overdue open renewal as negative days', () => {
    const overdue = [opportunity({ CloseDate: '2026-06-10', Probability: 80 })];
    expect(
      computeSignals(snapshot({ opportunities: overdue }), shippedModel(), NOW).signals['daysToRenewal'],
    ).toBe(-7);
  });

  it('has no renewal signals without an open renewal (left out, not zero)', () => {
    const none = computeSignals(snapshot({ opportunities: [] }), shippedModel(), NOW).signals;
    expect([none['daysToRenewal'], none['renewalProbability'], none['renewalStage']]).toEqual([
      null,
      null,
      null,
    ]);
    expect(none['openExpansionPipeline']).toBe(0);
  });

  it('leaves out an amount in a currency without a rate, and says so once', () => {
    const gbp = [
      opportunity({ Type: 'Expansion', Amount: 1_000, CurrencyIsoCode: 'GBP' }),
      opportunity({ Type: 'Expansion', Amount: 2_000, CurrencyIsoCode: 'GBP' }),
      opportunity({ Type: 'Expansion', Amount: 500, CurrencyIsoCode: 'USD' }),
    ];
    const result = computeSignals(snapshot({ opportunities: gbp, currency }), shippedModel(), NOW);
    expect(result.signals['openExpansionPipeline']).toBe(500);
    expect(result.warnings).toEqual(['No conversion rate for GBP: its amounts are left out']);
  });

  it('takes amounts as they are in a single-currency org', () => {
    const single = [opportunity({ Type: 'Expansion', Amount: 1_234, CurrencyIsoCode: 'EUR' })];
    expect(
      computeSignals(snapshot({ opportunities: single }), shippedModel(), NOW).signals[
        'openExpansionPipeline'
      ],
    ).toBe(1_234);
  });
});
