/**
 * `pulse sync --org NAME --once`: one run of one org through its queue, with a worker in this
 * process (workers of `pulse worker` elsewhere help with its jobs), and the run's report. When a
 * run of the org is already queued or under way, this waits for that run instead of starting one.
 */
import { enqueueRun } from '../../jobs/sync-run.js';
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { createQueueConnection } from '../queue/org-queue.js';
import { waitForRun } from '../queue/wait-for-run.js';
import type { Redactor } from '../redaction/redactor.js';
import { createRunState, type RunProgress } from '../sync/run/run-state.js';
import type { SyncReport } from '../sync/run/sync-report.js';
import { loadHealthModel } from './load-health-model.js';
import { loadConfiguredPlaybooks } from './open-playbooks.js';
import { orgOrFail } from './open-org.js';
import { startOrgWorker } from './org-worker.js';

export interface SyncOnceOptions {
  readonly config: Config;
  readonly orgName: string;
  readonly full: boolean;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly cwd: string;
  /** An org given in full (the demo's emulated org) instead of by name from the configuration. */
  readonly org?: Config['orgs'][string];
  /** Called while the run is under way (the progress bar). */
  readonly onProgress?: (progress: RunProgress) => void;
}

export async function syncOnce(options: SyncOnceOptions): Promise<SyncReport> {
  const { config, orgName, logger } = options;
  const org = options.org ?? orgOrFail(config, orgName);
  const model = loadHealthModel({ cwd: options.cwd });
  const playbooks = loadConfiguredPlaybooks(config, options.cwd, model);
  const connection = createQueueConnection(config.redis, logger);
  try {
    const worker = await startOrgWorker(config, orgName, {
      connection,
      model,
      logger,
      redactor: options.redactor,
      org,
      playbooks,
    });
    try {
      const job = await enqueueRun(worker.queue, { full: options.full });
      return await waitForRun(worker.queue, job.id ?? '', async (runId) => {
        if (options.onProgress)
          options.onProgress(await createRunState(worker.opened.redis, orgName, runId).progress());
      });
    } finally {
      await worker.close();
    }
  } finally {
    connection.disconnect();
  }
}
