/**
 * A child of a run: scores one slice of the run's accounts and writes back what changed. Done
 * again after a crash, accounts already written match and cost no call.
 */
import { UnrecoverableError, type Job } from 'bullmq';
import { z } from 'zod';

import { createRunState } from '../src/sync/run/run-state.js';
import { scoreAccounts } from '../src/sync/run/score-accounts.js';
import type { OrgJobContext } from './job-context.js';

export const SCORE_JOB = 'score';

export const ScorePayload = z.object({
  runId: z.string().min(1),
  /** The slice [start, end) of the run's account list. */
  start: z.int().min(0),
  end: z.int().min(0),
});
export type ScorePayload = z.infer<typeof ScorePayload>;

export async function processScore(job: Job, context: OrgJobContext): Promise<object> {
  const { runId, start, end } = ScorePayload.parse(job.data);
  const state = createRunState(context.redis, context.orgName, runId);
  const facts = await state.facts();
  if (!facts)
    throw new UnrecoverableError(`run ${runId} has no state left (expired or purged): nothing to score`);
  const accountIds = await state.targets(start, end);
  const { playbooks } = context;
  await scoreAccounts(
    {
      ...context,
      labels: { runId, ...(job.id ? { jobId: job.id } : {}) },
      ...(context.org.bulkWriteMinChanges === undefined
        ? {}
        : { bulkWriteMinChanges: context.org.bulkWriteMinChanges }),
      ...(playbooks ? { observe: (views, at, labels) => playbooks.observe(views, at, labels) } : {}),
    },
    state,
    accountIds,
    facts.writeBack,
  );
  await job.updateProgress({ scored: accountIds.length });
  return { accounts: accountIds.length };
}
