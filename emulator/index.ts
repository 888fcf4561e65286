/**
 * A local Salesforce org on 127.0.0.1: `startEmulator(options)` seeds an org, listens, and returns
 * its URL, the credentials it accepts and a `close()`. Used by `pulse emulator`, `pulse demo`,
 * the integration tests (port 0) and the benchmarks. Imports nothing from src/.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createSessionStore } from './auth/sessions.js';
import { createBulkJobStore } from './bulk/bulk-jobs.js';
import { ingestJobRoutes } from './bulk/ingest-jobs.js';
import { createIngestProcessor } from './bulk/ingest-processing.js';
import { queryJobRoutes } from './bulk/query-jobs.js';
import { CURRENCY_RATES } from './data/index.js';
import { seedOrg, type SeedInputs } from './data/seed-org.js';
import { createFaultDecider } from './faults/fault-decider.js';
import { checkLatency, resolveFaultProfile } from './faults/fault-profile.js';
import { resolveOptions, type EmulatorOptions, type ResolvedEmulatorOptions } from './options.js';
import { createApiUsage } from './org/api-usage.js';
import { createClock } from './org/clock.js';
import { createDailyAllocation } from './org/daily-allocation.js';
import { createIdFactory, to18 } from './org/ids.js';
import { createOrgStore } from './org/org-store.js';
import { createVisibility } from './org/visibility.js';
import { collectionsRoutes } from './rest/collections-routes.js';
import { describeRoutes } from './rest/describe-routes.js';
import { limitsRoutes } from './rest/limits-routes.js';
import { createQueryCursorStore } from './rest/query-cursors.js';
import { queryRoutes } from './rest/query-routes.js';
import { sobjectRoutes } from './rest/sobject-routes.js';
import { buildOrgSchemas } from './schema/index.js';
import type { EmulatorState } from './server/emulator-state.js';
import { createInFlightTracker } from './server/in-flight.js';
import { createRequestListener } from './server/request-listener.js';
import { testControlRoutes } from './server/test-control-endpoints.js';
import { testEndpointRoutes } from './server/test-endpoints.js';

export type { EmulatorOptions } from './options.js';
export type { ValidationRule } from './rest/validation-rules.js';
export type { FaultProfileInput, FaultsOption, LatencyOption } from './faults/fault-profile.js';
export { BUILT_IN_PROFILES, resolveFaultProfile } from './faults/fault-profile.js';

export interface EmulatorCredentials {
  readonly username: string;
  readonly password: string;
  readonly securityToken?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** A refresh token issued to the integration user at start (refresh-token flow). */
  readonly refreshToken: string;
  /** The private key matching the JWT certificate, when the emulator made the key pair itself. */
  readonly jwtPrivateKeyPem?: string;
  readonly jwtAudience: string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: the login URL and the instance URL alike. */
  readonly url: string;
  readonly credentials: EmulatorCredentials;
  readonly options: ResolvedEmulatorOptions;
  /** The org's internals, for in-process tests and benchmarks. */
  readonly state: EmulatorState;
  close(): Promise<void>;
}

const ORG_ID_15 = '00D5e0000000001';

function jwtKeys(options: ResolvedEmulatorOptions): { publicKeyPem: string; privateKeyPem?: string } {
  if (options.jwtCertificatePem) return { publicKeyPem: options.jwtCertificatePem };
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: pair.publicKey, privateKeyPem: pair.privateKey };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startEmulator(input: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = resolveOptions(input);
  // Options that can be wrong fail before the org is seeded.
  const profile = resolveFaultProfile(options.faults);
  const latency = options.latencyMs === undefined ? profile.latency : checkLatency(options.latencyMs);
  const clock = createClock(options.now);
  const multiCurrency = options.currencies.length > 1;
  const schemas = buildOrgSchemas({
    missingFields: options.missingFields,
    readOnlyFields: options.readOnlyFields,
    entitlements: options.entitlements,
    multiCurrency,
  });
  const ids = createIdFactory();
  const rates = multiCurrency
    ? new Map([...Object.entries(CURRENCY_RATES)].filter(([code]) => options.currencies.includes(code)))
    : new Map<string, number>();
  const store = createOrgStore({
    schemas,
    clock,
    ids,
    deletedRetentionMs: options.deletedRetentionMs,
    currencyRates: rates,
  });
  const seedInputs: SeedInputs = {
    accounts: options.accounts,
    seed: options.seed,
    currencies: options.currencies,
    importDir: options.importDir,
    username: options.username,
    accountVisibility: options.accountVisibility,
    seededAt: clock.now(),
  };
  const seeded = seedOrg(store, schemas, ids, seedInputs);
  const keys = jwtKeys(options);
  const sessions = createSessionStore(ORG_ID_15, options.accessTokenTtlMs, clock);
  const visibility = createVisibility(options.accountVisibility, store, options.seed, () => seeded.apiUserId);
  visibility.refresh();
  const usage = createApiUsage(options.apiLimit, clock);
  usage.setUsed(options.apiUsedAtStart);

  const state: EmulatorState = {
    options,
    clock,
    store,
    usage,
    sessions,
    cursors: createQueryCursorStore(clock, options.queryLocatorTtlMs),
    orgId: to18(ORG_ID_15),
    apiUserId: seeded.apiUserId,
    adminId: seeded.adminId,
    jwtPublicKeyPem: keys.publicKeyPem,
    callCounts: new Map(),
    validationRules: [...options.validationRules],
    visibility,
    faults: createFaultDecider(options.faultSeed ?? options.seed, { ...profile, latency }),
    inFlight: createInFlightTracker(),
    bulk: createBulkJobStore(clock, {
      processingMs: options.bulkProcessingMs,
      retentionMs: options.bulkJobRetentionMs,
    }),
    bulkLimits: {
      queryJobs: createDailyAllocation(options.bulkQueryJobLimit, clock),
      batches: createDailyAllocation(options.bulkBatchLimit, clock),
    },
    reset() {
      ids.reset();
      store.clear();
      const again = seedOrg(store, schemas, ids, seedInputs);
      if (again.apiUserId !== seeded.apiUserId) throw new Error('reset: the org did not seed the same way');
      visibility.refresh();
      state.bulk.clear();
      state.cursors.clear();
      state.faults.reset();
      usage.setUsed(options.apiUsedAtStart);
      state.bulkLimits.queryJobs.setUsed(0);
      state.bulkLimits.batches.setUsed(0);
      state.validationRules.splice(0, state.validationRules.length, ...options.validationRules);
    },
    baseUrl: '',
  };
  state.bulk.attach(createIngestProcessor(state));
  const rest = [
    ...queryRoutes(state),
    ...describeRoutes(state, clock.now()),
    ...collectionsRoutes(state),
    ...sobjectRoutes(state),
    ...limitsRoutes(state),
    ...queryJobRoutes(state),
    ...ingestJobRoutes(state),
  ];
  const plain = options.testEndpoints ? [...testEndpointRoutes(state), ...testControlRoutes(state)] : [];
  const server = createServer(createRequestListener(state, { rest, plain }));
  server.keepAliveTimeout = 30_000;
  const port = await listen(server, options.port, options.host);
  state.baseUrl = `http://${options.host}:${port}`;

  return {
    url: state.baseUrl,
    credentials: {
      username: options.username,
      password: options.password,
      ...(options.securityToken ? { securityToken: options.securityToken } : {}),
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      refreshToken: sessions.issueRefreshToken(seeded.apiUserId, options.clientId),
      ...(keys.privateKeyPem ? { jwtPrivateKeyPem: keys.privateKeyPem } : {}),
      jwtAudience: options.jwtAudience,
    },
    options,
    state,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
