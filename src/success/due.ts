/**
 * Which actions of an episode are due at an instant — the whole of playbook timing, as a pure
 * function of the clock and the stored state, so a periodic tick (or a test's fake clock) drives
 * it and nothing waits on delayed jobs. An action at the episode's start fires once, even if the
 * episode ended before a tick saw it; `every` fires each period after the start while the episode
 * lasts (a tick that was late fires once, not once per missed period); `afterClose` fires once,
 * that long after the episode ended.
 */
import type { EpisodeState } from './episode-state.js';
import type { SuccessAction, SuccessPlaybook } from './playbook-schema.js';

export interface DueAction {
  readonly actionIndex: number;
  /** 1 for the first firing of the action in this episode, 2 for the next reminder... */
  readonly occurrence: number;
}

function timingOf(action: SuccessAction) {
  return ('task' in action ? action.task.when : action.webhook.when) ?? {};
}

export function due(now: Date, state: EpisodeState, playbook: SuccessPlaybook): DueAction[] {
  if (state.seq === 0 || state.openedAt === undefined || !playbook.enabled) return [];
  const nowMs = now.getTime();
  const openedMs = Date.parse(state.openedAt);
  const closedMs = state.closedAt === undefined ? undefined : Date.parse(state.closedAt);
  const result: DueAction[] = [];
  playbook.actions.forEach((action, actionIndex) => {
    if (actionIndex >= (state.actionCount ?? playbook.actions.length)) return;
    const timing = timingOf(action);
    const fired = state.fired[actionIndex] ?? 0;
    if (timing.afterClose !== undefined) {
      if (!state.active && closedMs !== undefined && fired === 0 && nowMs >= closedMs + timing.afterClose)
        result.push({ actionIndex, occurrence: 1 });
      return;
    }
    if (timing.every === undefined) {
      if (fired === 0) result.push({ actionIndex, occurrence: 1 });
      return;
    }
    if (!state.active) return;
    const reached = Math.floor((nowMs - openedMs) / timing.every);
    if (reached > fired) result.push({ actionIndex, occurrence: reached });
  });
  return result;
}

/** The state after the given actions fired. */
export function markFired(state: EpisodeState, fired: readonly DueAction[]): EpisodeState {
  const counts = [...state.fired];
  for (const { actionIndex, occurrence } of fired)
    counts[actionIndex] = Math.max(counts[actionIndex] ?? 0, occurrence);
  return { ...state, fired: Array.from({ length: counts.length }, (_, i) => counts[i] ?? 0) };
}

/** When something of the episode may next be due (epoch ms), or undefined when nothing will be. */
export function nextDueAt(state: EpisodeState, playbook: SuccessPlaybook): number | undefined {
  if (state.seq === 0 || state.openedAt === undefined || !playbook.enabled) return undefined;
  const openedMs = Date.parse(state.openedAt);
  const closedMs = state.closedAt === undefined ? undefined : Date.parse(state.closedAt);
  const times = playbook.actions.flatMap((action, actionIndex): number[] => {
    if (actionIndex >= (state.actionCount ?? playbook.actions.length)) return [];
    const timing = timingOf(action);
    const fired = state.fired[actionIndex] ?? 0;
    if (timing.afterClose !== undefined)
      return !state.active && closedMs !== undefined && fired === 0 ? [closedMs + timing.afterClose] : [];
    if (timing.every === undefined) return fired === 0 ? [openedMs] : [];
    return state.active ? [openedMs + (fired + 1) * timing.every] : [];
  });
  return times.length === 0 ? undefined : Math.min(...times);
}
