/** Wires `pulse replay` : the call store, the org's client opened on demand, the snapshot as "before". */

import type { Config } from '../config/index.js';
import { replayCall, type ReplayOptions, type ReplayResult } from '../diagnostics/replay/replay-call.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { createSnapshotStore } from '../sync/snapshot/snapshot-store.js';
import { openCallStore } from './open-call-store.js';
import { createReplayClients } from './replay-clients.js';
import { connectRedis } from '../redis/connect-redis.js';

export async function replayOnce(
  config: Config,
  callId: string,
  options: ReplayOptions,
  wiring: { logger: Logger; redactor: Redactor },
): Promise<ReplayResult> {
  const opened = openCallStore(config, wiring.logger);
  const clients = createReplayClients(config, wiring.logger, wiring.redactor);
  const redis = connectRedis(config.redis, { keyPrefix: config.redis.keyPrefix, lazyConnect: true });
  try {
    const found = await opened.store.get(callId);
    if (!found)
      return {
        outcome: 'refused',
        code: 'not_found',
        reason: `no stored call ${callId} (kept ${config.diagnostics.maxAge / 86_400_000} days)`,
      };
    return await replayCall(
      {
        calls: opened.store,
        client: clients.client,
        before: async (org, sObject, ids) => {
          if (sObject !== 'Account') return new Map();
          const stored = await createSnapshotStore(redis, org).readAccounts(ids);
          return new Map([...stored].map(([id, account]) => [id, account.account]));
        },
      },
      found,
      options,
    );
  } finally {
    await clients.close();
    await opened.close();
    redis.disconnect();
  }
}
