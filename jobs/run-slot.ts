/**
 * The org's run slot: one run per org at a time, whatever enqueued it (a scheduler or a person).
 * Held by the run job's id; taken over only from a holder that is no longer queued or running,
 * with a compare-and-set, so two runs that start together cannot both take over.
 */
import type { Job } from 'bullmq';

import type { OrgJobContext } from './job-context.js';

const BUSY_STATES = new Set(['active', 'waiting', 'waiting-children', 'delayed', 'prioritized']);

/** SET the slot to ARGV[2] only if it still holds ARGV[1]. */
const COMPARE_AND_SET = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2]) return 1 end return 0`;

const slotKey = (context: OrgJobContext): string => `org:{${context.orgName}}:active-run`;

/** Takes the slot for the job; returns the id of the run that holds it instead, if one does. */
export async function takeRunSlot(job: Job, context: OrgJobContext): Promise<string | undefined> {
  const slot = slotKey(context);
  const id = job.id ?? '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if ((await context.redis.set(slot, id, 'NX')) === 'OK') return undefined;
    const holder = await context.redis.get(slot);
    if (holder === null) continue;
    if (holder === id) return undefined;
    if (BUSY_STATES.has(await context.queue.getJobState(holder))) return holder;
    // The holder finished or is gone without freeing the slot (a crash at its very end): take over.
    if ((await context.redis.eval(COMPARE_AND_SET, 1, slot, holder, id)) === 1) return undefined;
  }
  return (await context.redis.get(slot)) ?? 'another run';
}

export async function freeRunSlot(job: Job, context: OrgJobContext): Promise<void> {
  const slot = slotKey(context);
  if ((await context.redis.get(slot)) === job.id) await context.redis.del(slot);
}
