/**
 * A run through the queue against an emulated org that often fails calls (so some are retried):
 * every call the run's report counts, API and token calls, is in /metrics, and the run's figures
 * are in the run totals, once.
 */
import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { Config } from '../../../src/config/index.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedis } from '../../../src/main/create-redis.js';
import { createMetricsReader } from '../../../src/metrics/metrics-reader.js';
import { createQueueConnection } from '../../../src/queue/org-queue.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { orgConfigFor } from '../../support/org-client.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';

const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });

let emulator: RunningEmulator;
beforeAll(async () => {
  // Transient failures often enough that a small run retries some calls, and now and then an
  // expired session costs a token call of its own. Not more often: a fourth refresh within five
  // minutes stops an org's work as a refresh loop (3.4% of runs failed at 5% expiries).
  emulator = await startEmulator({
    accounts: 300,
    seed: 29,
    faults: { rates: { serverUnavailable: 0.2, connectionReset: 0.1, sessionExpiry: 0.02 } },
    testEndpoints: true,
  });
});
afterAll(async () => {
  await emulator.close();
});

/** `name{labels} value` lines of one metric, filtered by a label. */
function values(text: string, name: string, label: string): number[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(label))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

redisTest(
  "a run's calls and figures are in /metrics",
  async ({ redisPrefix, rawRedis: _cleanup }) => {
    // Attempts enough that a call failing three times in a row still lands: the run completes.
    const org = orgConfigFor(emulator, 'password', { writeBack: true, requestLimits: { maxAttempts: 8 } });
    const config = Config.parse({ redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix } });
    const report = await syncInProcess({ config, orgName: 'acme', org });
    expect([report.status, report.error]).toEqual(['completed', undefined]);
    expect(report.written).toBeGreaterThan(0);

    // serve's reader: the org as configured there (the run used the same one).
    const serveConfig = { ...config, orgs: { acme: org } };
    const redis = createRedis(config.redis, logger);
    const connection = createQueueConnection(config.redis, logger);
    const reader = createMetricsReader({
      config: serveConfig,
      redis,
      connection,
      logger,
      processMetrics: false,
    });
    try {
      const text = await reader.render();
      const calls = values(text, 'pulse_salesforce_calls_total', 'org="acme"');
      expect(calls.reduce((total, value) => total + value, 0)).toBe(report.apiCalls + report.tokenCalls);
      expect(
        values(text, 'pulse_salesforce_calls_total', 'endpoint="token"').reduce((a, b) => a + b, 0),
      ).toBe(report.tokenCalls);
      // Each retry follows a failed attempt (an HTTP error, no response, or a 2xx answer Pulse could
      // not read), and every API call that failed for a transient reason was retried (the run
      // completed): at least one retry each. (Which requests the emulator spoils depends on their
      // contents, so how many there are varies from run to run, none included.)
      const sumOf = (pattern: RegExp): number =>
        text
          .split('\n')
          .filter((line) => pattern.test(line))
          .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)))
          .reduce((a, b) => a + b, 0);
      const failedAttempts =
        sumOf(/^pulse_salesforce_calls_total\{org="acme",.*status="(network|[45]\d\d)"/) +
        sumOf(/^pulse_salesforce_calls_total\{org="acme",.*error_code="MALFORMED_RESPONSE"/);
      const apiTransient = sumOf(
        /^pulse_salesforce_calls_total\{org="acme",endpoint="(?!token")[^"]*",.*status="(network|503)"/,
      );
      const retries = values(text, 'pulse_salesforce_call_retries_total', 'org="acme"').reduce(
        (a, b) => a + b,
        0,
      );
      expect(retries).toBeGreaterThanOrEqual(apiTransient);
      expect(retries).toBeLessThanOrEqual(failedAttempts);
      // The histograms count the same calls.
      expect(
        values(text, 'pulse_salesforce_call_duration_seconds_count', 'org="acme"').reduce((a, b) => a + b, 0),
      ).toBe(report.apiCalls + report.tokenCalls);
      expect(text).toContain('pulse_sync_runs_total{org="acme",status="completed",mode="full"} 1');
      expect(text).toContain(
        `pulse_sync_records_pulled_total{org="acme",object="Account"} ${report.pulled['Account']}`,
      );
      expect(text).toContain(`pulse_sync_accounts_scored_total{org="acme"} ${report.scored}`);
      expect(text).toContain(`pulse_sync_accounts_total{org="acme",outcome="written"} ${report.written}`);
      expect(text).toContain(
        `pulse_sync_last_run_salesforce_calls{org="acme",kind="api"} ${report.apiCalls}`,
      );
      expect(text).toContain('pulse_sync_last_run_success{org="acme"} 1');
      // The run is over: its queue is empty, nothing holds or waits for a limiter slot.
      expect(text).toContain('pulse_queue_jobs{org="acme",state="active"} 0');
      expect(text).toContain('pulse_salesforce_limiter_queued{org="acme"} 0');
      expect(text).toMatch(/pulse_salesforce_api_requests_used\{org="acme"\} [1-9]/);
    } finally {
      await reader.close();
      redis.disconnect();
      connection.disconnect();
    }
  },
  60_000,
);
