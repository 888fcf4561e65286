/**
 * Wires `pulse doctor` for one configured org: its Redis connections, its Salesforce client and
 * the health model, then runs the checks. Everything opened here is closed before returning.
 */
import { Redis } from 'ioredis';

import { ConfigError, type Config } from '../config/index.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { runDoctor } from '../doctor/run-doctor.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { createSalesforceClient } from '../salesforce/salesforce-client.js';
import { discardCalls } from '../salesforce/transport/call-record.js';
import { createRedis } from './create-redis.js';
import { loadHealthModel } from './load-health-model.js';

export interface DoctorWiring {
  readonly config: Config;
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly cwd: string;
}

export async function doctorForOrg(orgName: string, wiring: DoctorWiring): Promise<DoctorReport> {
  const { config, logger } = wiring;
  const org = config.orgs[orgName];
  if (!org) {
    const known = Object.keys(config.orgs);
    throw new ConfigError([
      {
        key: '--org',
        message: `no org named "${orgName}" is configured (${known.length > 0 ? `configured: ${known.join(', ')}` : 'none configured: see config/orgs.example.yaml'})`,
      },
    ]);
  }
  const model = loadHealthModel({ cwd: wiring.cwd });
  // The doctor must say "Redis is down" at once, not wait for it like a worker would.
  const probe = new Redis(config.redis.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  const redis = createRedis(config.redis, logger);
  try {
    return await runDoctor({
      orgName,
      org,
      model,
      pingRedis: async () => {
        await probe.connect();
        return `${await probe.ping()} from ${wiring.redactor.text(config.redis.url)}`;
      },
      connect: () =>
        createSalesforceClient({
          orgName,
          org,
          redis,
          limiterRedis: createRedis({ ...config.redis, keyPrefix: '' }, logger),
          keyPrefix: config.redis.keyPrefix,
          // The doctor's calls are not kept: the diagnostics store records sync calls.
          recorder: discardCalls,
          ignoreReserve: true,
          redactor: wiring.redactor,
          logger,
        }),
    });
  } finally {
    probe.disconnect();
    redis.disconnect();
  }
}
