/**
 * The parent job of one sync run, as a sequence of steps kept in its own data, so a worker that
 * dies mid-run hands the run on at the step it was on:
 *   start  — take the org's run slot, record the run, fan out one pull job per object;
 *   pull   — once the pulls are done, fix the accounts to score and fan out score-and-write jobs;
 *   score  — once those are done, move the watermarks, save the report, free the run slot.
 * Children are added with ids derived from the run id, so a step done twice adds nothing twice.
 * A child that fails for good (after its attempts) fails the run with its reason.
 */
import { DelayedError, Job, WaitingChildrenError, type JobsOptions, type Queue } from 'bullmq';
import { z } from 'zod';

import { PULLED_OBJECTS } from '../src/sync/pull/pull-fields.js';
import { commitPull } from '../src/sync/pull/run-pull.js';
import { finishRun } from '../src/sync/run/finish-run.js';
import { createRunState, newRunId } from '../src/sync/run/run-state.js';
import type { SyncReport } from '../src/sync/run/sync-report.js';
import { fixTargets, writeBackMode } from '../src/sync/run/run-scope.js';
import type { OrgJobContext } from './job-context.js';
import { PULL_JOB, type PullPayload } from './pull-object-job.js';
import { freeRunSlot, takeRunSlot } from './run-slot.js';
import { SCORE_JOB, type ScorePayload } from './score-batch-job.js';

export const RUN_JOB = 'run';

export const RunPayload = z.object({
  /** The daily full pass: re-read and rescore every account. */
  full: z.boolean().default(false),
  step: z.enum(['start', 'pull', 'score']).default('start'),
  runId: z.string().min(1).optional(),
});
export type RunPayload = z.infer<typeof RunPayload>;

/** Children retry transient failures with backoff; their checkpoints make each retry cheap. */
const CHILD_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { count: 2000 },
  removeOnFail: { count: 2000 },
  // A failed child does not fail the parent out of sight: the run ends with the child's reason.
  ignoreDependencyOnFailure: true,
};

export const RUN_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 200 },
};

/** A full pass that finds the org busy waits this long and tries again; an incremental one is dropped. */
const BUSY_RETRY_MS = 60_000;

/**
 * Enqueues a run of the org unless one is already queued or under way (BullMQ deduplication):
 * then that run's job is returned, and the caller can wait for it. The run id is given now, so
 * whoever asked for the run can follow it from the start.
 */
export async function enqueueRun(queue: Queue, payload: { full: boolean }): Promise<Job> {
  // A full pass is not merged into a queued incremental run (it would silently not happen).
  const deduplication = { id: payload.full ? `${RUN_JOB}-full` : RUN_JOB };
  const data: RunPayload = { full: payload.full, step: 'start', runId: newRunId(new Date()) };
  const added = await queue.add(RUN_JOB, data, { ...RUN_OPTIONS, deduplication });
  // A deduplicated add answers the queued job's id with the data given here: read the real job.
  return (await Job.fromId(queue, added.id ?? '')) ?? added;
}

/** Adds the children that are not there yet: a step redone after a crash adds nothing twice. */
async function addChildren(
  queue: Queue,
  children: readonly { name: string; data: object; opts: JobsOptions & { jobId: string } }[],
): Promise<void> {
  const existing = await Promise.all(children.map((child) => queue.getJob(child.opts.jobId)));
  const missing = children.filter((_, index) => existing[index] === undefined);
  if (missing.length > 0) await queue.addBulk(missing);
}

function childOf(job: Job): JobsOptions {
  return { ...CHILD_OPTIONS, parent: { id: job.id ?? '', queue: job.queueQualifiedName } };
}

/** Why children failed for good, one line per distinct reason naming its jobs; undefined when none did. */
async function childFailures(job: Job, runId: string): Promise<string | undefined> {
  const byReason = new Map<string, string[]>();
  for (const [key, reason] of Object.entries(await job.getIgnoredChildrenFailures())) {
    const jobId = key.split(':').at(-1) ?? key;
    byReason.set(reason, [...(byReason.get(reason) ?? []), jobId.replace(`${runId}-`, '')]);
  }
  if (byReason.size === 0) return undefined;
  return [...byReason]
    .slice(0, 3)
    .map(([reason, jobs]) => `${jobs.sort().join(', ')}: ${reason}`)
    .join('; ');
}

export async function processRun(
  job: Job,
  token: string | undefined,
  context: OrgJobContext,
): Promise<SyncReport | { skipped: string; holder: string }> {
  let payload = RunPayload.parse(job.data);
  if (payload.step === 'start') {
    const holder = await takeRunSlot(job, context);
    if (holder !== undefined) {
      if (!payload.full || !token) return { skipped: `run job ${holder} of this org is under way`, holder };
      await job.moveToDelayed(Date.now() + BUSY_RETRY_MS, token);
      throw new DelayedError();
    }
    const runId = payload.runId ?? newRunId(context.now());
    // The run id is kept first, so a start done again reuses it (and its children's ids).
    if (!payload.runId) {
      payload = { ...payload, runId };
      await job.updateData(payload);
    }
    const state = createRunState(context.redis, context.orgName, runId);
    await state.begin({
      runId,
      startedAt: new Date().toISOString(),
      full: payload.full,
      writeBack: writeBackMode(context.org),
    });
    await state.setPhase('pull');
    await addChildren(
      context.queue,
      PULLED_OBJECTS.map((object) => ({
        name: PULL_JOB,
        data: { runId, object } satisfies PullPayload,
        opts: { ...childOf(job), jobId: `${runId}-pull-${object}` },
      })),
    );
    payload = { ...payload, step: 'pull' };
    await job.updateData(payload);
  }
  const runId = payload.runId ?? '';
  const state = createRunState(context.redis, context.orgName, runId);
  if (payload.step === 'pull') {
    if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
    // Finished windows become watermarks (what they dirtied stays dirty until scored); an
    // unfinished one stays open, to be resumed by the next run.
    await commitPull(context.store);
    const failed = await childFailures(job, runId);
    if (failed !== undefined) return finish(job, context, runId, `the pull failed: ${failed}`);
    await state.setPhase('score');
    const targets = await fixTargets(context.store, state, payload.full, {
      schedule: context.rescore,
      now: context.now(),
    });
    const slices: { name: string; data: ScorePayload; opts: JobsOptions & { jobId: string } }[] = [];
    for (let start = 0; start < targets; start += context.batchSize) {
      slices.push({
        name: SCORE_JOB,
        data: { runId, start, end: Math.min(start + context.batchSize, targets) },
        opts: { ...childOf(job), jobId: `${runId}-score-${start}` },
      });
    }
    await addChildren(context.queue, slices);
    payload = { ...payload, step: 'score' };
    await job.updateData(payload);
  }
  if (token && (await job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
  const failed = await childFailures(job, runId);
  return finish(job, context, runId, failed === undefined ? undefined : `scoring failed: ${failed}`);
}

async function finish(
  job: Job,
  context: OrgJobContext,
  runId: string,
  error: string | undefined,
): Promise<SyncReport> {
  const state = createRunState(context.redis, context.orgName, runId);
  const report = await finishRun({ ...context, modelVersion: context.model.version }, state, error);
  await freeRunSlot(job, context);
  if (report.status === 'completed') await context.alerts.runCompleted();
  // Playbooks go live after a run that scored every account: a full pass, or an org's first run.
  // A run that pulled an object in full to repair its snapshot still scored only changed accounts.
  const { targets } = await state.progress();
  const scoredAll =
    (job.data as { full?: unknown }).full === true ||
    (targets !== undefined && targets >= (await context.store.count('Account')));
  await playbooksAfterRun(context, report, scoredAll);
  return report;
}

/** The run's Tasks and notices go out now; a failure here is the tick's to retry, never the run's. */
async function playbooksAfterRun(context: OrgJobContext, report: SyncReport, full: boolean): Promise<void> {
  if (!context.playbooks) return;
  try {
    const tick = await context.playbooks.afterRun({ status: report.status, full }, context.now());
    if (
      tick.tasksCreated + tick.tasksWouldCreate + tick.webhooksSent + tick.tasksFailed + tick.webhooksFailed >
      0
    )
      context.logger.info('playbooks fired', { orgId: context.orgName, runId: report.runId, ...tick });
  } catch (error) {
    context.logger.warn('playbooks could not run after the sync; the next tick retries', {
      orgId: context.orgName,
      runId: report.runId,
      error,
    });
  }
}
