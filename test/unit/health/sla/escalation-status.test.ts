/**
 * Escalation status, rule by rule (issue 5): Critical (an open P1 past its SLA, or escalated and
 * past SLA), SLA Breached (any open case past its SLA), Escalated (an open P1 or an escalated case),
 * Watch (an open case past 75% of its SLA, or a support spike), else None.
 */
import { describe, expect, it } from 'vitest';

import type { CaseSla, TargetState } from '../../../../src/health/sla/case-sla.js';
import { decideEscalation, type EscalationStatus } from '../../../../src/health/sla/escalation-status.js';
import type { Tier } from '../../../../src/health/sla/sla-config.js';

let counter = 0;
function sla(
  tier: Tier,
  state: { open?: boolean; escalated?: boolean; past?: boolean; near?: boolean } = {},
): CaseSla {
  counter += 1;
  const open = state.open ?? true;
  const resolution: TargetState = {
    kind: 'resolution',
    source: 'computed',
    targetMinutes: 240,
    usedShare: state.past ? 1.5 : state.near ? 0.8 : 0.1,
    breached: state.past ?? false,
    pending: open,
  };
  return {
    caseId: `500${counter}`,
    label: `0000${counter}`,
    tier,
    unknownPriority: null,
    open,
    escalated: state.escalated ?? false,
    createdMs: counter,
    closedMs: open ? null : counter + 1,
    ageBusinessMs: 0,
    firstResponse: null,
    resolution,
    pastSla: open && (state.past ?? false),
    nearSla: open && !(state.past ?? false) && (state.near ?? false),
    nextChangeMs: null,
  };
}

const noSpike = { spike: false, casesLast30d: 0, casesPrior90d: 0 };
const spike = { spike: true, casesLast30d: 6, casesPrior90d: 3 };

const table: [string, CaseSla[], typeof noSpike, EscalationStatus][] = [
  ['no cases', [], noSpike, 'None'],
  ['a closed P1 that was past its SLA', [sla('P1', { open: false, past: true })], noSpike, 'None'],
  ['an open P4 within its SLA', [sla('P4')], noSpike, 'None'],
  ['an open P3 past 75%', [sla('P3', { near: true })], noSpike, 'Watch'],
  ['a support spike alone', [], spike, 'Watch'],
  ['an open P1 within its SLA', [sla('P1')], noSpike, 'Escalated'],
  ['an escalated P4 within its SLA', [sla('P4', { escalated: true })], noSpike, 'Escalated'],
  ['an open P1 near its SLA', [sla('P1', { near: true })], spike, 'Escalated'],
  ['an open P3 past its SLA', [sla('P3', { past: true })], noSpike, 'SLA Breached'],
  [
    'a P1 within SLA and a P3 past it (different cases)',
    [sla('P1'), sla('P3', { past: true })],
    noSpike,
    'SLA Breached',
  ],
  ['an open P1 past its SLA', [sla('P1', { past: true })], noSpike, 'Critical'],
  ['an escalated P3 past its SLA', [sla('P3', { escalated: true, past: true })], noSpike, 'Critical'],
];

describe('escalation status', () => {
  it.each(table)('%s -> %s', (_name, cases, spikeFacts, status) => {
    expect(decideEscalation(cases, spikeFacts, 75).status).toBe(status);
  });

  it('gives reasons that name the cases and the missed target, most severe tier first', () => {
    const p3 = sla('P3', { past: true });
    const p1 = sla('P1', { past: true, escalated: true });
    const decision = decideEscalation([p3, p1], noSpike, 75);
    expect(decision).toEqual({
      status: 'Critical',
      reasons: [`escalated P1 case ${p1.label} is past its resolution target`],
    });
    expect(decideEscalation([p3], noSpike, 75).reasons).toEqual([
      `P3 case ${p3.label} is past its resolution target`,
    ]);
  });

  it('explains Watch: the share used, and a spike against the monthly average (3 in 90 days = 1 a month)', () => {
    const near = sla('P2', { near: true });
    expect(decideEscalation([near], spike, 75).reasons).toEqual([
      `P2 case ${near.label} has used 75% of its resolution target`,
      'support spike: 6 cases in the last 30 days against about 1 a month before',
    ]);
  });

  it('lists at most five cases, then how many more', () => {
    const many = Array.from({ length: 7 }, () => sla('P3', { past: true }));
    const reasons = decideEscalation(many, noSpike, 75).reasons;
    expect(reasons).toHaveLength(6);
    expect(reasons[5]).toBe('and 2 more');
  });
});
