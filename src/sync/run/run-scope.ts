/** What a run covers, decided once at its start and once its pull is done. */
import type { OrgConfig } from '../../config/index.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import type { RunState, WriteBackMode } from './run-state.js';

/** Shadow mode wins over the write-back setting. */
export function writeBackMode(org: OrgConfig): WriteBackMode {
  return org.shadow ? 'shadow' : org.writeBack ? 'on' : 'off';
}

/** Fixes the run's accounts once the pull is done: the dirty ones, or all on a full pass. */
export async function fixTargets(store: SnapshotStore, state: RunState, full: boolean): Promise<number> {
  return state.saveTargets(full ? await store.accountIds() : await store.dirtyAccounts());
}
