/**
 * Account signals and optional inputs, by hand: mapped fields (missing or blank -> no data, never
 * zero), seat utilisation, ARR in the org currency, days since the last activity. Today: 2026-06-17.
 */
import { describe, expect, it } from 'vitest';

import { computeSignals } from '../../../../src/health/signals/compute-signals.js';
import { buildModel } from '../support/model.js';
import { account, snapshot } from '../support/snapshots.js';

const NOW = Date.parse('2026-06-17T12:00:00Z');
const model = buildModel({
  bands: [{ status: 'Any', minScore: 0 }],
  groups: [
    {
      name: 'G',
      weight: 1,
      measures: [
        {
          id: 'm',
          label: 'M',
          signal: 'nps',
          direction: 'higherIsBetter',
          weight: 1,
          thresholds: [{ atLeast: 9, points: 100 }],
        },
      ],
    },
  ],
  inputs: {
    activeUsers: { field: 'Active_Users__c' },
    licensedSeats: { field: 'Seats__c' },
    nps: { field: 'NPS__c' },
    usageTrend: { field: 'Usage__c' },
    arr: { field: 'ARR__c' },
    healthCheck: { field: 'Health_Check__c' },
  },
});
const currency = { orgCurrency: 'USD', conversionRates: { EUR: 0.92 } };

describe('account signals', () => {
  const { signals } = computeSignals(
    snapshot({
      currency,
      account: account({
        CurrencyIsoCode: 'EUR',
        LastActivityDate: '2026-05-18',
        fields: {
          Active_Users__c: 45,
          Seats__c: '60',
          NPS__c: null,
          Usage__c: '',
          ARR__c: 92_000,
          Health_Check__c: 'Passed',
        },
      }),
    }),
    model,
    NOW,
  );

  it.each([
    ['activeUsers', 45],
    ['licensedSeats', 60], // numeric text reads as a number
    ['seatUtilisation', 75], // 45 / 60 x 100
    ['nps', null], // null field: no data
    ['usageTrend', null], // blank field: no data
    ['arr', 100_000], // mapped ARR__c 92,000 EUR / 0.92
    ['healthCheck', 'Passed'], // a custom input keeps its text
    ['accountType', 'Customer'],
    ['daysSinceLastActivity', 30], // 05-18 -> 06-17
  ] as const)('%s = %s', (name, value) => {
    expect(signals[name]).toBe(value);
  });

  it.each([
    // [LastActivityDate, CreatedDate, days]
    [null, '2026-06-10T08:00:00Z', 7], // never any activity: since the account was created
    [null, null, null],
    ['2026-06-17', null, 0],
    ['2026-06-20', null, 0], // a date in the future counts as today
  ] as const)('days since last activity %s / created %s = %s', (last, created, days) => {
    const result = computeSignals(
      snapshot({ account: account({ LastActivityDate: last, CreatedDate: created }) }),
      model,
      NOW,
    );
    expect(result.signals['daysSinceLastActivity']).toBe(days);
  });

  it('uses AnnualRevenue as ARR when no field is mapped, and has no seat utilisation without seats', () => {
    const plain = buildModel({
      bands: [{ status: 'Any', minScore: 0 }],
      groups: [
        {
          name: 'G',
          weight: 1,
          measures: [
            {
              id: 'm',
              label: 'M',
              signal: 'arr',
              direction: 'higherIsBetter',
              weight: 1,
              thresholds: [{ atLeast: 1, points: 100 }],
            },
          ],
        },
      ],
      inputs: { activeUsers: { field: 'Active_Users__c' }, licensedSeats: { field: 'Seats__c' } },
    });
    const result = computeSignals(
      snapshot({ account: account({ AnnualRevenue: 55_000, fields: { Active_Users__c: 10, Seats__c: 0 } }) }),
      plain,
      NOW,
    ).signals;
    expect(result['arr']).toBe(55_000);
    expect(result['seatUtilisation']).toBeNull(); // 0 seats: no ratio
    expect(result['nps']).toBeUndefined(); // not mapped at all
  });
});
