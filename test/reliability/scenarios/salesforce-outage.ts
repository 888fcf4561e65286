/**
 * Salesforce unreachable in the middle of a run: the org refuses every connection for a while (a
 * TCP proxy in front of the emulator stops listening: ECONNREFUSED), then it comes back. Counted,
 * from Pulse's own call records: the connections it attempted while refused (a retry storm shows
 * here); and whether the run then completed with every account scored and matching the model.
 */
import { Redis } from 'ioredis';

import { startEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { expectAccountsMatchModel } from '../../support/model-check.js';
import { orgConfigFor } from '../../support/org-client.js';
import { newTestPrefix, TEST_REDIS_URL } from '../../support/redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';
import { deleteScenarioKeys, type ScenarioResult, verdict } from '../support/scenario.js';

/**
 * More connection attempts than this per minute of outage is a retry storm: two a second from
 * one org (the pipeline's backoff and the jobs' own make it far fewer).
 */
const STORM_PER_MINUTE = 120;

export interface OutageProfile {
  readonly accounts: number;
  /** How long Salesforce stays unreachable. */
  readonly outageMs: number;
}

/** Calls Pulse recorded as refused (ECONNREFUSED) for the org: one per connection attempted. */
async function refusedCalls(prefix: string, orgName: string): Promise<number> {
  const redis = new Redis(TEST_REDIS_URL);
  let refused = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${prefix}diag:{${orgName}}:call:*`,
        'COUNT',
        1000,
      );
      cursor = next;
      const values = keys.length === 0 ? [] : await redis.mget(...keys);
      for (const value of values) {
        const { call } = JSON.parse(value ?? '{}') as { call?: { errorCodes?: string[] } };
        if (call?.errorCodes?.includes('ECONNREFUSED')) refused += 1;
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return refused;
}

export async function salesforceOutage(profile: OutageProfile): Promise<ScenarioResult> {
  const emulator = await startEmulator({ accounts: profile.accounts, seed: 41, latencyMs: 20 });
  const url = new URL(emulator.url);
  const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port) });
  // The org's instance URL is the proxy too, so every call after the login goes through it.
  emulator.state.baseUrl = proxy.url;
  const prefix = newTestPrefix('pulse-test-reliability');
  try {
    const config = Config.parse({
      redis: { url: TEST_REDIS_URL, keyPrefix: prefix },
      log: { level: 'silent' },
      sync: { batchSize: 200 },
      worker: { concurrency: 2 },
    });
    const org = { ...orgConfigFor(emulator, 'password', { writeBack: true }), loginUrl: proxy.url };
    emulator.state.clock.advance(3 * 60_000);
    let outage: Promise<void> | undefined;
    let darkMs = 0;
    const startedAt = Date.now();
    const report = await syncInProcess({
      config,
      orgName: 'outage',
      org,
      full: true,
      onProgress: (progress) => {
        // Once scoring is under way: the outage starts.
        if (outage || progress.scored === 0) return;
        outage = (async () => {
          const from = Date.now();
          await proxy.down('refuse');
          await new Promise((resolve) => setTimeout(resolve, profile.outageMs));
          await proxy.up();
          darkMs = Date.now() - from;
        })();
      },
    });
    await outage;
    const attempts = await refusedCalls(prefix, 'outage');
    let modelHolds = true;
    let modelProblem = '';
    try {
      expectAccountsMatchModel(emulator, new Set());
    } catch (error) {
      modelHolds = false;
      modelProblem = error instanceof Error ? error.message.slice(0, 300) : String(error);
    }
    const perMinute = Math.round((attempts / Math.max(darkMs, 1)) * 60_000);
    const problems = [
      ...(report.status === 'completed' ? [] : [`run ${report.status} (${report.error ?? ''})`]),
      ...(report.scored === profile.accounts ? [] : [`${report.scored} of ${profile.accounts} scored`]),
      ...(modelHolds ? [] : [modelProblem]),
      ...(perMinute <= STORM_PER_MINUTE ? [] : [`${perMinute} connections a minute: a retry storm`]),
      // None counted means the counting is broken (a run cannot go through an outage untouched).
      ...(attempts > 0 ? [] : ['no refused connection was recorded: the count cannot be trusted']),
    ];
    return {
      name: 'Salesforce outage',
      injected: `every connection to the org refused (ECONNREFUSED) for ${Math.round(darkMs / 1000)} s mid-run (${profile.accounts} accounts)`,
      counted: {
        'connections attempted while refused (calls recorded ECONNREFUSED)': attempts,
        'per minute of outage': perMinute,
        'API calls of the run': report.apiCalls,
        'accounts scored': report.scored,
        'run duration (s)': Math.round((Date.now() - startedAt) / 1000),
      },
      ...verdict(
        problems,
        `at most ${STORM_PER_MINUTE} connections a minute while down; the run completed once Salesforce was back, every account scored and matching the model`,
      ),
    };
  } finally {
    await proxy.close();
    await emulator.close();
    await deleteScenarioKeys(prefix);
  }
}
