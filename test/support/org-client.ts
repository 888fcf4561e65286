/**
 * A SalesforceClient for an emulated org, as a worker builds it: its own Redis connections under
 * the test file's key prefix, a recorder that keeps call records in an array.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Redis } from 'ioredis';

import type { RunningEmulator } from '../../emulator/index.js';
import { OrgConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { createRedactor } from '../../src/redaction/redactor.js';
import { createSalesforceClient, type SalesforceClient } from '../../src/salesforce/salesforce-client.js';
import type { CallRecord } from '../../src/salesforce/transport/call-record.js';
import { TEST_REDIS_URL } from './redis-url.js';

export type Flow = 'password' | 'client_credentials' | 'refresh_token' | 'jwt';

/** The org configuration for an emulator and a flow, with optional overrides (limits, budget...). */
export function orgConfigFor(
  emulator: RunningEmulator,
  flow: Flow,
  overrides: Record<string, unknown> = {},
): OrgConfig {
  const { credentials } = emulator;
  const common = { loginUrl: emulator.url, clientId: credentials.clientId, ...overrides };
  switch (flow) {
    case 'password':
      return OrgConfig.parse({
        ...common,
        authFlow: 'password',
        clientSecret: credentials.clientSecret,
        username: credentials.username,
        password: credentials.password,
      });
    case 'client_credentials':
      return OrgConfig.parse({
        ...common,
        authFlow: 'client_credentials',
        clientSecret: credentials.clientSecret,
      });
    case 'refresh_token':
      return OrgConfig.parse({
        ...common,
        authFlow: 'refresh_token',
        clientSecret: credentials.clientSecret,
        refreshToken: credentials.refreshToken,
      });
    case 'jwt': {
      const keyFile = path.join(
        tmpdir(),
        `pulse-test-jwt-${process.pid}-${Math.random().toString(36).slice(2)}.pem`,
      );
      writeFileSync(keyFile, credentials.jwtPrivateKeyPem ?? '', { mode: 0o600 });
      return OrgConfig.parse({
        ...common,
        authFlow: 'jwt',
        username: credentials.username,
        privateKeyFile: keyFile,
      });
    }
  }
}

export interface TestOrgClient {
  readonly client: SalesforceClient;
  readonly calls: CallRecord[];
  readonly close: () => Promise<void>;
}

export async function openOrgClient(
  org: OrgConfig,
  options: { orgName: string; redisPrefix: string; maxRefreshes?: number },
): Promise<TestOrgClient> {
  const calls: CallRecord[] = [];
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: options.redisPrefix });
  const client = await createSalesforceClient({
    orgName: options.orgName,
    org,
    redis,
    limiterRedis: new Redis(TEST_REDIS_URL),
    keyPrefix: options.redisPrefix,
    recorder: { record: (call) => calls.push(call) },
    redactor: createRedactor(),
    logger: createLogger({ level: 'silent', format: 'json', redactor: createRedactor() }),
    minBackoffMs: 20,
    ...(options.maxRefreshes === undefined ? {} : { maxRefreshes: options.maxRefreshes }),
  });
  return {
    client,
    calls,
    async close() {
      await client.close();
      await redis.quit();
    },
  };
}
