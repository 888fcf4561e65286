/**
 * CaseMilestones (orgs with Entitlements): each case's first-response and resolution targets,
 * completed by the case's first response and closure, violated when that came (or is still
 * missing) after the target.
 */
import { emit, type GeneratorContext } from './context.js';
import { FIRST_RESPONSE_TARGET_MINS, RESOLUTION_TARGET_MINS, type CasePriority } from './sla.js';
import { MINUTE, wireDateTime } from './time.js';

export interface CaseTimes {
  readonly createdMs: number;
  readonly firstResponseAt: number | null;
  readonly closedAt: number | null;
  readonly priority: CasePriority;
}

export function generateMilestones(
  ctx: GeneratorContext,
  caseId: string,
  times: CaseTimes,
  createdById: string,
): void {
  if (!ctx.shapers.has('CaseMilestone')) return;
  const milestones: readonly (readonly [number, number | null])[] = [
    [FIRST_RESPONSE_TARGET_MINS[times.priority], times.firstResponseAt],
    [RESOLUTION_TARGET_MINS[times.priority], times.closedAt],
  ];
  for (const [targetMins, completedAt] of milestones) {
    const targetMs = times.createdMs + targetMins * MINUTE;
    emit(
      ctx,
      'CaseMilestone',
      {
        createdMs: times.createdMs,
        createdById,
        modifiedMs: completedAt ?? times.createdMs,
        modifiedById: createdById,
      },
      {
        CaseId: caseId,
        StartDate: wireDateTime(times.createdMs),
        TargetDate: wireDateTime(targetMs),
        CompletionDate: completedAt === null ? null : wireDateTime(completedAt),
        IsCompleted: completedAt !== null,
        IsViolated: (completedAt ?? ctx.nowMs) > targetMs,
        TargetResponseInMins: targetMins,
      },
    );
  }
}
