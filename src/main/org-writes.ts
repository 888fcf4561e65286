/** `pulse org pause-writes|resume-writes NAME`: the write-back switch of a configured org. */
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { createWriteSwitch } from '../sync/write/write-switch.js';
import { createRedis } from './create-redis.js';
import { orgOrFail } from './open-org.js';

export async function setOrgWrites(
  config: Config,
  orgName: string,
  change: { readonly paused: true; readonly reason: string } | { readonly paused: false },
  logger: Logger,
): Promise<void> {
  orgOrFail(config, orgName);
  const redis = createRedis(config.redis, logger);
  try {
    const writeSwitch = createWriteSwitch(redis, orgName);
    if (change.paused) await writeSwitch.pause(change.reason);
    else await writeSwitch.resume();
    logger.warn(change.paused ? 'writes paused' : 'writes resumed', {
      orgId: orgName,
      ...(change.paused ? { reason: change.reason } : {}),
    });
  } finally {
    redis.disconnect();
  }
}
