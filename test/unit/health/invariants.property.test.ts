/**
 * Issue 5's invariants, over random accounts and random weights: an open P1 means the `Open P1`
 * flag and a status of at least Escalated; an open case past its resolution SLA means `SLA Breach`
 * and at least SLA Breached. Checked against an oracle that does not use the model's code: on a
 * 24x7 calendar, business time is wall-clock time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { evaluateAccount } from '../../../src/health/evaluate-account.js';
import { buildHealthModel } from '../../../src/health/model/health-model.js';
import { HealthModelConfig } from '../../../src/health/scorecard/model-config.js';
import { ESCALATION_STATUSES, severityOf } from '../../../src/health/sla/escalation-status.js';
import { SlaConfig } from '../../../src/health/sla/sla-config.js';
import type { AccountSnapshot, SnapshotCase } from '../../../src/health/snapshot.js';
import { GUARANTEED_RULES, shippedModel, slaInput } from './support/model.js';
import { account } from './support/snapshots.js';

const MINUTE = 60_000;
const RESOLUTION_MINUTES = { P1: 240, P2: 1440, P3: 4320, P4: 7200 } as const;
const TIER_OF: Readonly<Record<string, keyof typeof RESOLUTION_MINUTES>> = {
  critical: 'P1',
  urgent: 'P1',
  p1: 'P1',
  high: 'P2',
  p2: 'P2',
  medium: 'P3',
  p3: 'P3',
  low: 'P4',
  p4: 'P4',
};
const tierOf = (priority: string | null) => TIER_OF[priority?.trim().toLowerCase() ?? ''] ?? 'P3';

const allDay = ['00:00-24:00'];
const sla = SlaConfig.parse(
  slaInput({
    calendars: {
      default: {
        timeZone: 'UTC',
        weeklyHours: {
          monday: allDay,
          tuesday: allDay,
          wednesday: allDay,
          thursday: allDay,
          friday: allDay,
          saturday: allDay,
          sunday: allDay,
        },
      },
    },
  }),
);

const base: HealthModelConfig = structuredClone(shippedModel().config);
const measureCount = base.groups.reduce((sum, group) => sum + group.measures.length, 0);
const weight = fc.double({ min: 0.01, max: 100, noNaN: true });

/** The shipped scorecard with random group and measure weights, and maybe flag rules that never hold. */
const randomModel = fc
  .record({
    groupWeights: fc.array(weight, { minLength: base.groups.length, maxLength: base.groups.length }),
    measureWeights: fc.array(weight, { minLength: measureCount, maxLength: measureCount }),
    neverRules: fc.boolean(),
  })
  .map(({ groupWeights, measureWeights, neverRules }) => {
    let index = 0;
    const config = {
      ...base,
      groups: base.groups.map((group, g) => ({
        ...group,
        weight: groupWeights[g] ?? 1,
        measures: group.measures.map((measure) => ({ ...measure, weight: measureWeights[index++] ?? 1 })),
      })),
      riskFlags: base.riskFlags.map(
        (rule) => GUARANTEED_RULES.find((r) => neverRules && r.name === rule.name) ?? rule,
      ),
    };
    return buildHealthModel(HealthModelConfig.parse(config), sla);
  });

const NOW_MIN = Date.UTC(2026, 0, 1);
const aCase = fc.record({
  priority: fc.constantFrom('Critical', 'Urgent', 'P1', 'p1 ', 'High', 'Medium', 'Low', 'Sev-9', null),
  open: fc.boolean(),
  escalated: fc.boolean(),
  ageMinutes: fc.integer({ min: 0, max: 20 * 24 * 60 }),
  closedAfterMinutes: fc.integer({ min: 0, max: 10 * 24 * 60 }),
  firstResponse: fc.option(fc.option(fc.integer({ min: 0, max: 600 }), { nil: null }), { nil: undefined }),
});

const randomAccount = fc
  .record({
    nowMs: fc.integer({ min: NOW_MIN, max: NOW_MIN + 360 * 24 * 60 * MINUTE }),
    cases: fc.array(aCase, { maxLength: 8 }),
    activityDaysAgo: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    renewal: fc.option(
      fc.record({
        inDays: fc.integer({ min: -30, max: 400 }),
        probability: fc.integer({ min: 0, max: 100 }),
      }),
      { nil: null },
    ),
  })
  .map(({ nowMs, cases, activityDaysAgo, renewal }) => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const snapshotCases: SnapshotCase[] = cases.map((c, index) => {
      const createdMs = nowMs - c.ageMinutes * MINUTE;
      return {
        Id: `500${index}`,
        Priority: c.priority,
        Status: c.open ? 'New' : 'Closed',
        IsClosed: !c.open,
        IsEscalated: c.escalated,
        CreatedDate: iso(createdMs),
        ClosedDate: c.open ? null : iso(Math.min(nowMs, createdMs + c.closedAfterMinutes * MINUTE)),
        ...(c.firstResponse === undefined
          ? {}
          : {
              FirstResponseAt:
                c.firstResponse === null ? null : iso(Math.min(nowMs, createdMs + c.firstResponse * MINUTE)),
            }),
      };
    });
    const snapshot: AccountSnapshot = {
      account: account({
        LastActivityDate:
          activityDaysAgo === null ? null : iso(nowMs - activityDaysAgo * 86_400_000).slice(0, 10),
      }),
      opportunities: renewal
        ? [
            {
              Id: '006A',
              StageName: 'Negotiation',
              IsClosed: false,
              IsWon: false,
              CloseDate: iso(nowMs + renewal.inDays * 86_400_000).slice(0, 10),
              Amount: 1000,
              Probability: renewal.probability,
              Type: 'Renewal',
            },
          ]
        : [],
      cases: snapshotCases,
      history: [],
    };
    return { snapshot, nowMs };
  });

describe('invariants, whatever the weights', () => {
  it('an open P1 -> Open P1 and at least Escalated; past resolution SLA -> SLA Breach and at least SLA Breached', () => {
    fc.assert(
      fc.property(randomModel, randomAccount, (model, { snapshot, nowMs }) => {
        const result = evaluateAccount(snapshot, model, new Date(nowMs));
        const flags = result.riskFlags.map((flag) => flag.name);
        const severity = severityOf(result.escalation.status);
        const open = snapshot.cases.filter((c) => !c.IsClosed);
        const openP1 = open.filter((c) => tierOf(c.Priority) === 'P1');
        const pastResolution = open.filter(
          (c) => nowMs - Date.parse(c.CreatedDate) > RESOLUTION_MINUTES[tierOf(c.Priority)] * MINUTE,
        );

        if (openP1.length > 0) {
          expect(flags).toContain('Open P1');
          expect(severity).toBeGreaterThanOrEqual(severityOf('Escalated'));
        } else {
          expect(flags).not.toContain('Open P1');
        }
        if (pastResolution.length > 0) {
          expect(flags).toContain('SLA Breach');
          expect(severity).toBeGreaterThanOrEqual(severityOf('SLA Breached'));
        }
        if (pastResolution.some((c) => tierOf(c.Priority) === 'P1' || c.IsEscalated)) {
          expect(result.escalation.status).toBe('Critical');
        }
        if (open.length === 0) expect(['None', 'Watch']).toContain(result.escalation.status);
      }),
      { numRuns: 150 },
    );
  });

  it('scores an integer 0-100 in a configured band, with flags in picklist order, deterministically', () => {
    fc.assert(
      fc.property(randomModel, randomAccount, (model, { snapshot, nowMs }) => {
        const result = evaluateAccount(snapshot, model, new Date(nowMs));
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(model.config.bands.map((band) => band.status)).toContain(result.status);
        expect(ESCALATION_STATUSES).toContain(result.escalation.status);
        const order = model.config.riskFlags.map((rule) => rule.name);
        const positions = result.riskFlags.map((flag) => order.indexOf(flag.name));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        const weights = result.contributions.reduce((sum, c) => sum + c.weight, 0);
        expect(weights).toBeCloseTo(1, 9);
        expect(result.reasons.length).toBeLessThanOrEqual(model.config.reasons.maxChars);
        expect(evaluateAccount(snapshot, model, new Date(nowMs))).toEqual(result);
      }),
      { numRuns: 100 },
    );
  });
});
