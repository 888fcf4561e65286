/**
 * `pulse serve`: the HTTP API on `http.host:http.port` until SIGTERM or Ctrl-C, then it stops
 * taking connections, finishes the requests in hand and closes its Redis connections.
 */
import type { AddressInfo } from 'node:net';

import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import { enqueueRun } from '../../jobs/sync-run.js';
import type { Config } from '../config/index.js';
import { createAuditLog } from '../http/audit-log.js';
import { createApp } from '../http/create-app.js';
import type { HttpDeps, OrgAccess } from '../http/http-deps.js';
import type { Logger } from '../logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../queue/org-queue.js';
import { createRunStore } from '../sync/run-store.js';
import { createSnapshotStore } from '../sync/snapshot/snapshot-store.js';
import { createWriteSwitch } from '../sync/write/write-switch.js';
import { createRedis } from './create-redis.js';
import { loadHealthModel } from './load-health-model.js';

const READY_TIMEOUT_MS = 1000;

export async function serve(options: {
  readonly config: Config;
  readonly logger: Logger;
  readonly cwd: string;
  readonly write: (text: string) => void;
  readonly untilShutdown: () => Promise<string>;
}): Promise<void> {
  const { config, logger } = options;
  const redis = createRedis(config.redis, logger);
  // Readiness asks Redis on a client of its own that fails at once instead of queueing commands.
  const probe = new Redis(config.redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined); // the main client logs connection errors; readiness reports them
  const connection = createQueueConnection(config.redis, logger);
  const queues = new Map<string, Queue>();
  const orgs = new Map<string, OrgAccess>(
    Object.entries(config.orgs).map(([name, org]) => [
      name,
      {
        config: org,
        runs: createRunStore(redis, name),
        store: createSnapshotStore(redis, name, { ignoredFields: [org.fieldMapping.updatedAt] }),
        writeSwitch: createWriteSwitch(redis, name),
      },
    ]),
  );
  const deps: HttpDeps = {
    tokens: config.http.tokens,
    orgs,
    model: loadHealthModel({ cwd: options.cwd }),
    audit: createAuditLog(redis),
    logger,
    ready: async () => {
      const redisCheck = await Promise.race([
        probe.ping().then(() => 'ok'),
        new Promise<string>((resolve) =>
          setTimeout(() => {
            resolve('no answer within 1 s');
          }, READY_TIMEOUT_MS),
        ),
      ]).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      return { ok: redisCheck === 'ok', checks: { redis: redisCheck, config: 'ok' } };
    },
    enqueueSync: async (orgName, full) => {
      let queue = queues.get(orgName);
      if (!queue) {
        queue = openOrgQueue(connection, config.redis.keyPrefix, orgName, logger);
        queues.set(orgName, queue);
      }
      const job = await enqueueRun(queue, { full });
      return { jobId: job.id ?? '' };
    },
  };
  const server = createApp(deps).listen(config.http.port, config.http.host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    logger.info('API listening', { host: config.http.host, port });
    options.write(
      `Pulse API on http://${config.http.host}:${port}/api/v1 (probes: /healthz, /readyz). Ctrl-C or SIGTERM stops it.\n`,
    );
    if (config.http.tokens.length === 0)
      options.write('No API token is configured (http.tokens): every /api/v1 route answers 401.\n');
    const signal = await options.untilShutdown();
    options.write(`${signal}: finishing the requests in hand...\n`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    for (const queue of queues.values()) await queue.close();
    connection.disconnect();
    redis.disconnect();
    probe.disconnect();
  }
}
