/**
 * The pull of one object as resumable steps: `beginPull` opens (or resumes) a window,
 * `pullPage` reads one page after the checkpoint and applies it to the snapshot together with the
 * advanced checkpoint. A worker killed at any point resumes at the page it was on.
 */
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import { soqlName, soqlNames } from '../../salesforce/soql.js';
import type { PullCheckpoint, PulledRecord, SnapshotStore } from '../snapshot/snapshot-store.js';
import { typedRow } from './bulk-values.js';
import type { FieldPlan } from './pull-fields.js';
import { pageSoql, soqlDateTime } from './page-query.js';

export interface PullSettings {
  /** Records become visible only when their transaction commits: windows end this long before server time. */
  readonly commitLagMs: number;
  /** Each window re-reads this much of the previous one. */
  readonly overlapMs: number;
  /** At most 2,000 (one REST response, no query locator). */
  readonly pageSize: number;
  /** How long Salesforce keeps deletes visible: an older watermark forces a full pull. */
  readonly deletedRetentionMs: number;
  /** The daily full pass: re-read everything (formula fields do not move SystemModstamp). */
  readonly full?: boolean;
  /** A full pull of an object with at least this many records reads a Bulk API 2.0 query job. */
  readonly bulkThreshold?: number;
  /** Records per Bulk result set (maxRecords). */
  readonly bulkSetSize?: number;
  /** How long to wait for a Bulk query job to complete. */
  readonly bulkTimeoutMs?: number;
}

export interface PullDeps {
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  readonly labels?: CallLabels;
}

/** Full pulls of large objects go to Bulk API 2.0, sized with one COUNT(). */
async function bulkJobFor(
  deps: PullDeps,
  plan: FieldPlan,
  settings: PullSettings,
  to: Date,
): Promise<string | undefined> {
  if (settings.bulkThreshold === undefined) return undefined;
  const window = `WHERE SystemModstamp < ${soqlDateTime(to)}`;
  const count = await deps.client.query(
    `SELECT COUNT() FROM ${soqlName(plan.object)} ${window}`,
    deps.labels,
  );
  if (count.totalSize < settings.bulkThreshold) return undefined;
  return deps.client.bulk.start(
    `SELECT ${soqlNames(plan.fields)} FROM ${soqlName(plan.object)} ${window}`,
    'query',
    deps.labels,
  );
}

export async function beginPull(
  deps: PullDeps,
  plan: FieldPlan,
  settings: PullSettings,
): Promise<PullCheckpoint> {
  const { object } = plan;
  const existing = await deps.store.readCheckpoint(object);
  // An open window is resumed, unless a full pass is asked for and the window is an incremental one.
  if (existing && !(settings.full === true && existing.mode === 'incremental')) return existing;
  const serverNow = await deps.client.serverTime(deps.labels);
  const to = new Date(serverNow.getTime() - settings.commitLagMs);
  const watermark = await deps.store.readWatermark(object);
  const full =
    settings.full === true ||
    !watermark ||
    serverNow.getTime() - watermark.getTime() > settings.deletedRetentionMs;
  const bulkJobId = full ? await bulkJobFor(deps, plan, settings, to) : undefined;
  const checkpoint: PullCheckpoint = full
    ? {
        mode: 'full',
        to: to.toISOString(),
        pages: 0,
        records: 0,
        done: false,
        ...(bulkJobId ? { bulkJobId } : {}),
      }
    : {
        mode: 'incremental',
        from: new Date(watermark.getTime() - settings.overlapMs).toISOString(),
        to: to.toISOString(),
        pages: 0,
        records: 0,
        done: false,
      };
  // Ids a crashed earlier full pull saw must not count as seen by this one.
  if (full) await deps.store.forgetSeen(object);
  await deps.store.writeCheckpoint(object, checkpoint);
  return checkpoint;
}

/**
 * Marks the window done. The ids a full pull saw are kept until the next full pull begins: a
 * crash before the done checkpoint, or a stalled job run twice, redoes the last page (maybe empty)
 * and the sweep with every seen id still there.
 */
async function finish(deps: PullDeps, plan: FieldPlan, next: PullCheckpoint): Promise<PullCheckpoint> {
  const finished = { ...next, done: true };
  await deps.store.writeCheckpoint(plan.object, finished);
  return finished;
}

function compact(record: Record<string, unknown>): PulledRecord {
  const { attributes: _attributes, ...fields } = record;
  return fields;
}

/** Pulls the page after the checkpoint. Returns the new checkpoint; `done` when the window is exhausted. */
export async function pullPage(
  deps: PullDeps,
  plan: FieldPlan,
  settings: PullSettings,
): Promise<PullCheckpoint> {
  const checkpoint = await deps.store.readCheckpoint(plan.object);
  if (!checkpoint) throw new Error(`no pull of ${plan.object} is open: call beginPull first`);
  if (checkpoint.done) return checkpoint;
  if (checkpoint.bulkJobId) return pullBulkSet(deps, plan, settings, checkpoint, checkpoint.bulkJobId);
  const soql = pageSoql({
    object: plan.object,
    fields: plan.fields,
    ...(checkpoint.from ? { from: new Date(checkpoint.from) } : {}),
    to: new Date(checkpoint.to),
    cursor: {
      ...(checkpoint.lastStamp ? { stamp: checkpoint.lastStamp } : {}),
      ...(checkpoint.lastId ? { id: checkpoint.lastId } : {}),
    },
    pageSize: settings.pageSize,
  });
  // A full pull reads what exists (and sweeps what it did not see); an incremental one reads deletes too.
  const page =
    checkpoint.mode === 'full'
      ? await deps.client.query<Record<string, unknown>>(soql, deps.labels)
      : await deps.client.queryAll<Record<string, unknown>>(soql, deps.labels);
  const records = page.records.map(compact);
  const last = records.at(-1);
  const next: PullCheckpoint = {
    ...checkpoint,
    ...(last ? { lastStamp: String(last['SystemModstamp']), lastId: String(last['Id']) } : {}),
    pages: checkpoint.pages + 1,
    records: checkpoint.records + records.length,
    done: false,
  };
  if (checkpoint.mode === 'full')
    await deps.store.markSeen(
      plan.object,
      records.map((record) => String(record['Id'])),
    );
  await deps.store.applyPage(plan.object, records, next);
  if (records.length === settings.pageSize) return next;
  // The window is exhausted. A full pull first drops what Salesforce no longer has.
  if (checkpoint.mode === 'full') await deps.store.sweepUnseen(plan.object);
  return finish(deps, plan, next);
}

/** One Bulk result set of a full pull; the locator is the checkpoint (stable while the job lives). */
async function pullBulkSet(
  deps: PullDeps,
  plan: FieldPlan,
  settings: PullSettings,
  checkpoint: PullCheckpoint,
  jobId: string,
): Promise<PullCheckpoint> {
  if (checkpoint.pages === 0)
    await deps.client.bulk.waitForCompletion(jobId, settings.bulkTimeoutMs ?? 10 * 60_000, deps.labels);
  const set = await deps.client.bulk.results(
    jobId,
    checkpoint.bulkLocator,
    settings.bulkSetSize ?? 10_000,
    deps.labels,
  );
  const records = set.rows.map((row) => typedRow(row, plan.types));
  const { bulkLocator: _previous, ...rest } = checkpoint;
  const next: PullCheckpoint = {
    ...rest,
    ...(set.nextLocator ? { bulkLocator: set.nextLocator } : {}),
    pages: checkpoint.pages + 1,
    records: checkpoint.records + records.length,
    done: false,
  };
  await deps.store.markSeen(
    plan.object,
    records.map((record) => String(record['Id'])),
  );
  await deps.store.applyPage(plan.object, records, next);
  if (set.nextLocator) return next;
  await deps.store.sweepUnseen(plan.object);
  return finish(deps, plan, next);
}
