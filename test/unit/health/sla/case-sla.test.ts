/**
 * One case against its targets, by hand, on the default calendar (Mon-Fri 09:00-17:00 UTC) unless
 * said otherwise. Now is Wed 2026-06-17 12:00 UTC. Targets: P1 15m/4h, P2 1h/24h, P3 8h/72h, P4 24h/120h.
 */
import { describe, expect, it } from 'vitest';

import { calendarForAccount, evaluateCaseSla, tierOfPriority } from '../../../../src/health/sla/case-sla.js';
import type { SnapshotCase } from '../../../../src/health/snapshot.js';
import { buildModel, slaInput } from '../support/model.js';
import { account, supportCase } from '../support/snapshots.js';

const NOW = Date.parse('2026-06-17T12:00:00Z');
const model = buildModel(
  {
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
  },
  slaInput({
    calendarSelection: { field: 'Support_Region__c', values: { EMEA: 'london' } },
    tiers: {
      P1: { firstResponse: '15m', resolution: '4h', calendar: 'always-open' },
      P2: { firstResponse: '1h', resolution: '24h' },
      P3: { firstResponse: '8h', resolution: '72h' },
      P4: { firstResponse: '24h', resolution: '120h' },
    },
  }),
);
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
          signal: 'openCases',
          direction: 'lowerIsBetter',
          weight: 1,
          thresholds: [{ atMost: 0, points: 100 }],
        },
      ],
    },
  ],
});
const utc = plain.sla.defaultCalendar;
const evaluate = (c: SnapshotCase, m = plain) =>
  evaluateCaseSla(c, m.sla, calendarForAccount(account(), m.sla), NOW);

interface Row {
  readonly name: string;
  readonly case: SnapshotCase;
  readonly pastSla: boolean;
  readonly nearSla: boolean;
  readonly resolutionShare: number;
  readonly firstResponse: null | { breached: boolean; pending: boolean; share: number };
}

const rows: Row[] = [
  {
    // 09:30 -> 12:00 = 2.5 h of 4 h = 62.5%: under the 75% watch line.
    name: 'P1 well within its target',
    case: supportCase({ Priority: 'P1', CreatedDate: '2026-06-17T09:30:00Z' }),
    pastSla: false,
    nearSla: false,
    resolutionShare: 0.625,
    firstResponse: null,
  },
  {
    // Tue 16:00 -> 17:00 (1 h) + Wed 09:00 -> 12:00 (3 h) = exactly 4 h: at the target, not past it.
    name: 'P1 exactly at its target',
    case: supportCase({ Priority: 'P1', CreatedDate: '2026-06-16T16:00:00Z' }),
    pastSla: false,
    nearSla: true,
    resolutionShare: 1,
    firstResponse: null,
  },
  {
    // Tue 15:59 -> 4 h 1 m.
    name: 'P1 a minute past its target',
    case: supportCase({ Priority: 'P1', CreatedDate: '2026-06-16T15:59:00Z' }),
    pastSla: true,
    nearSla: false,
    resolutionShare: 241 / 240,
    firstResponse: null,
  },
  {
    // Overnight does not count: Tue 17:00 -> Wed 12:00 = 3 h of 24.
    name: 'P2 opened at closing time',
    case: supportCase({ Priority: 'P2', CreatedDate: '2026-06-16T17:00:00Z' }),
    pastSla: false,
    nearSla: false,
    resolutionShare: 3 / 24,
    firstResponse: null,
  },
  {
    // No first response yet (mapped field is null): 09:00 -> 12:00 = 3 h of 1 h: past; resolution 3/24.
    name: 'P2 still waiting for a first response',
    case: supportCase({ Priority: 'P2', CreatedDate: '2026-06-17T09:00:00Z', FirstResponseAt: null }),
    pastSla: true,
    nearSla: false,
    resolutionShare: 3 / 24,
    firstResponse: { breached: true, pending: true, share: 3 },
  },
  {
    // Responded at 09:45: 45 m of 60.
    name: 'P2 answered in time',
    case: supportCase({
      Priority: 'P2',
      CreatedDate: '2026-06-17T09:00:00Z',
      FirstResponseAt: '2026-06-17T09:45:00Z',
    }),
    pastSla: false,
    nearSla: false,
    resolutionShare: 3 / 24,
    firstResponse: { breached: false, pending: false, share: 0.75 },
  },
  {
    // 09:00 -> 12:00 waiting = 3 h of 8 h (37.5%); resolution 3 of 72.
    name: 'P3 waiting, first response 37.5% used',
    case: supportCase({ Priority: 'P3', CreatedDate: '2026-06-17T09:00:00Z', FirstResponseAt: null }),
    pastSla: false,
    nearSla: false,
    resolutionShare: 3 / 72,
    firstResponse: { breached: false, pending: true, share: 3 / 8 },
  },
  {
    // Closed Mon 06-15 09:00 -> Tue 06-16 13:00 = 8 + 4 = 12 h of 24: closed cases are never "past" now.
    name: 'a closed P2',
    case: supportCase({
      Priority: 'P2',
      IsClosed: true,
      CreatedDate: '2026-06-15T09:00:00Z',
      ClosedDate: '2026-06-16T13:00:00Z',
    }),
    pastSla: false,
    nearSla: false,
    resolutionShare: 0.5,
    firstResponse: null,
  },
  {
    // Milestone: created 09:00, due 13:00 (wall clock) -> 3 of 4 h used = 75%, although P3's own 72 h would say 4%.
    name: 'a resolution milestone instead of the computed target',
    case: supportCase({
      Priority: 'P3',
      CreatedDate: '2026-06-17T09:00:00Z',
      Milestones: {
        Resolution: {
          TargetDate: '2026-06-17T13:00:00Z',
          IsViolated: false,
          IsCompleted: false,
          CompletionDate: null,
        },
      },
    }),
    pastSla: false,
    nearSla: true,
    resolutionShare: 0.75,
    firstResponse: null,
  },
  {
    // Salesforce says violated: breached, whatever the dates.
    name: 'a violated milestone',
    case: supportCase({
      Priority: 'P3',
      CreatedDate: '2026-06-17T09:00:00Z',
      Milestones: {
        Resolution: {
          TargetDate: '2026-06-17T21:00:00Z',
          IsViolated: true,
          IsCompleted: false,
          CompletionDate: null,
        },
      },
    }),
    pastSla: true,
    nearSla: false,
    resolutionShare: 0.25, // 3 of 12 wall-clock hours
    firstResponse: null,
  },
  {
    // First-response milestone completed at 09:10 for a 09:15 target: met. 10 of 15 minutes.
    name: 'a completed first-response milestone',
    case: supportCase({
      Priority: 'P4',
      CreatedDate: '2026-06-17T09:00:00Z',
      Milestones: {
        FirstResponse: {
          TargetDate: '2026-06-17T09:15:00Z',
          IsViolated: false,
          IsCompleted: true,
          CompletionDate: '2026-06-17T09:10:00Z',
        },
      },
    }),
    pastSla: false,
    nearSla: false,
    resolutionShare: 3 / 120,
    firstResponse: { breached: false, pending: false, share: 10 / 15 },
  },
];

describe('a case against its SLA', () => {
  it.each(rows)('$name', ({ case: c, pastSla, nearSla, resolutionShare, firstResponse }) => {
    const sla = evaluate(c);
    expect(sla.pastSla).toBe(pastSla);
    expect(sla.nearSla).toBe(nearSla);
    expect(sla.resolution.usedShare).toBeCloseTo(resolutionShare, 10);
    if (firstResponse === null) expect(sla.firstResponse).toBeNull();
    else {
      expect(sla.firstResponse).toMatchObject({
        breached: firstResponse.breached,
        pending: firstResponse.pending,
      });
      expect(sla.firstResponse?.usedShare).toBeCloseTo(firstResponse.share, 10);
    }
  });

  it('ages a case in business time: Fri 16:00 -> Mon 10:00 is 2 business hours', () => {
    const friday = supportCase({ CreatedDate: '2026-06-12T16:00:00Z' });
    const sla = evaluateCaseSla(friday, plain.sla, utc, Date.parse('2026-06-15T10:00:00Z'));
    expect(sla.ageBusinessMs).toBe(2 * 3_600_000);
  });
});

describe('Case Priority -> tier', () => {
  it.each([
    ['Critical', 'P1', true],
    [' urgent ', 'P1', true],
    ['P1', 'P1', true],
    ['HIGH', 'P2', true],
    ['p2', 'P2', true],
    ['Medium', 'P3', true],
    ['low', 'P4', true],
    ['P4', 'P4', true],
    ['Sev-9', 'P3', false],
    [null, 'P3', false],
  ] as const)('%j -> %s (known: %s)', (priority, tier, known) => {
    expect(tierOfPriority(priority, plain.sla)).toEqual({ tier, known });
  });

  it('names an unknown priority on the case, and a missing one as (none)', () => {
    expect(evaluate(supportCase({ Priority: 'Sev-9' })).unknownPriority).toBe('Sev-9');
    expect(evaluate(supportCase({ Priority: null })).unknownPriority).toBe('(none)');
    expect(evaluate(supportCase({ Priority: 'High' })).unknownPriority).toBeNull();
  });
});

describe('which calendar', () => {
  it('follows the account field, case-insensitively, else the default', () => {
    expect(calendarForAccount(account({ fields: { Support_Region__c: 'emea' } }), model.sla).name).toBe(
      'london',
    );
    expect(calendarForAccount(account({ fields: { Support_Region__c: 'APAC' } }), model.sla).name).toBe(
      'default',
    );
    expect(calendarForAccount(account(), model.sla).name).toBe('default');
  });

  it('counts London hours for a London account: Wed 08:00-08:30 UTC is 09:00-09:30 BST', () => {
    const c = supportCase({ Priority: 'P2', CreatedDate: '2026-06-17T08:00:00Z' });
    const now = Date.parse('2026-06-17T08:30:00Z');
    const london = calendarForAccount(account({ fields: { Support_Region__c: 'EMEA' } }), model.sla);
    expect(evaluateCaseSla(c, model.sla, london, now).ageBusinessMs).toBe(30 * 60_000);
    expect(evaluateCaseSla(c, model.sla, utc, now).ageBusinessMs).toBe(0); // 08:00 UTC: not yet open
  });

  it("uses a tier's own calendar: a P1 on a Saturday runs around the clock", () => {
    // Sat 10:00 -> 15:00 = 5 h on the always-open calendar: past 4 h. The weekday calendar would say 0.
    const c = supportCase({ Priority: 'P1', CreatedDate: '2026-06-13T10:00:00Z' });
    const saturday = Date.parse('2026-06-13T15:00:00Z');
    expect(evaluateCaseSla(c, model.sla, utc, saturday).pastSla).toBe(true);
    expect(evaluateCaseSla(c, plain.sla, utc, saturday).pastSla).toBe(false);
  });
});

describe('when time alone next changes a case', () => {
  const at = (c: SnapshotCase, nowMs: number) =>
    evaluateCaseSla(c, plain.sla, calendarForAccount(account(), plain.sla), nowMs);

  it('is the business instant the watch share is reached, then the breach', () => {
    // P3: 72 business hours to resolve; opened Wed 09:00, 3 h used by Wed 12:00.
    const medium = supportCase({ Priority: 'Medium', CreatedDate: '2026-06-17T09:00:00Z' });
    const now = at(medium, NOW);
    // 75% is 54 business hours: 51 more from Wed 12:00, on a Mon-Fri 09:00-17:00 calendar.
    expect(new Date(now.nextChangeMs ?? 0).toISOString()).toBe('2026-06-25T15:00:01.000Z');
    const watch = now.nextChangeMs ?? 0;
    expect(at(medium, watch - 60_000).nearSla).toBe(false);
    expect(at(medium, watch).nearSla).toBe(true);
    // Then the breach, 18 business hours later: Thu 15:00 -> Fri (8) -> Mon 17:00, so the first
    // open second after it, Tue 09:00:01.
    const breach = at(medium, watch).nextChangeMs ?? 0;
    expect(new Date(breach).toISOString()).toBe('2026-06-30T09:00:01.000Z');
    expect(at(medium, breach - 60_000).pastSla).toBe(false);
    expect(at(medium, breach).pastSla).toBe(true);
    expect(at(medium, breach).nextChangeMs).toBeNull();
  });

  it('is none for a closed case', () => {
    const closed = supportCase({ IsClosed: true, ClosedDate: '2026-06-17T10:00:00Z' });
    expect(at(closed, NOW).nextChangeMs).toBeNull();
  });
});
