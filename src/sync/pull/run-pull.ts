/**
 * A whole pull of Accounts, Opportunities and Cases: describe once per object, open or resume each
 * window, and read it page by page. Memory stays flat: a page is applied to the snapshot in Redis
 * before the next is read. Watermarks move only when `commitPull` is called, once the pull step is
 * over (what the windows dirtied stays dirty until scored).
 */
import type { FieldMapping } from '../../config/index.js';
import type { HealthModel } from '../../health/index.js';
import type { Logger } from '../../logging/logger.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import {
  PULLED_OBJECTS,
  optionalFieldsOf,
  planFields,
  type FieldPlan,
  type PulledObject,
} from './pull-fields.js';
import { beginPull, pullPage, type PullDeps, type PullSettings } from './pull-object.js';

export interface PullSummary {
  readonly object: PulledObject;
  readonly mode: 'incremental' | 'full';
  readonly pages: number;
  readonly records: number;
  readonly skippedFields: readonly string[];
}

export interface RunPullDeps extends PullDeps {
  readonly mapping: FieldMapping;
  readonly model: HealthModel;
  readonly logger: Logger;
  /** Called after every page (the jobs checkpoint and may stop here; tests interrupt here). */
  readonly afterPage?: (object: PulledObject, pages: number, records: number) => Promise<void> | void;
}

/** Describes the object and picks its fields (optional ones the org lacks are left out). */
export async function planObject(deps: RunPullDeps, object: PulledObject): Promise<FieldPlan> {
  const plan = planFields(
    await deps.client.describe(object, deps.labels),
    object,
    optionalFieldsOf(object, deps.mapping, deps.model),
  );
  if (plan.skipped.length > 0) {
    deps.logger.info('optional fields not in the org: left out of the pull', {
      object,
      fields: plan.skipped.join(', '),
    });
  }
  return plan;
}

/** Pulls one object's window to its end, resuming an open one at its checkpoint. */
export async function pullObject(
  deps: RunPullDeps,
  object: PulledObject,
  settings: PullSettings,
): Promise<PullSummary> {
  const plan = await planObject(deps, object);
  let checkpoint = await beginPull(deps, plan, settings);
  while (!checkpoint.done) {
    checkpoint = await pullPage(deps, plan, settings);
    await deps.afterPage?.(plan.object, checkpoint.pages, checkpoint.records);
  }
  return {
    object: plan.object,
    mode: checkpoint.mode,
    pages: checkpoint.pages,
    records: checkpoint.records,
    skippedFields: plan.skipped,
  };
}

export async function runPull(deps: RunPullDeps, settings: PullSettings): Promise<PullSummary[]> {
  const summaries: PullSummary[] = [];
  for (const object of PULLED_OBJECTS) summaries.push(await pullObject(deps, object, settings));
  return summaries;
}

/**
 * Once the pull step is over: each finished window becomes its object's watermark (an unfinished
 * one stays open, to be resumed). Safe before scoring: what the windows dirtied stays in the
 * snapshot's dirty set until it is scored.
 */
export async function commitPull(store: SnapshotStore): Promise<void> {
  for (const object of PULLED_OBJECTS) await store.commitWatermark(object);
}
