/**
 * Scores a slice of a run's accounts and writes back what changed, 200 accounts at a time: each
 * account is evaluated with src/health/, diffed against the values last read from Salesforce,
 * and only changed accounts are written (unless write-back is off or the org is in shadow mode).
 * Safe to do again after a crash: a written account then matches and costs nothing.
 */
import type { FieldMapping } from '../../config/index.js';
import { evaluateAccount, type HealthModel } from '../../health/index.js';
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import type { Overwrite, RunStore } from '../run-store.js';
import { toHealthSnapshot } from '../score/to-health-snapshot.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import { writeAccounts, type AccountChange } from '../write/write-accounts.js';
import { changedFields, writtenValues } from '../write/written-values.js';
import type { WriteSwitch } from '../write/write-switch.js';
import type { BatchOutcome, RunState, WriteBackMode } from './run-state.js';

/** One sObject Collections call. */
const WRITE_BATCH = 200;

export interface ScoreDeps {
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  readonly runs: RunStore;
  readonly model: HealthModel;
  readonly mapping: FieldMapping;
  readonly labels?: CallLabels;
  readonly now: () => Date;
  /** Checked before every write call: paused writes stop at once, mid-run. */
  readonly writeSwitch: WriteSwitch;
}

/** What the written accounts held before, field by field, and what Pulse put there. */
function overwritesOf(
  changes: readonly AccountChange[],
  written: readonly string[],
  previous: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
): Map<string, Overwrite> {
  const landed = new Set(written);
  return new Map(
    changes
      .filter((change) => landed.has(change.id))
      .map((change) => {
        const before = previous.get(change.id) ?? {};
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

async function scoreChunk(
  deps: ScoreDeps,
  state: RunState,
  accountIds: readonly string[],
  writeBack: WriteBackMode,
): Promise<BatchOutcome> {
  const changes: AccountChange[] = [];
  const unchanged: string[] = [];
  const previous = new Map<string, Readonly<Record<string, unknown>>>();
  const batch = await deps.store.readAccounts(accountIds);
  const at = deps.now();
  const scores: { accountId: string; score: number }[] = [];
  for (const [id, stored] of batch) {
    const result = evaluateAccount(toHealthSnapshot(stored, deps.mapping, deps.model), deps.model, at);
    if (result.score !== null) scores.push({ accountId: id, score: result.score });
    const values = writtenValues(result, deps.mapping, deps.model);
    if (changedFields(values, stored.account).length === 0) unchanged.push(id);
    else {
      changes.push({ id, values: { ...values, [deps.mapping.updatedAt]: at.toISOString() } });
      previous.set(id, stored.account);
    }
  }
  await deps.store.recordScores(scores, at);
  if (writeBack !== 'on' || (await deps.writeSwitch.paused()))
    return { written: [], unchanged, wouldWrite: changes.map((change) => change.id), failed: [] };

  const outcome = await writeAccounts(deps.client, changes, deps.labels);
  await deps.runs.keepOverwrites(state.runId, overwritesOf(changes, outcome.written, previous));
  const byId = new Map(changes.map((change) => [change.id, change]));
  for (const id of outcome.written) {
    const change = byId.get(id);
    if (change) await deps.store.updateAccountFields(id, change.values);
  }
  await deps.runs.clearFailing(outcome.written);
  await deps.runs.markFailing(state.runId, deps.now(), outcome.failed);
  return { written: outcome.written, unchanged, wouldWrite: [], failed: outcome.failed };
}

/**
 * Scores and writes the accounts, recording each chunk's outcome in the run's state, then marks
 * them clean. Failed records are listed as failing, not retried on every run: they are tried
 * again when their inputs change, on the daily full pass, or by an operator.
 */
export async function scoreAccounts(
  deps: ScoreDeps,
  state: RunState,
  accountIds: readonly string[],
  writeBack: WriteBackMode,
): Promise<void> {
  for (let i = 0; i < accountIds.length; i += WRITE_BATCH) {
    const chunk = accountIds.slice(i, i + WRITE_BATCH);
    await state.recordOutcome(await scoreChunk(deps, state, chunk, writeBack));
  }
  await deps.store.clearDirty(accountIds);
}
