/**
 * A child of a run: pulls one object's window to its end. Each page lands in the snapshot with
 * its checkpoint, so a worker killed mid-pull costs one page: the retry resumes where it was.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';

import { PULLED_OBJECTS } from '../src/sync/pull/pull-fields.js';
import { pullObject } from '../src/sync/pull/run-pull.js';
import { createRunState } from '../src/sync/run/run-state.js';
import type { OrgJobContext } from './job-context.js';

export const PULL_JOB = 'pull';

export const PullPayload = z.object({
  runId: z.string().min(1),
  object: z.enum(PULLED_OBJECTS),
});
export type PullPayload = z.infer<typeof PullPayload>;

export async function processPull(job: Job, context: OrgJobContext): Promise<object> {
  const { runId, object } = PullPayload.parse(job.data);
  const state = createRunState(context.redis, context.orgName, runId);
  const facts = await state.facts();
  if (!facts)
    throw new UnrecoverableError(`run ${runId} has no state left (expired or purged): nothing to pull`);
  const summary = await pullObject(
    {
      ...context,
      labels: { runId, ...(job.id ? { jobId: job.id } : {}) },
      afterPage: async (_object, pages, records) => {
        await state.recordPullProgress(object, records);
        await job.updateProgress({ object, pages, records });
      },
    },
    object,
    { ...context.pull, full: facts.full },
  );
  await state.recordPull(summary);
  return summary;
}
