/** BullMQ worker settings from `worker:` in the configuration. */
import type { WorkerOptions } from 'bullmq';
import type { Redis } from 'ioredis';

import type { WorkerConfig } from '../config/index.js';
import { orgQueuePrefix } from './org-queue.js';

export function workerOptions(
  config: WorkerConfig,
  connection: Redis,
  keyPrefix: string,
  orgName: string,
  workerName: string,
): WorkerOptions {
  return {
    connection,
    prefix: orgQueuePrefix(keyPrefix, orgName),
    name: workerName,
    concurrency: config.concurrency,
    lockDuration: config.lockDuration,
    stalledInterval: config.stalledInterval,
    // Workers may die again and again (deploys, OOM kills): a job survives that many deaths.
    maxStalledCount: config.maxStalledCount,
  };
}
