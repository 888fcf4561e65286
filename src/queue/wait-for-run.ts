/**
 * Waits for a run job to finish and returns its report, following the run it found under way when
 * the org was busy. Polls (no extra connection), and reports the run's progress while it waits.
 */
import { Job, type Queue } from 'bullmq';

import type { SyncReport } from '../sync/run/sync-report.js';

const POLL_MS = 200;

export async function waitForRun(
  queue: Queue,
  jobId: string,
  onPoll: (runId: string) => Promise<void> = () => Promise.resolve(),
): Promise<SyncReport> {
  for (;;) {
    // State first, then the job: a job read before its state was checked may have finished in
    // between, and its stale copy would carry no return value.
    const state = await queue.getJobState(jobId);
    const job = await Job.fromId(queue, jobId);
    if (!job || state === 'unknown') {
      throw new Error(`the run job ${jobId} is gone from the queue (removed or purged)`);
    }
    if (state === 'failed') throw new Error(`the run failed: ${job.failedReason}`);
    if (state === 'completed') {
      const result = job.returnvalue as SyncReport | { skipped: string; holder: string };
      if ('holder' in result) return waitForRun(queue, result.holder, onPoll);
      return result;
    }
    const runId = (job.data as { runId?: unknown }).runId;
    if (typeof runId === 'string') await onPoll(runId);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
