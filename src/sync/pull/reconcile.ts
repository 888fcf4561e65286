/**
 * After a pull, the snapshot's counts are checked against Salesforce's own (`SELECT COUNT()`): a
 * difference means something was missed or not removed, and is never ignored. The object's
 * watermark is dropped, so its next pull is a full one that heals the snapshot, and the drift is
 * reported.
 */
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import { PULLED_OBJECTS, type PulledObject } from './pull-fields.js';
import { soqlDateTime } from './page-query.js';
import type { PullDeps } from './pull-object.js';

export interface ReconcileResult {
  readonly object: PulledObject;
  /** Records Salesforce has, created before the window's end. */
  readonly expected: number;
  /** Records in the snapshot. */
  readonly found: number;
  readonly drift: boolean;
}

export interface ReconcileDeps extends PullDeps {
  readonly store: SnapshotStore;
}

/** @param windowEnd the end of the pull's window: records created later cannot be in the snapshot yet */
export async function reconcile(deps: ReconcileDeps, windowEnd: Date): Promise<ReconcileResult[]> {
  const results: ReconcileResult[] = [];
  for (const object of PULLED_OBJECTS) {
    const counted = await deps.client.query(
      `SELECT COUNT() FROM ${object} WHERE CreatedDate < ${soqlDateTime(windowEnd)}`,
      deps.labels,
    );
    const found = await deps.store.count(object);
    const drift = counted.totalSize !== found;
    if (drift) await deps.store.forgetWatermark(object);
    results.push({ object, expected: counted.totalSize, found, drift });
  }
  return results;
}
