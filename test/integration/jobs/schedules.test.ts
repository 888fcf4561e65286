/**
 * Scheduling lives in `pulse worker`: it upserts each configured org's incremental and full-pass
 * schedulers, removes those of an org taken out of the configuration (whose data stays), and
 * `pulse org purge` then deletes that org's data — and only that org's.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { toStoredCall } from '../../../src/diagnostics/call-store/call-facts.js';
import { CALL_ORGS_KEY } from '../../../src/diagnostics/call-store/call-keys.js';
import { createCallStore } from '../../../src/diagnostics/call-store/call-store.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createQueueConnection, openOrgQueue } from '../../../src/queue/org-queue.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { callRecord } from '../../support/call-record.js';
import { runPulse, type CliResult } from '../../support/run-cli-in-process.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { workerConfigDir } from '../../support/worker-processes.js';

const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 5 });
});
afterAll(async () => {
  await emulator.close();
});

function orgsYaml(names: readonly string[]): string {
  const { credentials } = emulator;
  return [
    'orgs:',
    ...names.flatMap((name) => [
      `  ${name}:`,
      `    loginUrl: ${emulator.url}`,
      '    authFlow: client_credentials',
      `    clientId: ${credentials.clientId}`,
      `    clientSecret: ${credentials.clientSecret}`,
      ...(name === 'north' ? ["    schedule: '*/5 * * * *'"] : []),
      ...(name === 'east' ? ['    interval: 10m'] : []),
    ]),
  ].join('\n');
}

/** Runs `pulse worker` until its schedules are in place, then stops it as SIGTERM would. */
async function runWorkerOnce(cwd: string, redisPrefix: string): Promise<CliResult> {
  let stop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (stop = resolve));
  const result = runPulse(['worker'], {
    cwd,
    env: { PULSE_REDIS_PREFIX: redisPrefix },
    untilShutdown: () => {
      stop('SIGTERM');
      return stopped;
    },
  });
  return result;
}

redisTest(
  'workers keep each configured org’s schedules; a removed org keeps its data until purged',
  async ({ redis, redisPrefix, rawRedis }) => {
    const cwd = workerConfigDir(
      'sync:\n  fullPassSchedule: "0 4 * * *"\n',
      orgsYaml(['north', 'south', 'east']),
    );
    const started = await runWorkerOnce(cwd, redisPrefix);
    expect(started.code).toBe(0);
    expect(started.stdout).toContain('is working the queues of north, south, east');
    expect(started.stdout).toContain('Worker stopped.');

    const connection = createQueueConnection({ url: TEST_REDIS_URL, keyPrefix: redisPrefix }, logger);
    const schedulersOf = async (orgName: string): Promise<Record<string, string | undefined>> => {
      const queue = openOrgQueue(connection, redisPrefix, orgName, logger);
      try {
        const schedulers = await queue.getJobSchedulers();
        return Object.fromEntries(
          schedulers.map((scheduler) => [
            scheduler.key,
            scheduler.pattern ?? (scheduler.every === undefined ? undefined : `every ${scheduler.every} ms`),
          ]),
        );
      } finally {
        await queue.close();
      }
    };
    try {
      // Each with the customer-success playbooks' tick (success.tickInterval, 1 minute).
      const tick = { 'playbook-tick': 'every 60000 ms' };
      expect(await schedulersOf('north')).toEqual({
        incremental: '*/5 * * * *',
        'full-pass': '0 4 * * *',
        ...tick,
      });
      expect(await schedulersOf('south')).toEqual({
        incremental: '*/15 * * * *',
        'full-pass': '0 4 * * *',
        ...tick,
      });
      expect(await schedulersOf('east')).toEqual({
        incremental: 'every 600000 ms',
        'full-pass': '0 4 * * *',
        ...tick,
      });
      // south's data, as a run would have left it: a watermark and a failed call in diagnostics.
      await rawRedis.set(`${redisPrefix}org:{south}:watermark:Account`, '2026-11-01T00:00:00.000Z');
      const calls = createCallStore(redis, 'a-test-signing-key-of-32-characters-or-more');
      const failedCall = (orgId: string) =>
        toStoredCall(callRecord({ orgId, status: 503, errorCodes: ['SERVER_UNAVAILABLE'] }));
      const [southCall, northCall] = [failedCall('south'), failedCall('north')];
      await calls.save([southCall, northCall]);
      expect(await calls.get(southCall.id)).toBeDefined();

      // south leaves the configuration: its schedules go, its data stays.
      writeFileSync(path.join(cwd, 'config/orgs.yaml'), orgsYaml(['north', 'east']));
      expect((await runWorkerOnce(cwd, redisPrefix)).code).toBe(0);
      expect(await schedulersOf('south')).toEqual({});
      expect(Object.keys(await schedulersOf('north'))).toHaveLength(3);
      expect(await rawRedis.get(`${redisPrefix}org:{south}:watermark:Account`)).not.toBeNull();

      // A configured org cannot be purged; a removed one can, and only its keys go.
      const refused = await runPulse(['org', 'purge', 'north'], {
        cwd,
        env: { PULSE_REDIS_PREFIX: redisPrefix },
      });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('org "north" is still configured');
      const purged = await runPulse(['org', 'purge', 'south', '--json'], {
        cwd,
        env: { PULSE_REDIS_PREFIX: redisPrefix },
      });
      expect(purged.code).toBe(0);
      expect(JSON.parse(purged.stdout)).toMatchObject({ org: 'south' });
      expect((JSON.parse(purged.stdout) as { keysDeleted: number }).keysDeleted).toBeGreaterThan(0);
      const southKeys: string[] = [];
      for await (const keys of rawRedis.scanStream({ match: `${redisPrefix}org:{south}:*`, count: 1000 }))
        southKeys.push(...(keys as string[]));
      expect(southKeys).toEqual([]);
      // Its stored calls go too, lookups included; another org's stay.
      const southCalls: string[] = [];
      for await (const keys of rawRedis.scanStream({ match: `${redisPrefix}diag:{south}:*`, count: 1000 }))
        southCalls.push(...(keys as string[]));
      expect(southCalls).toEqual([]);
      expect(await redis.hget(CALL_ORGS_KEY, southCall.id)).toBeNull();
      expect(await calls.get(northCall.id)).toBeDefined();
      expect(Object.keys(await schedulersOf('north'))).toHaveLength(3);
    } finally {
      connection.disconnect();
    }
  },
  60_000,
);
