/**
 * `pulse worker`: works the queues of every configured org until SIGTERM or Ctrl-C, then lets
 * the jobs in hand finish before it exits. Scheduling lives here too (see src/queue/schedulers.ts):
 * each worker upserts the configured orgs' schedulers and removes those of orgs taken out of the
 * configuration, whose data stays until `pulse org purge`.
 */
import { RUN_JOB, RUN_OPTIONS } from '../../jobs/sync-run.js';
import { PLAYBOOK_TICK_JOB } from '../../jobs/playbook-tick-job.js';
import { ConfigError, type Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../queue/org-queue.js';
import {
  knownOrgs,
  removeOrgSchedulers,
  upsertOrgSchedulers,
  upsertPlaybookTick,
} from '../queue/schedulers.js';
import type { Redactor } from '../redaction/redactor.js';
import { createRedis } from './create-redis.js';
import { watchEventLoop } from './event-loop-watch.js';
import { loadHealthModel } from './load-health-model.js';
import { loadConfiguredPlaybooks } from './open-playbooks.js';
import { startOrgWorker, workerName, type OrgWorker } from './org-worker.js';

export interface RunWorkersOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly cwd: string;
  /** Upsert the orgs' schedulers (off for workers that only help with runs enqueued elsewhere). */
  readonly schedule: boolean;
  readonly write: (text: string) => void;
  readonly untilShutdown: () => Promise<string>;
}

/** The org's own interval or schedule, else the service's interval or schedule. */
function incrementalSchedule(org: Config['orgs'][string], config: Config): string | number {
  return org.interval ?? org.schedule ?? config.sync.interval ?? config.sync.schedule;
}

/** A tick that fails is retried by the next one: no backoff, and only the last few kept. */
const PLAYBOOK_TICK_OPTIONS = { attempts: 1, removeOnComplete: 10, removeOnFail: 50 };

async function syncSchedulers(
  options: RunWorkersOptions,
  workers: readonly OrgWorker[],
  withPlaybooks: boolean,
): Promise<void> {
  const { config, logger } = options;
  const redis = createRedis(config.redis, logger);
  const connection = createQueueConnection(config.redis, logger);
  try {
    for (const worker of workers) {
      await upsertOrgSchedulers(
        worker.queue,
        {
          incremental: incrementalSchedule(worker.opened.org, config),
          fullPass: config.sync.fullPassSchedule,
          timeZone: worker.opened.org.timeZone ?? config.sync.timeZone,
        },
        { name: RUN_JOB, data: (full) => ({ full }), opts: RUN_OPTIONS },
      );
      await upsertPlaybookTick(worker.queue, withPlaybooks ? config.success.tickInterval : undefined, {
        name: PLAYBOOK_TICK_JOB,
        opts: PLAYBOOK_TICK_OPTIONS,
      });
    }
    const orgs = knownOrgs(redis);
    for (const orgName of await orgs.list()) {
      if (config.orgs[orgName]) continue;
      const queue = openOrgQueue(connection, config.redis.keyPrefix, orgName, logger);
      await removeOrgSchedulers(queue);
      await queue.close();
      await orgs.remove(orgName);
      logger.warn('org no longer configured: its schedulers are removed, its data kept', {
        orgId: orgName,
        hint: `pulse org purge ${orgName} deletes its data`,
      });
    }
    await orgs.add(workers.map((worker) => worker.orgName));
  } finally {
    connection.disconnect();
    redis.disconnect();
  }
}

export async function runWorkers(options: RunWorkersOptions): Promise<void> {
  const { config, logger } = options;
  const orgNames = Object.keys(config.orgs);
  if (orgNames.length === 0) {
    throw new ConfigError([
      {
        key: 'orgs',
        message: 'no org is configured, so a worker has nothing to do: see config/orgs.example.yaml',
      },
    ]);
  }
  const model = loadHealthModel({ cwd: options.cwd });
  const playbooks = loadConfiguredPlaybooks(config, options.cwd, model);
  const connection = createQueueConnection(config.redis, logger);
  const workers: OrgWorker[] = [];
  const stopWatching = watchEventLoop(logger);
  try {
    for (const orgName of orgNames) {
      workers.push(
        await startOrgWorker(config, orgName, {
          connection,
          model,
          logger,
          redactor: options.redactor,
          watchAlerts: true,
          playbooks,
        }),
      );
    }
    if (options.schedule) await syncSchedulers(options, workers, playbooks.length > 0);
    options.write(
      `Worker ${workerName()} is working the queues of ${orgNames.join(', ')} (${config.worker.concurrency} jobs at once per org${options.schedule ? ', schedules upserted' : ''}). SIGTERM or Ctrl-C stops it after the jobs in hand.\n`,
    );
    const signal = await options.untilShutdown();
    options.write(`${signal}: finishing the jobs in hand...\n`);
  } finally {
    stopWatching();
    await Promise.all(workers.map((worker) => worker.close()));
    connection.disconnect();
  }
  options.write('Worker stopped.\n');
}
