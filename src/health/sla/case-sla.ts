/**
 * Where one case stands against its SLA targets (first response, resolution) in business time on
 * its calendar — or, where the org uses Entitlement Management, as its milestones say.
 */
import type { BusinessCalendar } from '../business-time/business-calendar.js';
import { addBusinessMs, businessMsBetween } from '../business-time/business-duration.js';
import { MS_PER_MINUTE, parseInstant } from '../business-time/wall-clock.js';
import type { SlaModel } from '../model/health-model.js';
import type { CaseMilestone, SnapshotAccount, SnapshotCase } from '../snapshot.js';
import type { Tier } from './sla-config.js';

export type TargetKind = 'firstResponse' | 'resolution';

export interface TargetState {
  readonly kind: TargetKind;
  readonly source: 'milestone' | 'computed';
  /** Business minutes allowed; null for a milestone (Salesforce set its due date). */
  readonly targetMinutes: number | null;
  /** Share of the target used: until now while pending, until met otherwise (1 = exactly on time). */
  readonly usedShare: number;
  readonly breached: boolean;
  /** Still running: the case is open and the target not met. */
  readonly pending: boolean;
}

export interface CaseSla {
  readonly caseId: string;
  /** CaseNumber when known, else the Id: how reasons name the case. */
  readonly label: string;
  readonly tier: Tier;
  /** The Priority value when it maps to no tier (the case is then treated as `unknownPriorityTier`). */
  readonly unknownPriority: string | null;
  readonly open: boolean;
  readonly escalated: boolean;
  readonly createdMs: number;
  readonly closedMs: number | null;
  /** Business time open so far (open case) or until it closed. */
  readonly ageBusinessMs: number;
  /** Null when the org records no first responses (no mapped field, no milestone). */
  readonly firstResponse: TargetState | null;
  readonly resolution: TargetState;
  /** Open and past a target. */
  readonly pastSla: boolean;
  /** Open, not past a target, but past the watch share of a running one. */
  readonly nearSla: boolean;
  /**
   * When time alone next changes this case's SLA state (a running target reaches the watch share,
   * or is breached), in epoch ms; null when nothing is running. Runs rescore the account then.
   */
  readonly nextChangeMs: number | null;
}

/** The account's calendar: the one its selection field names, else the default. */
export function calendarForAccount(account: SnapshotAccount, sla: SlaModel): BusinessCalendar {
  const field = sla.config.calendarSelection?.field;
  const value = field === undefined ? undefined : account.fields[field];
  if (typeof value !== 'string') return sla.defaultCalendar;
  return sla.calendarByValue.get(value.trim().toLowerCase()) ?? sla.defaultCalendar;
}

export function tierOfPriority(priority: string | null, sla: SlaModel): { tier: Tier; known: boolean } {
  const tier = priority === null ? undefined : sla.priorityTiers.get(priority.trim().toLowerCase());
  return tier === undefined ? { tier: sla.config.unknownPriorityTier, known: false } : { tier, known: true };
}

function milestoneState(
  kind: TargetKind,
  milestone: CaseMilestone,
  createdMs: number,
  open: boolean,
  endMs: number,
): TargetState {
  const targetMs = parseInstant(milestone.TargetDate);
  const completedMs = milestone.IsCompleted
    ? milestone.CompletionDate === null
      ? endMs
      : parseInstant(milestone.CompletionDate)
    : null;
  const upTo = completedMs ?? endMs;
  const allowed = targetMs - createdMs;
  return {
    kind,
    source: 'milestone',
    targetMinutes: null,
    usedShare: allowed > 0 ? Math.max(0, upTo - createdMs) / allowed : upTo > targetMs ? Infinity : 1,
    breached: milestone.IsViolated || upTo > targetMs,
    pending: open && completedMs === null,
  };
}

function computedState(
  kind: TargetKind,
  targetMinutes: number,
  usedMs: number,
  pending: boolean,
): TargetState {
  const allowedMs = targetMinutes * MS_PER_MINUTE;
  return {
    kind,
    source: 'computed',
    targetMinutes,
    usedShare: usedMs / allowedMs,
    breached: usedMs > allowedMs,
    pending,
  };
}

export function evaluateCaseSla(
  snapshotCase: SnapshotCase,
  sla: SlaModel,
  accountCalendar: BusinessCalendar,
  nowMs: number,
): CaseSla {
  const { tier, known } = tierOfPriority(snapshotCase.Priority, sla);
  const targets = sla.config.tiers[tier];
  const calendar =
    targets.calendar === undefined
      ? accountCalendar
      : (sla.calendars.get(targets.calendar) ?? accountCalendar);
  const open = !snapshotCase.IsClosed;
  const createdMs = parseInstant(snapshotCase.CreatedDate);
  const closedMs = open
    ? null
    : snapshotCase.ClosedDate === null
      ? nowMs
      : parseInstant(snapshotCase.ClosedDate);
  const endMs = closedMs ?? nowMs;
  const ageBusinessMs = businessMsBetween(calendar, createdMs, endMs);
  const milestones = snapshotCase.Milestones;

  const resolution = milestones?.Resolution
    ? milestoneState('resolution', milestones.Resolution, createdMs, open, endMs)
    : computedState('resolution', targets.resolutionMinutes, ageBusinessMs, open);

  let firstResponse: TargetState | null = null;
  if (milestones?.FirstResponse) {
    firstResponse = milestoneState('firstResponse', milestones.FirstResponse, createdMs, open, endMs);
  } else if (snapshotCase.FirstResponseAt !== undefined) {
    // No response recorded on a closed case: closing it was the response.
    const respondedMs =
      snapshotCase.FirstResponseAt === null
        ? open
          ? null
          : endMs
        : parseInstant(snapshotCase.FirstResponseAt);
    const usedMs = businessMsBetween(calendar, createdMs, respondedMs ?? nowMs);
    firstResponse = computedState(
      'firstResponse',
      targets.firstResponseMinutes,
      usedMs,
      respondedMs === null,
    );
  }

  const running = [firstResponse, resolution].filter((target) => target !== null);
  const pastSla = open && running.some((target) => target.breached);
  const watchShare = sla.config.watchAtPercent / 100;
  const crossings = running.flatMap((target) =>
    [watchShare, 1].flatMap((share) => {
      const at = crossingMs(target, share, { calendar, createdMs, nowMs, milestones });
      return at === null ? [] : [at];
    }),
  );
  return {
    caseId: snapshotCase.Id,
    label: snapshotCase.CaseNumber ?? snapshotCase.Id,
    tier,
    unknownPriority: known ? null : (snapshotCase.Priority ?? '(none)'),
    open,
    escalated: snapshotCase.IsEscalated,
    createdMs,
    closedMs,
    ageBusinessMs,
    firstResponse,
    resolution,
    pastSla,
    nearSla: open && !pastSla && running.some((target) => target.pending && target.usedShare >= watchShare),
    nextChangeMs: crossings.length === 0 ? null : Math.min(...crossings),
  };
}

/** A moment past the crossing, so the share computed then is past it despite rounding. */
const CROSSING_MARGIN_MS = 1000;

/** When a running target reaches `share` of its allowance (a moment after), if that is still ahead. */
function crossingMs(
  target: TargetState,
  share: number,
  at: {
    readonly calendar: BusinessCalendar;
    readonly createdMs: number;
    readonly nowMs: number;
    readonly milestones: SnapshotCase['Milestones'];
  },
): number | null {
  if (!target.pending || target.usedShare >= share) return null;
  if (target.targetMinutes !== null) {
    // Business time: the share still to use, counted on the calendar from now.
    const remainingMs = (share - target.usedShare) * target.targetMinutes * MS_PER_MINUTE;
    try {
      // The margin is business time too: past a breach at closing time means the next open second.
      return addBusinessMs(at.calendar, at.nowMs, Math.ceil(remainingMs) + CROSSING_MARGIN_MS);
    } catch {
      return null; // a calendar that is never open: the target is never reached
    }
  }
  // A milestone's allowance is wall-clock time from the case's creation to its target date.
  const milestone = target.kind === 'resolution' ? at.milestones?.Resolution : at.milestones?.FirstResponse;
  if (!milestone) return null;
  const allowedMs = parseInstant(milestone.TargetDate) - at.createdMs;
  return allowedMs > 0 ? Math.ceil(at.createdMs + share * allowedMs) + CROSSING_MARGIN_MS : null;
}

/** The earliest instant time alone changes the SLA state of any of these cases, or null. */
export function nextSlaChangeMs(cases: readonly CaseSla[]): number | null {
  const times = cases.flatMap((sla) => (sla.nextChangeMs === null ? [] : [sla.nextChangeMs]));
  return times.length === 0 ? null : Math.min(...times);
}
