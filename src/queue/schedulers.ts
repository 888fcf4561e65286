/**
 * Scheduling lives in the workers: every `pulse worker` upserts each configured org's job
 * schedulers (the incremental sync, the daily full pass, and the playbook tick) at start. Upserting is idempotent, so
 * any number of workers agree, and BullMQ makes each scheduled run once. An org that is no longer
 * configured loses its schedulers; its data stays until `pulse org purge`.
 */
import type { JobSchedulerTemplateOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const INCREMENTAL_SCHEDULER = 'incremental';
export const FULL_PASS_SCHEDULER = 'full-pass';
export const PLAYBOOK_TICK_SCHEDULER = 'playbook-tick';

export interface OrgSchedule {
  /** A cron pattern, or an interval in milliseconds. */
  readonly incremental: string | number;
  readonly fullPass: string;
  readonly timeZone: string;
}

export interface ScheduledJob {
  readonly name: string;
  readonly data: (full: boolean) => Record<string, unknown>;
  /** Attempts, backoff and retention, as for a run enqueued by hand. */
  readonly opts: JobSchedulerTemplateOptions;
}

export async function upsertOrgSchedulers(
  queue: Queue,
  schedule: OrgSchedule,
  job: ScheduledJob,
): Promise<void> {
  await queue.upsertJobScheduler(
    INCREMENTAL_SCHEDULER,
    typeof schedule.incremental === 'number'
      ? { every: schedule.incremental }
      : { pattern: schedule.incremental, tz: schedule.timeZone },
    { name: job.name, data: job.data(false), opts: job.opts },
  );
  await queue.upsertJobScheduler(
    FULL_PASS_SCHEDULER,
    { pattern: schedule.fullPass, tz: schedule.timeZone },
    { name: job.name, data: job.data(true), opts: job.opts },
  );
}

/** The customer-success playbooks' tick, every `everyMs`; removed when no playbook is loaded. */
export async function upsertPlaybookTick(
  queue: Queue,
  everyMs: number | undefined,
  job: { readonly name: string; readonly opts: JobSchedulerTemplateOptions },
): Promise<void> {
  if (everyMs === undefined) await queue.removeJobScheduler(PLAYBOOK_TICK_SCHEDULER);
  else
    await queue.upsertJobScheduler(
      PLAYBOOK_TICK_SCHEDULER,
      { every: everyMs },
      { name: job.name, data: {}, opts: job.opts },
    );
}

export async function removeOrgSchedulers(queue: Queue): Promise<void> {
  await queue.removeJobScheduler(INCREMENTAL_SCHEDULER);
  await queue.removeJobScheduler(FULL_PASS_SCHEDULER);
  await queue.removeJobScheduler(PLAYBOOK_TICK_SCHEDULER);
}

/** The orgs that have had schedulers, so a worker can remove those of orgs taken out of config. */
export function knownOrgs(redis: Redis): {
  list(): Promise<string[]>;
  add(orgNames: readonly string[]): Promise<void>;
  remove(orgName: string): Promise<void>;
} {
  const key = 'scheduled-orgs';
  return {
    list: () => redis.smembers(key),
    async add(orgNames) {
      if (orgNames.length > 0) await redis.sadd(key, ...orgNames);
    },
    async remove(orgName) {
      await redis.srem(key, orgName);
    },
  };
}
