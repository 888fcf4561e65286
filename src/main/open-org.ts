/**
 * Opens one configured org for a command: its Redis connections, its Salesforce client (every call
 * counted, here and in the call metrics `pulse serve` shows on /metrics) and its snapshot store.
 * Everything opened here is closed by `close()`.
 */
import type { Redis } from 'ioredis';

import { ConfigError, type Config, type OrgConfig } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { createCallMetricsRecorder } from '../metrics/call-metrics-recorder.js';
import type { Redactor } from '../redaction/redactor.js';
import { createSalesforceClient, type SalesforceClient } from '../salesforce/salesforce-client.js';
import type { CallRecorder } from '../salesforce/transport/call-record.js';
import { createRunStore, type RunStore } from '../sync/run-store.js';
import { createRunState } from '../sync/run/run-state.js';
import { createSnapshotStore, type SnapshotStore } from '../sync/snapshot/snapshot-store.js';
import { createRedis } from './create-redis.js';
import { openCallStoreRecorder } from './open-call-store.js';

export interface OpenOrg {
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly client: SalesforceClient;
  readonly store: SnapshotStore;
  readonly runs: RunStore;
  /** Pulse's Redis client for the org's data, with the key prefix. */
  readonly redis: Redis;
  /** API calls (not token calls) this process has made to the org. */
  readonly apiCalls: () => number;
  readonly close: () => Promise<void>;
}

export function orgOrFail(config: Config, orgName: string): OrgConfig {
  const org = config.orgs[orgName];
  if (org) return org;
  const known = Object.keys(config.orgs);
  throw new ConfigError([
    {
      key: '--org',
      message: `no org named "${orgName}" is configured (${known.length > 0 ? `configured: ${known.join(', ')}` : 'none configured: see config/orgs.example.yaml'})`,
    },
  ]);
}

export async function openOrg(
  config: Config,
  orgName: string,
  options: {
    logger: Logger;
    redactor: Redactor;
    recorder?: CallRecorder;
    ignoreReserve?: boolean;
    org?: OrgConfig;
    /** Count every call in the report of the run it was made for (workers, where runs span processes). */
    countRunCalls?: boolean;
  },
): Promise<OpenOrg> {
  const org = options.org ?? orgOrFail(config, orgName);
  const redis = createRedis(config.redis, options.logger);
  // Every process that calls Salesforce opens the org here (workers, `pulse sync`, rollback, the
  // doctor), so this is the one place its calls are counted for /metrics. Flushed once a second on
  // the org's own Redis client; its timer is unref'd and close() writes what is left.
  const callMetrics = createCallMetricsRecorder({ redis, logger: options.logger });
  // ...and stored for diagnostics (redacted, signed, indexed), on a Redis client of its own.
  const callStore = openCallStoreRecorder(config, options.logger);
  let apiCalls = 0;
  const client = await createSalesforceClient({
    orgName,
    org,
    redis,
    limiterRedis: createRedis({ ...config.redis, keyPrefix: '' }, options.logger),
    keyPrefix: config.redis.keyPrefix,
    recorder: {
      record: (call) => {
        if (call.kind === 'api') apiCalls += 1;
        if (options.countRunCalls && call.runId)
          createRunState(redis, orgName, call.runId)
            .countCalls(call.kind)
            .catch((error: unknown) => {
              options.logger.warn('could not count a call in its run', { runId: call.runId, error });
            });
        callMetrics.record(call);
        callStore.record(call);
        options.recorder?.record(call);
      },
    },
    redactor: options.redactor,
    logger: options.logger,
    ...(options.ignoreReserve ? { ignoreReserve: true } : {}),
  });
  return {
    orgName,
    org,
    client,
    store: createSnapshotStore(redis, orgName, { ignoredFields: [org.fieldMapping.updatedAt] }),
    runs: createRunStore(redis, orgName),
    redis,
    apiCalls: () => apiCalls,
    async close() {
      await client.close();
      await callMetrics.close();
      await callStore.close();
      redis.disconnect();
    },
  };
}
