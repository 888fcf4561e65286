/**
 * What an emulated org is made of, and its defaults: the credentials it accepts, its size and
 * seed, its clock, its limits, Bulk API 2.0 pacing, faults and latency, and the doctor's variations.
 */
import type { FaultsOption, LatencyOption } from './faults/fault-profile.js';
import type { ValidationRule } from './rest/validation-rules.js';

export interface EmulatorOptions {
  /** 0 picks a free port (tests). Default 0. */
  readonly port?: number;
  /** Default 127.0.0.1: the emulator never listens beyond this machine. */
  readonly host?: string;
  readonly accounts?: number;
  readonly seed?: number;
  /** Where the org's clock starts; generated data is relative to it. Default: the real time. */
  readonly now?: Date;
  readonly username?: string;
  readonly password?: string;
  /** Appended to the password in the password flow, as Salesforce requires from untrusted IPs. Default none. */
  readonly securityToken?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** PEM certificate or public key that JWT bearer assertions must be signed for. Default: a key pair made at start. */
  readonly jwtCertificatePem?: string;
  /** The JWT `aud` the org accepts. Salesforce requires its login host, never the instance URL. */
  readonly jwtAudience?: string;
  readonly accessTokenTtlMs?: number;
  readonly refreshTokenRotation?: boolean;
  /** Whether the connected app has a "Run As" user for the client-credentials flow. Default true. */
  readonly clientCredentialsEnabled?: boolean;
  /** Daily API request allocation (Sforce-Limit-Info max). */
  readonly apiLimit?: number;
  /** Daily API requests already used when the org starts (a spent budget without test endpoints). Default 0. */
  readonly apiUsedAtStart?: number;
  readonly deletedRetentionMs?: number;
  readonly queryLocatorTtlMs?: number;
  /** `Object.Field` names left undeployed (missing from describe, INVALID_FIELD in SOQL). */
  readonly missingFields?: readonly string[];
  /** `Object.Field` names the integration user cannot edit (field-level security). */
  readonly readOnlyFields?: readonly string[];
  /** Entitlement Management on: CaseMilestone exists. */
  readonly entitlements?: boolean;
  /** More than one currency makes the org multi-currency (CurrencyIsoCode fields, convertCurrency). */
  readonly currencies?: readonly string[];
  readonly validationRules?: readonly ValidationRule[];
  /** Serve /__emulator/ (records, call counts, clock, changes, reset). Never on by default. */
  readonly testEndpoints?: boolean;
  /**
   * `all` (default): the integration user has View All on Account, Opportunity and Case.
   * `restricted`: it lacks View All and sees only accounts owned by about half of the users, and
   * only the children of those accounts, in every query, queryAll, retrieve and Bulk query.
   */
  readonly accountVisibility?: 'all' | 'restricted';
  /** Load the org from CSV files in this directory instead of generating it (see emulator/README.md). */
  readonly importDir?: string;
  /** `none` (default), `default`, `chaos`, a YAML/JSON profile file, or a profile object. */
  readonly faults?: FaultsOption;
  /** Seed of the fault and latency decisions. Default: `seed`. */
  readonly faultSeed?: number;
  /** Latency added to every REST call: fixed milliseconds or a distribution. Overrides the profile's. */
  readonly latencyMs?: LatencyOption;
  /** A request in flight this long counts as long-running (Salesforce: 20 s). */
  readonly longRequestMs?: number;
  /** Long-running requests allowed at once; one more gets ConcurrentPerOrgLongTxn (Salesforce: 25, 5 on Developer Edition). */
  readonly longRequestConcurrency?: number;
  /** Records per internal Bulk ingest batch (Salesforce: 10,000). */
  readonly bulkBatchSize?: number;
  /** Org-clock time one internal Bulk batch (or one query job) takes to process. */
  readonly bulkProcessingMs?: number;
  /** Rows per Bulk query result set when the client gives no maxRecords. */
  readonly bulkQueryPageSize?: number;
  /** DailyBulkV2QueryJobs maximum. */
  readonly bulkQueryJobLimit?: number;
  /** DailyBulkApiBatches maximum (shared by Bulk API 1.0 and 2.0 ingest). */
  readonly bulkBatchLimit?: number;
  /** How long a finished Bulk job and its results are kept (Salesforce: 7 days). */
  readonly bulkJobRetentionMs?: number;
}

type Optional = 'now' | 'jwtCertificatePem' | 'securityToken' | 'importDir' | 'faultSeed' | 'latencyMs';

export type ResolvedEmulatorOptions = Required<Omit<EmulatorOptions, Optional>> &
  Pick<EmulatorOptions, Optional>;

export const EMULATOR_DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  accounts: 200,
  seed: 42,
  username: 'integration@pulse.emulator',
  password: 'pulse-emulator-password',
  clientId: 'pulse-emulator-client-id',
  clientSecret: 'pulse-emulator-client-secret',
  jwtAudience: 'https://login.salesforce.com',
  accessTokenTtlMs: 2 * 60 * 60 * 1000,
  refreshTokenRotation: false,
  clientCredentialsEnabled: true,
  apiLimit: 100_000,
  apiUsedAtStart: 0,
  deletedRetentionMs: 15 * 24 * 60 * 60 * 1000,
  queryLocatorTtlMs: 15 * 60 * 1000,
  missingFields: [],
  readOnlyFields: [],
  entitlements: false,
  currencies: ['USD'],
  validationRules: [],
  testEndpoints: false,
  accountVisibility: 'all',
  faults: 'none',
  longRequestMs: 20_000,
  longRequestConcurrency: 25,
  bulkBatchSize: 10_000,
  bulkProcessingMs: 50,
  bulkQueryPageSize: 50_000,
  bulkQueryJobLimit: 10_000,
  bulkBatchLimit: 15_000,
  bulkJobRetentionMs: 7 * 24 * 60 * 60 * 1000,
} as const satisfies Omit<ResolvedEmulatorOptions, Optional>;

export function resolveOptions(options: EmulatorOptions): ResolvedEmulatorOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...EMULATOR_DEFAULTS, ...defined };
}
