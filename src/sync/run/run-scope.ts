/** What a run covers, decided once at its start and once its pull is done. */
import type { OrgConfig } from '../../config/index.js';
import type { RescoreSchedule } from '../snapshot/rescore-schedule.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import type { RunState, WriteBackMode } from './run-state.js';

/** Shadow mode wins over the write-back setting. */
export function writeBackMode(org: OrgConfig): WriteBackMode {
  return org.shadow ? 'shadow' : org.writeBack ? 'on' : 'off';
}

/**
 * Fixes the run's accounts once the pull is done: all on a full pass; else the dirty ones and
 * those whose SLA clocks crossed a threshold since they were scored.
 */
export async function fixTargets(
  store: SnapshotStore,
  state: RunState,
  full: boolean,
  rescore?: { readonly schedule: RescoreSchedule; readonly now: Date },
): Promise<number> {
  if (full) return state.saveTargets(await store.accountIds());
  const dirty = new Set(await store.dirtyAccounts());
  const due = rescore ? await rescore.schedule.due(rescore.now.getTime()) : [];
  const clockOnly = due.filter((id) => !dirty.has(id));
  return state.saveTargets([...dirty, ...clockOnly], clockOnly.length);
}
