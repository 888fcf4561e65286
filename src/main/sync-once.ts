/**
 * `pulse sync --org NAME --once`: one sync of one org in this process, with the configured
 * schedule's settings, and its report.
 */
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { runSync, type SyncReport } from '../sync/run-sync.js';
import { loadHealthModel } from './load-health-model.js';
import { openOrg, orgOrFail } from './open-org.js';

/** Salesforce keeps deleted records visible for 15 days. */
const DELETED_RETENTION_MS = 15 * 24 * 3600_000;

export interface SyncOnceOptions {
  readonly config: Config;
  readonly orgName: string;
  readonly full: boolean;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly cwd: string;
}

export async function syncOnce(options: SyncOnceOptions): Promise<SyncReport> {
  const { config, orgName, logger } = options;
  const org = orgOrFail(config, orgName);
  const model = loadHealthModel({ cwd: options.cwd });
  const opened = await openOrg(config, orgName, { logger, redactor: options.redactor, org });
  try {
    return await runSync(
      {
        orgName,
        org: opened.org,
        client: opened.client,
        store: opened.store,
        runs: opened.runs,
        model,
        mapping: opened.org.fieldMapping,
        logger,
        apiCalls: opened.apiCalls,
      },
      {
        commitLagMs: config.sync.commitLag,
        overlapMs: config.sync.overlap,
        pageSize: 2000,
        deletedRetentionMs: DELETED_RETENTION_MS,
        bulkThreshold: 100_000,
        full: options.full,
      },
    );
  } finally {
    await opened.close();
  }
}
