/**
 * What an emulated org is made of, and its defaults: the credentials it accepts, its size and
 * seed, its clock, its limits and the schema variations the doctor and error paths need.
 */
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
  /** Serve /__emulator/ (records, call counts, clock). Never on by default. */
  readonly testEndpoints?: boolean;
}

export type ResolvedEmulatorOptions = Required<
  Omit<EmulatorOptions, 'now' | 'jwtCertificatePem' | 'securityToken'>
> &
  Pick<EmulatorOptions, 'now' | 'jwtCertificatePem' | 'securityToken'>;

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
  deletedRetentionMs: 15 * 24 * 60 * 60 * 1000,
  queryLocatorTtlMs: 15 * 60 * 1000,
  missingFields: [],
  readOnlyFields: [],
  entitlements: false,
  currencies: ['USD'],
  validationRules: [],
  testEndpoints: false,
} as const satisfies Omit<ResolvedEmulatorOptions, 'now'>;

export function resolveOptions(options: EmulatorOptions): ResolvedEmulatorOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...EMULATOR_DEFAULTS, ...defined };
}
