/**
 * `pulse org purge NAME`: deletes everything Pulse keeps for an org that is no longer configured —
 * its queue (with its jobs and schedulers), snapshot, runs, session, budget and limiter keys, and
 * its stored diagnostics calls.
 * A configured org is refused: its workers' schedulers would bring it back.
 */

import { ConfigError, type Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../queue/org-queue.js';
import { knownOrgs } from '../queue/schedulers.js';
import { removeAllCalls } from '../diagnostics/call-store/call-retention.js';
import { createRedis } from './create-redis.js';
import { deleteOrgKeys } from './org-keys.js';
import { connectRedis } from '../redis/connect-redis.js';

export interface PurgeReport {
  readonly org: string;
  readonly keysDeleted: number;
}

export async function purgeOrg(config: Config, orgName: string, logger: Logger): Promise<PurgeReport> {
  if (config.orgs[orgName]) {
    throw new ConfigError([
      {
        key: 'NAME',
        message: `org "${orgName}" is still configured: remove it from the configuration first (its workers would schedule it again), then purge it`,
      },
    ]);
  }
  const connection = createQueueConnection(config.redis, logger);
  const queue = openOrgQueue(connection, config.redis.keyPrefix, orgName, logger);
  const plain = connectRedis(config.redis);
  const prefixed = createRedis(config.redis, logger);
  try {
    await queue.obliterate({ force: true });
    // The calls first: their ids are also in the store's id -> org lookup, outside the org's keys.
    await removeAllCalls(prefixed, orgName);
    const keysDeleted = await deleteOrgKeys(plain, config.redis.keyPrefix, orgName);
    await knownOrgs(prefixed).remove(orgName);
    logger.info('org purged', { orgId: orgName, keysDeleted });
    return { org: orgName, keysDeleted };
  } finally {
    await queue.close();
    connection.disconnect();
    plain.disconnect();
    prefixed.disconnect();
  }
}
