/**
 * The last step of a run: the report is built from the run's shared state, added to the org's
 * run totals and saved in the run store, once — a finish redone after a crash returns the saved
 * report — and the state is left to expire shortly after.
 */
import type { Logger } from '../../logging/logger.js';
import { PULLED_OBJECTS } from '../pull/pull-fields.js';
import type { RunStore } from '../run-store.js';
import type { SnapshotStore } from '../snapshot/snapshot-store.js';
import type { WriteSwitch } from '../write/write-switch.js';
import type { RunState } from './run-state.js';
import type { SyncReport } from './sync-report.js';

export interface FinishDeps {
  readonly orgName: string;
  readonly store: SnapshotStore;
  readonly runs: RunStore;
  readonly logger: Logger;
  readonly modelVersion: string;
  readonly writeSwitch: WriteSwitch;
}

/** @param error why a step of the run failed; absent when all steps succeeded */
export async function finishRun(deps: FinishDeps, state: RunState, error?: string): Promise<SyncReport> {
  const saved = await state.savedReport();
  if (saved) return saved as SyncReport;
  await state.setPhase('finish');
  const facts = await state.facts();
  const totals = await state.totals();
  const startedAt = facts?.startedAt ?? new Date().toISOString();
  const report: SyncReport = {
    runId: state.runId,
    startedAt,
    org: deps.orgName,
    status: error === undefined ? 'completed' : 'failed',
    ...(error === undefined ? {} : { error }),
    mode: facts?.full || totals.pulled.some((entry) => entry.mode === 'full') ? 'full' : 'incremental',
    writeBack:
      facts?.writeBack === 'on' && (await deps.writeSwitch.paused()) ? 'paused' : (facts?.writeBack ?? 'off'),
    pulled: Object.fromEntries(
      PULLED_OBJECTS.flatMap((object) => {
        const entry = totals.pulled.find((candidate) => candidate.object === object);
        return entry ? [[object, entry.records]] : [];
      }),
    ),
    scored: totals.scored,
    written: totals.written,
    unchanged: totals.unchanged,
    wouldWrite: totals.wouldWrite,
    slaRescored: totals.slaRescored,
    failed: totals.failed,
    failing: (await deps.runs.failing()).length,
    apiCalls: totals.apiCalls,
    tokenCalls: totals.tokenCalls,
    durationMs: Date.now() - Date.parse(startedAt),
    modelVersion: deps.modelVersion,
    workers: totals.workers,
  };
  // Counted before the report is saved: a crash in between redoes the finish, and the count,
  // idempotent per run, is not added twice; a crash before it leaves nothing counted.
  await deps.runs.countFinished(report);
  await state.saveReport(report);
  await deps.runs.save(state.runId, report);
  await state.expireSoon();
  const summary = {
    orgId: deps.orgName,
    runId: state.runId,
    scored: report.scored,
    written: report.written,
    unchanged: report.unchanged,
    failed: report.failed.length,
  };
  if (error === undefined) deps.logger.info('sync finished', summary);
  else deps.logger.error('sync failed', { ...summary, reason: error });
  return report;
}
