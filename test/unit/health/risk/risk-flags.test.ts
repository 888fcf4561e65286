/**
 * The shipped risk-flag rules (config/health-model.yaml), each on signals chosen by hand, in
 * picklist order; and the two flags that hold whatever the rules say.
 */
import { describe, expect, it } from 'vitest';

import { evaluateRiskFlags } from '../../../../src/health/risk/risk-flags.js';
import type { Signals } from '../../../../src/health/signals/signal-catalog.js';
import { buildModel, shippedModel } from '../support/model.js';

const flagsOf = (signals: Signals) =>
  evaluateRiskFlags(shippedModel().config.riskFlags, signals).map((f) => f.name);

const table: [string, Signals, string[]][] = [
  ['nothing going on', { openP1Cases: 0, openCasesPastSla: 0, supportSpike: false }, []],
  // Renewal At Risk: (daysToRenewal <= 90 and probability < 50) or overdue or a renewal lost in 365 days
  ['renewal in 60 days at 40%', { daysToRenewal: 60, renewalProbability: 40 }, ['Renewal At Risk']],
  ['renewal in 90 days at 49%', { daysToRenewal: 90, renewalProbability: 49 }, ['Renewal At Risk']],
  ['renewal in 91 days at 40%', { daysToRenewal: 91, renewalProbability: 40 }, []],
  ['renewal in 60 days at 50%', { daysToRenewal: 60, renewalProbability: 50 }, []],
  ['renewal in 60 days, no probability', { daysToRenewal: 60, renewalProbability: null }, []],
  ['renewal overdue', { daysToRenewal: -3, renewalProbability: 90 }, ['Renewal At Risk']],
  ['a renewal lost this year', { closedLostRenewals365d: 1 }, ['Renewal At Risk']],
  // Open P1: openP1Cases >= 1
  ['an open P1', { openP1Cases: 1 }, ['Open P1']],
  // SLA Breach: openCasesPastSla >= 1
  ['two cases past SLA', { openCasesPastSla: 2 }, ['SLA Breach']],
  // Support Spike: supportSpike
  ['a support spike', { supportSpike: true }, ['Support Spike']],
  // Declining Usage: usageTrend <= -20 or seatUtilisation < 40
  ['usage down 20%', { usageTrend: -20 }, ['Declining Usage']],
  ['usage down 19%', { usageTrend: -19 }, []],
  ['39% of seats used', { seatUtilisation: 39 }, ['Declining Usage']],
  ['40% of seats used', { seatUtilisation: 40 }, []],
  // Low NPS: nps < 0 (a net score, -100..100)
  ['NPS -1', { nps: -1 }, ['Low NPS']],
  ['NPS 0', { nps: 0 }, []],
  ['no NPS data', { nps: null }, []],
  // No Recent Activity: daysSinceLastActivity > 60
  ['61 days without activity', { daysSinceLastActivity: 61 }, ['No Recent Activity']],
  ['60 days without activity', { daysSinceLastActivity: 60 }, []],
  [
    'everything at once, in picklist order',
    {
      daysSinceLastActivity: 100,
      nps: -30,
      usageTrend: -50,
      supportSpike: true,
      openCasesPastSla: 1,
      openP1Cases: 1,
      closedLostRenewals365d: 2,
    },
    [
      'Renewal At Risk',
      'Open P1',
      'SLA Breach',
      'Support Spike',
      'Declining Usage',
      'Low NPS',
      'No Recent Activity',
    ],
  ],
];

describe('risk flags', () => {
  it.each(table)('%s -> %j', (_name, signals, flags) => {
    expect(flagsOf(signals)).toEqual(flags);
  });

  it('carry the configured reason', () => {
    expect(evaluateRiskFlags(shippedModel().config.riskFlags, { nps: -12 })).toEqual([
      { name: 'Low NPS', reason: "The account's NPS is negative (more detractors than promoters)." },
    ]);
  });

  it('set Open P1 and SLA Breach even when their rules would not', () => {
    // support/model.ts gives both rules conditions that never hold (>= 1,000,000).
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
              signal: 'openCases',
              direction: 'lowerIsBetter',
              weight: 1,
              thresholds: [{ atMost: 0, points: 100 }],
            },
          ],
        },
      ],
    });
    expect(
      evaluateRiskFlags(model.config.riskFlags, { openP1Cases: 1, openCasesPastSla: 1 }).map((f) => f.name),
    ).toEqual(['Open P1', 'SLA Breach']);
    expect(evaluateRiskFlags(model.config.riskFlags, { openP1Cases: 0, openCasesPastSla: 0 })).toEqual([]);
  });
});
