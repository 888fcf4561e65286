/**
 * Wires `pulse doctor` for one configured org: a Redis probe that fails fast, the org's client
 * (which may spend into the reserve, to report a spent budget) and the health model.
 */
import type { Config } from '../config/index.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { runDoctor } from '../doctor/run-doctor.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import { loadHealthModel } from './load-health-model.js';
import { loadConfiguredPlaybooks } from './open-playbooks.js';
import { openOrg, orgOrFail, type OpenOrg } from './open-org.js';
import { probeRedis } from './probe-redis.js';

export interface DoctorWiring {
  readonly config: Config;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly cwd: string;
}

export async function doctorForOrg(orgName: string, wiring: DoctorWiring): Promise<DoctorReport> {
  const { config, logger, redactor } = wiring;
  const org = orgOrFail(config, orgName);
  const model = loadHealthModel({ cwd: wiring.cwd });
  let opened: OpenOrg | undefined;
  try {
    return await runDoctor({
      orgName,
      org,
      model,
      playbookTasks: loadConfiguredPlaybooks(config, wiring.cwd, model).some(
        (playbook) => playbook.enabled && playbook.actions.some((action) => 'task' in action),
      ),
      pingRedis: async () => `${await probeRedis(config.redis)} from ${redactor.text(config.redis.url)}`,
      connect: async (): Promise<SalesforceClient> => {
        opened = await openOrg(config, orgName, { logger, redactor, org, ignoreReserve: true });
        return opened.client;
      },
    });
  } finally {
    // runDoctor closes the client; the org's Redis connection is closed here.
    await opened?.close();
  }
}
