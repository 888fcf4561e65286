/** Wires `pulse rollback` for one configured org. */
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { rollbackRun, type RollbackReport } from '../sync/rollback-run.js';
import { openOrg, orgOrFail } from './open-org.js';

export async function rollbackOnce(
  config: Config,
  orgName: string,
  runId: string,
  wiring: { logger: Logger; redactor: Redactor },
): Promise<RollbackReport> {
  const opened = await openOrg(config, orgName, wiring);
  try {
    return await rollbackRun(
      {
        client: opened.client,
        mapping: orgOrFail(config, orgName).fieldMapping,
        runs: opened.runs,
        store: opened.store,
        logger: wiring.logger,
      },
      runId,
    );
  } finally {
    await opened.close();
  }
}
