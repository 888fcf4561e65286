/**
 * `pulse serve`: the HTTP API on `http.host:http.port` until SIGTERM or Ctrl-C, then it stops
 * taking connections, finishes the requests in hand and closes its Redis connections.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

import { enqueueRun } from '../../jobs/sync-run.js';
import type { Config } from '../config/index.js';
import { createAuditLog } from '../http/audit-log.js';
import { createApp } from '../http/create-app.js';
import { createOrgAccess } from '../http/org-access.js';
import type { HttpDeps, OrgAccess } from '../http/http-deps.js';
import type { Logger } from '../logging/logger.js';
import { HourTallyCache, summarizeCalls } from '../diagnostics/call-store/call-summary.js';
import { loadPlaybooks } from '../diagnostics/playbooks/index.js';
import { replayCall } from '../diagnostics/replay/replay-call.js';
import { createMetricsReader } from '../metrics/metrics-reader.js';
import { createQueueConnection, openOrgQueue } from '../queue/org-queue.js';
import { queueBoards } from '../queue/queue-board.js';
import { createRedis } from './create-redis.js';
import { loadHealthModel } from './load-health-model.js';
import { createConfiguredRedactor } from './create-logger.js';
import { openCallStore } from './open-call-store.js';
import { createReplayClients } from './replay-clients.js';
import { packageRoot } from './package-root.js';
import { packageVersion } from './package-version.js';
import { connectRedis } from '../redis/connect-redis.js';

const READY_TIMEOUT_MS = 1000;

/**
 * Waits, at most `ms`, for a connection still being made (a cluster client reads its slot map
 * first), so a probe right after start does not report a Redis that is merely not connected yet.
 */
function whileConnecting(probe: Redis, ms: number): Promise<void> {
  if (probe.status !== 'connecting' && probe.status !== 'connect') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      probe.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    probe.once('ready', done);
  });
}

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
  const probe = connectRedis(config.redis, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined); // the main client logs connection errors; readiness reports them
  const connection = createQueueConnection(config.redis, logger);
  // Every configured org's queue: the API enqueues runs on it and the queue dashboard shows it.
  const queues = new Map<string, Queue>(
    Object.keys(config.orgs).map((name) => [
      name,
      openOrgQueue(connection, config.redis.keyPrefix, name, logger),
    ]),
  );
  const orgs = new Map<string, OrgAccess>(
    Object.entries(config.orgs).map(([name, org]) => [name, createOrgAccess(redis, name, org)]),
  );
  const metrics = createMetricsReader({ config, redis, connection, logger });
  const callStore = openCallStore(config, logger);
  // Settled hours of the call summary, read once per process.
  const hourTallies = new HourTallyCache();
  const replayClients = createReplayClients(config, logger, createConfiguredRedactor(config));
  const deps: HttpDeps = {
    tokens: config.http.tokens,
    orgs,
    model: loadHealthModel({ cwd: options.cwd }),
    version: packageVersion(),
    webDir: path.join(packageRoot(), 'web'),
    queueBoards: queueBoards(queues),
    audit: createAuditLog(redis),
    logger,
    metrics,
    diagnostics: {
      calls: callStore.store,
      playbooks: loadPlaybooks({ packageRoot: packageRoot() }),
      summary: (org, hours) => summarizeCalls(callStore.redis, org, hours, new Date(), hourTallies),
      replay: (found, replayOptions) =>
        replayCall(
          {
            calls: callStore.store,
            client: replayClients.client,
            before: async (org, sObject, ids) => {
              const access = orgs.get(org);
              if (!access || sObject !== 'Account') return new Map();
              const stored = await access.store.readAccounts(ids);
              return new Map([...stored].map(([id, account]) => [id, account.account]));
            },
          },
          found,
          replayOptions,
        ),
    },
    ready: async () => {
      const redisCheck = await Promise.race([
        whileConnecting(probe, READY_TIMEOUT_MS)
          .then(() => probe.ping())
          .then(() => 'ok'),
        new Promise<string>((resolve) =>
          setTimeout(() => {
            resolve('no answer within 1 s');
          }, READY_TIMEOUT_MS),
        ),
      ]).catch((error: unknown) => {
        // Anyone may ask /readyz: the error (hosts, ports) goes to the log, not the answer.
        logger.warn('readiness: Redis did not answer', {
          error: error instanceof Error ? error.message : String(error),
        });
        return 'not reachable';
      });
      return { ok: redisCheck === 'ok', checks: { redis: redisCheck, config: 'ok' } };
    },
    enqueueSync: async (orgName, full) => {
      const queue = queues.get(orgName);
      if (!queue) throw new Error(`org ${orgName} is not configured`);
      const job = await enqueueRun(queue, { full });
      return { jobId: job.id ?? '', runId: (job.data as { runId?: string }).runId };
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
      `Pulse API on http://${config.http.host}:${port}/api/v1 (console: /console; docs: /api/v1/docs/; queues, for admins: /admin/queues; probes: /healthz, /readyz; Prometheus: /metrics). Ctrl-C or SIGTERM stops it.\n`,
    );
    if (config.http.tokens.length === 0)
      options.write('No API token is configured (http.tokens): every /api/v1 route answers 401.\n');
    const signal = await options.untilShutdown();
    options.write(`${signal}: finishing the requests in hand...\n`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    for (const queue of queues.values()) await queue.close();
    await metrics.close();
    await replayClients.close();
    await callStore.close();
    connection.disconnect();
    redis.disconnect();
    probe.disconnect();
  }
}
