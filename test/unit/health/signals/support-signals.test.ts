/**
 * Support signals of one account, worked out by hand on the default calendar (Mon-Fri 09:00-17:00
 * UTC, no holidays). Now is Wed 2026-06-17 12:00 UTC.
 */
import { describe, expect, it } from 'vitest';

import { computeSignals } from '../../../../src/health/signals/compute-signals.js';
import { buildModel, shippedModel } from '../support/model.js';
import { supportCase, snapshot } from '../support/snapshots.js';

const NOW = Date.parse('2026-06-17T12:00:00Z');

const cases = [
  // c1 P1 open since Wed 09:00: 3 business hours of 4 -> 75%: near its SLA, not past it.
  supportCase({ Priority: 'Critical', CreatedDate: '2026-06-17T09:00:00Z' }),
  // c2 P2 open, escalated, since Mon 09:00: Mon 8 + Tue 8 + Wed 3 = 19 h of 24 (79%): near.
  supportCase({ Priority: 'high', IsEscalated: true, CreatedDate: '2026-06-15T09:00:00Z' }),
  // c3 P3 open since Tue 06-02 09:00: 4 days (32 h) + a week (40) + Mon-Tue (16) + Wed 3 = 91 h > 72: past.
  supportCase({ Priority: 'Medium', CreatedDate: '2026-06-02T09:00:00Z' }),
  // c4 P4 closed: Mon 06-01 09:00 -> Wed 06-03 13:00 = 8 + 8 + 4 = 20 h (of 120).
  supportCase({
    Priority: 'Low',
    IsClosed: true,
    Status: 'Closed',
    CreatedDate: '2026-06-01T09:00:00Z',
    ClosedDate: '2026-06-03T13:00:00Z',
  }),
  // c5 P2 closed: Thu 04-02 09:00 -> Mon 04-06 09:00 = Thu 8 + Fri 8 = 16 h (of 24). Created 76 days ago.
  supportCase({
    Priority: 'P2',
    IsClosed: true,
    Status: 'Closed',
    CreatedDate: '2026-04-02T09:00:00Z',
    ClosedDate: '2026-04-06T09:00:00Z',
  }),
  // c6 unknown priority -> P3, closed: Tue 03-10 10:00 -> Fri 03-20 10:00 = 7 + 7 x 8 + 1 = 64 h. Created 99 days ago,
  // closed 89 days ago.
  supportCase({
    Priority: 'Sev-9',
    IsClosed: true,
    Status: 'Closed',
    CreatedDate: '2026-03-10T10:00:00Z',
    ClosedDate: '2026-03-20T10:00:00Z',
  }),
  // c7 P1 closed: Wed 05-20 09:00 -> Thu 05-21 12:00 = 8 + 3 = 11 h > 4: breached. Created 28 days ago.
  supportCase({
    Priority: 'P1',
    IsClosed: true,
    Status: 'Closed',
    CreatedDate: '2026-05-20T09:00:00Z',
    ClosedDate: '2026-05-21T12:00:00Z',
  }),
  // c8: closed long ago, counts nowhere.
  supportCase({
    Priority: 'P1',
    IsClosed: true,
    Status: 'Closed',
    CreatedDate: '2025-01-01T09:00:00Z',
    ClosedDate: '2025-02-01T09:00:00Z',
  }),
];

describe('support signals', () => {
  const { signals, warnings } = computeSignals(snapshot({ cases }), shippedModel(), NOW);

  it.each([
    ['openCases', 3], // c1, c2, c3
    ['openP1Cases', 1], // c1
    ['openP2Cases', 1], // c2
    ['openP3Cases', 1], // c3
    ['openP4Cases', 0],
    ['escalatedOpenCases', 1], // c2
    ['casesLast30d', 5], // created after 05-18 12:00: c1, c2, c3, c4, c7
    ['casesPrior90d', 2], // created 02-17 12:00 .. 05-18 12:00: c5, c6
    ['caseVolumeRatio', 5], // 5 / max(2/3, floor 1) = 5
    ['supportSpike', true], // 5 >= 3 cases and 5 >= 2x
    ['openCasesPastSla', 1], // c3
    ['openCasesPastResolutionSla', 1], // c3
    ['openCasesNearSla', 2], // c1 (75%), c2 (79%)
    ['slaBreaches90d', 2], // created in the last 90 days and missed a target: c3 (open), c7 (closed)
    ['medianResolutionHours90d', 18], // closed in the last 90 days: 11, 16, 20, 64 -> (16 + 20) / 2
  ] as const)('%s = %s', (name, value) => {
    expect(signals[name]).toBe(value);
  });

  it('reports an unknown priority once, treated as P3', () => {
    const twice = [...cases, supportCase({ Priority: 'Sev-9' })];
    expect(computeSignals(snapshot({ cases: twice }), shippedModel(), NOW).warnings).toEqual([
      'Unknown case priority "Sev-9": treated as P3',
    ]);
    expect(warnings).toEqual(['Unknown case priority "Sev-9": treated as P3']);
  });

  it.each([
    // [cases in the last 30 days, cases in the 90 before, ratio, spike]: ratio = last30 / max(prior90 / 3, 1)
    [2, 0, 2, false], // 2 cases: under minCases 3
    [3, 0, 3, true], // 3 / 1 = 3 >= 2
    [3, 6, 1.5, false], // 3 / 2 = 1.5
    [4, 6, 2, true], // 4 / 2 = 2
    [0, 0, 0, false],
  ])('a spike of %d cases after %d: ratio %d, spike %s', (recent, prior, ratio, spike) => {
    const created = [
      ...Array.from({ length: recent }, () => '2026-06-10T10:00:00Z'),
      ...Array.from({ length: prior }, () => '2026-04-10T10:00:00Z'),
    ];
    const closed = created.map((at) =>
      supportCase({ CreatedDate: at, IsClosed: true, Status: 'Closed', ClosedDate: at }),
    );
    const result = computeSignals(snapshot({ cases: closed }), shippedModel(), NOW).signals;
    expect(result['caseVolumeRatio']).toBe(ratio);
    expect(result['supportSpike']).toBe(spike);
  });

  it('leaves time to resolution out when nothing closed in 90 days', () => {
    const model = buildModel({
      bands: [{ status: 'Any', minScore: 0 }],
      groups: [
        {
          name: 'S',
          weight: 1,
          measures: [
            {
              id: 't',
              label: 'T',
              signal: 'medianResolutionHours90d',
              direction: 'lowerIsBetter',
              weight: 1,
              thresholds: [{ atMost: 8, points: 100 }],
            },
          ],
        },
      ],
    });
    expect(
      computeSignals(snapshot({ cases: [supportCase()] }), model, NOW).signals['medianResolutionHours90d'],
    ).toBeNull();
  });
});
