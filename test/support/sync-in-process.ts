/** `pulse sync --once` in the test process: a run through the org's queue with an in-process worker. */
import path from 'node:path';

import type { Config, OrgConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { syncOnce } from '../../src/main/sync-once.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import type { RunProgress } from '../../src/sync/run/run-state.js';
import type { SyncReport } from '../../src/sync/run/sync-report.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export function syncInProcess(options: {
  readonly config: Config;
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly full?: boolean;
  readonly onProgress?: (progress: RunProgress) => void;
}): Promise<SyncReport> {
  return syncOnce({
    config: options.config,
    orgName: options.orgName,
    org: options.org,
    full: options.full ?? false,
    logger: createLogger({ level: 'silent', format: 'json', redactor: createRedactor() }),
    redactor: createRedactor(),
    cwd: repoRoot,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
}
