/**
 * One org's job processor: runs the job its name says, counts it for the run's report, and turns
 * errors into BullMQ's behaviour (retry, pause the org, or fail for good).
 */
import { DelayedError, RateLimitError, WaitingChildrenError, type Job } from 'bullmq';

import { createRunState } from '../src/sync/run/run-state.js';
import type { OrgJobContext } from './job-context.js';
import { asJobError } from './job-errors.js';
import { PLAYBOOK_TICK_JOB, processPlaybookTick } from './playbook-tick-job.js';
import { processPull, PULL_JOB } from './pull-object-job.js';
import { processScore, SCORE_JOB } from './score-batch-job.js';
import { processRun, RUN_JOB } from './sync-run.js';

const CONTROL_FLOW = [WaitingChildrenError, DelayedError, RateLimitError];

async function dispatch(job: Job, token: string | undefined, context: OrgJobContext): Promise<unknown> {
  switch (job.name) {
    case RUN_JOB:
      return processRun(job, token, context);
    case PULL_JOB:
      return processPull(job, context);
    case SCORE_JOB:
      return processScore(job, context);
    case PLAYBOOK_TICK_JOB:
      return processPlaybookTick(job, context);
    default:
      throw new Error(`unknown job "${job.name}" in the queue of org ${context.orgName}`);
  }
}

export function orgProcessor(context: OrgJobContext) {
  return async (job: Job, token?: string): Promise<unknown> => {
    try {
      const result = await dispatch(job, token, context);
      const runId = (job.data as { runId?: unknown }).runId;
      if (job.name !== RUN_JOB && typeof runId === 'string')
        await createRunState(context.redis, context.orgName, runId).countJob(context.workerName);
      return result;
    } catch (error) {
      if (CONTROL_FLOW.some((kind) => error instanceof kind)) throw error;
      context.logger.warn('job failed', {
        orgId: context.orgName,
        job: job.name,
        jobId: job.id,
        attempt: job.attemptsMade + 1,
        error,
      });
      throw await asJobError(error, context);
    }
  };
}
