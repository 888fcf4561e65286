/**
 * Scores a slice of a run's accounts and writes back what changed: each account is evaluated with
 * src/health/, diffed against the values last read from Salesforce, and only changed accounts are
 * written (unless write-back is off, the org is in shadow mode, or writes are paused). Writes go in
 * sObject Collections calls of 200 as the slice is scored — or, for an org that opted in and a slice
 * with enough changes, in one Bulk API 2.0 ingest job whose id is checkpointed in the run's state.
 * Safe to do again after a crash: a written account then matches and costs nothing.
 */
import type { FieldMapping } from '../../config/index.js';
import {
  calendarForAccount,
  evaluateAccount,
  nextSlaChangeMs,
  type HealthModel,
} from '../../health/index.js';
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import { accountView, type AccountView } from '../../success/account-view.js';
import type { Overwrite, RunStore } from '../run-store.js';
import { toHealthSnapshot } from '../score/to-health-snapshot.js';
import type { RescoreSchedule } from '../snapshot/rescore-schedule.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import { bulkWriteAccounts } from '../write/bulk-write-accounts.js';
import { writeAccounts, type AccountChange, type WriteOutcome } from '../write/write-accounts.js';
import { changedFields, writtenValues } from '../write/written-values.js';
import type { WriteSwitch } from '../write/write-switch.js';
import type { RunState, WriteBackMode } from './run-state.js';

/** Accounts read and scored together; one sObject Collections call. */
const CHUNK = 200;

export interface ScoreDeps {
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  readonly runs: RunStore;
  readonly model: HealthModel;
  readonly mapping: FieldMapping;
  readonly labels?: CallLabels;
  readonly now: () => Date;
  /** Checked before every write: paused writes stop at once, mid-run. */
  readonly writeSwitch: WriteSwitch;
  /** A slice with at least this many changes is written with one Bulk ingest job (opt-in). */
  readonly bulkWriteMinChanges?: number;
  /** When to rescore each account as its SLA clocks run; absent: only when its records change. */
  readonly rescore?: RescoreSchedule;
  /** Customer-success playbooks: told how each scored account looks now. */
  readonly observe?: (views: readonly AccountView[], at: Date, labels?: CallLabels) => Promise<void>;
}

/** A scored chunk: what changed (with the values it replaces) and what did not. */
interface Scored {
  readonly changes: AccountChange[];
  readonly unchanged: string[];
  readonly previous: Map<string, Readonly<Record<string, unknown>>>;
}

async function scoreChunk(deps: ScoreDeps, accountIds: readonly string[]): Promise<Scored> {
  const scored: Scored = { changes: [], unchanged: [], previous: new Map() };
  const batch = await deps.store.readAccounts(accountIds);
  const at = deps.now();
  const scores: { accountId: string; score: number }[] = [];
  const views: AccountView[] = [];
  // Accounts gone from the snapshot leave the schedule; the others get their next SLA crossing.
  const rescoreAt = new Map<string, number | null>(accountIds.map((id) => [id, null]));
  for (const [id, stored] of batch) {
    const snapshot = toHealthSnapshot(stored, deps.mapping, deps.model);
    const result = evaluateAccount(snapshot, deps.model, at);
    if (result.score !== null) scores.push({ accountId: id, score: result.score });
    rescoreAt.set(id, nextSlaChangeMs(result.cases));
    if (deps.observe)
      views.push(accountView(result, stored, calendarForAccount(snapshot.account, deps.model.sla).name));
    const values = writtenValues(result, deps.mapping, deps.model);
    if (changedFields(values, stored.account).length === 0) scored.unchanged.push(id);
    else {
      scored.changes.push({ id, values: { ...values, [deps.mapping.updatedAt]: at.toISOString() } });
      scored.previous.set(id, stored.account);
    }
  }
  await deps.store.recordScores(scores, at);
  await deps.rescore?.schedule([...rescoreAt].map(([accountId, atMs]) => ({ accountId, atMs })));
  // Before the write: a crash after it re-scores these accounts and observes them again, which
  // changes nothing (an episode opens on a transition only).
  if (deps.observe) await deps.observe(views, at, deps.labels);
  return scored;
}

/** What the written accounts held before, field by field, and what Pulse put there. */
function overwritesOf(scored: Scored, written: readonly string[]): Map<string, Overwrite> {
  const landed = new Set(written);
  return new Map(
    scored.changes
      .filter((change) => landed.has(change.id))
      .map((change) => {
        const before = scored.previous.get(change.id) ?? {};
        return [
          change.id,
          {
            before: Object.fromEntries(
              Object.keys(change.values).map((field) => [field, before[field] ?? null]),
            ),
            after: change.values,
          },
        ];
      }),
  );
}

/** Keeps what a write did: the run's outcomes first (a crash after them redoes the write, not the count), then overwritten values, the snapshot, the failing list. */
async function keepWrite(
  deps: ScoreDeps,
  state: RunState,
  scored: Scored,
  outcome: WriteOutcome,
): Promise<void> {
  await state.recordOutcome({
    written: outcome.written,
    unchanged: scored.unchanged,
    wouldWrite: [],
    failed: outcome.failed,
  });
  await deps.runs.keepOverwrites(state.runId, overwritesOf(scored, outcome.written));
  const byId = new Map(scored.changes.map((change) => [change.id, change]));
  for (const id of outcome.written) {
    const change = byId.get(id);
    if (change) await deps.store.updateAccountFields(id, change.values);
  }
  await deps.runs.clearFailing(outcome.written);
  await deps.runs.markFailing(state.runId, deps.now(), outcome.failed);
}

/** Records what would have been written; returns the accounts to keep dirty (writes paused). */
async function keepUnwritten(
  state: RunState,
  scored: Scored,
  writeBack: WriteBackMode,
): Promise<readonly string[]> {
  await state.recordOutcome({
    written: [],
    unchanged: scored.unchanged,
    wouldWrite: scored.changes.map((change) => change.id),
    failed: [],
  });
  // Paused writes are meant to resume: those accounts stay dirty, so the next run writes them. In
  // shadow mode or with write-back off, computing and reporting is all there is to do.
  return writeBack === 'on' ? scored.changes.map((change) => change.id) : [];
}

async function mayWrite(deps: ScoreDeps, writeBack: WriteBackMode): Promise<boolean> {
  return writeBack === 'on' && !(await deps.writeSwitch.paused());
}

/** Moves the first `count` changes (and every unchanged account held) out of `held`. */
function take(held: Scored, count: number): Scored {
  const changes = held.changes.splice(0, count);
  const previous = new Map(changes.map((change) => [change.id, held.previous.get(change.id) ?? {}]));
  for (const change of changes) held.previous.delete(change.id);
  return { changes, unchanged: held.unchanged.splice(0), previous };
}

/**
 * Scores and writes the accounts, recording outcomes in the run's state as it goes, then marks
 * them clean. Changes are written 200 to a call, however they spread over the scored chunks, so a
 * run costs ceil(changed / 200) write calls per slice. Failed records are listed as failing, not
 * retried on every run: they are tried again when their inputs change, on the daily full pass, or
 * by an operator.
 */
export async function scoreAccounts(
  deps: ScoreDeps,
  state: RunState,
  accountIds: readonly string[],
  writeBack: WriteBackMode,
): Promise<void> {
  const keepDirty = new Set<string>();
  const held: Scored = { changes: [], unchanged: [], previous: new Map() };
  const bulk = deps.bulkWriteMinChanges !== undefined;
  const flush = async (count: number): Promise<void> => {
    if (await mayWrite(deps, writeBack)) {
      const batch = take(held, count);
      await keepWrite(deps, state, batch, await writeAccounts(deps.client, batch.changes, deps.labels));
    } else
      for (const id of await keepUnwritten(state, take(held, held.changes.length), writeBack))
        keepDirty.add(id);
  };
  for (let i = 0; i < accountIds.length; i += CHUNK) {
    const scored = await scoreChunk(deps, accountIds.slice(i, i + CHUNK));
    held.changes.push(...scored.changes);
    held.unchanged.push(...scored.unchanged);
    for (const [id, values] of scored.previous) held.previous.set(id, values);
    // Bulk holds the whole slice for one job; Collections write each full call's worth at once.
    if (!bulk && held.changes.length >= CHUNK) await flush(Math.floor(held.changes.length / CHUNK) * CHUNK);
  }
  if (bulk)
    for (const id of await writeHeld(deps, state, held, writeBack, accountIds[0] ?? 'slice'))
      keepDirty.add(id);
  else if (held.changes.length > 0 || held.unchanged.length > 0) await flush(held.changes.length);
  await deps.store.clearDirty(accountIds.filter((id) => !keepDirty.has(id)));
}

/** Writes a slice's held changes; returns the accounts to keep dirty. */
async function writeHeld(
  deps: ScoreDeps,
  state: RunState,
  held: Scored,
  writeBack: WriteBackMode,
  sliceKey: string,
): Promise<readonly string[]> {
  const checkpoint = state.bulkJobCheckpoint(sliceKey);
  // A Bulk job already sent is collected whatever the switch says now: its writes are in Salesforce.
  const sent = (await checkpoint.read()) !== undefined;
  if (!sent && !(await mayWrite(deps, writeBack))) return keepUnwritten(state, held, writeBack);
  const useBulk = sent || held.changes.length >= (deps.bulkWriteMinChanges ?? Infinity);
  const outcome = useBulk
    ? await bulkWriteAccounts(deps.client, held.changes, {
        checkpoint,
        ...(deps.labels ? { labels: deps.labels } : {}),
      })
    : await writeAccounts(deps.client, held.changes, deps.labels);
  await keepWrite(deps, state, held, outcome);
  return [];
}
