/**
 * Fault profiles: how often each Salesforce failure is injected (`none`, `default`, `chaos`, or a
 * YAML/JSON file or object extending one of them), plus the latency distribution. Validated with zod.
 */
import { readFileSync } from 'node:fs';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Faults decided once per request (at most one of them hits a request). */
export const REQUEST_FAULT_KINDS = [
  'serverUnavailable',
  'connectionReset',
  'responseDropped',
  'slowResponse',
  'truncatedJson',
  'htmlErrorPage',
  'empty200',
  'sessionExpiry',
  'requestLimitExceeded',
  'concurrentLimitExceeded',
] as const;
export type RequestFaultKind = (typeof REQUEST_FAULT_KINDS)[number];

/** Faults decided per record of a write (single, collection or Bulk batch). */
export const RECORD_FAULT_KINDS = ['unableToLockRow', 'poisonedRecords'] as const;
export type RecordFaultKind = (typeof RECORD_FAULT_KINDS)[number];
export type FaultKind = RequestFaultKind | RecordFaultKind;

const latencySchema = z.union([
  z.number().min(0),
  z.strictObject({ kind: z.literal('fixed'), ms: z.number().min(0) }),
  z.strictObject({ kind: z.literal('uniform'), minMs: z.number().min(0), maxMs: z.number().min(0) }),
  z.strictObject({
    kind: z.literal('lognormal'),
    medianMs: z.number().min(0),
    sigma: z.number().min(0).max(5),
    maxMs: z.number().min(0).optional(),
  }),
]);
export type LatencyOption = z.infer<typeof latencySchema>;

const rate = z.number().min(0).max(1);
const ratesSchema = z.strictObject(
  Object.fromEntries([...REQUEST_FAULT_KINDS, ...RECORD_FAULT_KINDS].map((kind) => [kind, rate.optional()])),
) as z.ZodType<Partial<Record<FaultKind, number>>>;

const BUILT_IN_NAMES = ['none', 'default', 'chaos'] as const;
export type BuiltInProfileName = (typeof BUILT_IN_NAMES)[number];

const profileInputSchema = z.strictObject({
  extends: z.enum(BUILT_IN_NAMES).optional(),
  rates: ratesSchema.optional(),
  /** REQUEST_LIMIT_EXCEEDED comes in bursts: this many consecutive attempts of one request. */
  burstLength: z.int().min(1).max(100).optional(),
  /** How long a slow response takes: past the client's timeout. */
  slowResponseMs: z.int().min(0).optional(),
  /** Records whose trigger always fails (15- or 18-character ids), on top of `rates.poisonedRecords`. */
  poisonedRecordIds: z.array(z.string().regex(/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/)).optional(),
  latency: latencySchema.optional(),
});
export type FaultProfileInput = z.infer<typeof profileInputSchema>;

/** A built-in profile name, a path to a `.yaml`/`.yml`/`.json` profile, or a profile object. */
export type FaultsOption = string | FaultProfileInput;

export interface FaultProfile {
  readonly name: string;
  readonly rates: Readonly<Record<FaultKind, number>>;
  readonly burstLength: number;
  readonly slowResponseMs: number;
  readonly poisonedRecordIds: readonly string[];
  readonly latency: LatencyOption | undefined;
}

const zeroRates = Object.fromEntries(
  [...REQUEST_FAULT_KINDS, ...RECORD_FAULT_KINDS].map((kind) => [kind, 0]),
) as Record<FaultKind, number>;

const NONE: FaultProfile = {
  name: 'none',
  rates: zeroRates,
  burstLength: 1,
  slowResponseMs: 65_000,
  poisonedRecordIds: [],
  latency: undefined,
};

/** Rare, realistic failures: what a healthy production org shows over a long run. */
const DEFAULT: FaultProfile = {
  ...NONE,
  name: 'default',
  rates: {
    ...zeroRates,
    serverUnavailable: 0.005,
    connectionReset: 0.002,
    responseDropped: 0.001,
    slowResponse: 0.001,
    truncatedJson: 0.0005,
    htmlErrorPage: 0.0005,
    empty200: 0.0005,
    sessionExpiry: 0.001,
    requestLimitExceeded: 0.0005,
    concurrentLimitExceeded: 0.0005,
    unableToLockRow: 0.002,
    poisonedRecords: 0.0005,
  },
  burstLength: 3,
};

/** Everything, often: about one request in six fails. */
const CHAOS: FaultProfile = {
  ...NONE,
  name: 'chaos',
  rates: {
    ...zeroRates,
    serverUnavailable: 0.05,
    connectionReset: 0.02,
    responseDropped: 0.01,
    slowResponse: 0.01,
    truncatedJson: 0.01,
    htmlErrorPage: 0.01,
    empty200: 0.01,
    sessionExpiry: 0.01,
    requestLimitExceeded: 0.01,
    concurrentLimitExceeded: 0.01,
    unableToLockRow: 0.05,
    poisonedRecords: 0.01,
  },
  burstLength: 5,
};

export const BUILT_IN_PROFILES: Readonly<Record<BuiltInProfileName, FaultProfile>> = {
  none: NONE,
  default: DEFAULT,
  chaos: CHAOS,
};

function isBuiltIn(name: string): name is BuiltInProfileName {
  return (BUILT_IN_NAMES as readonly string[]).includes(name);
}

/**
 * The profile an option names.
 * @throws Error for an unknown name, an unreadable file, or a profile that fails validation
 *   (unknown keys, rates outside 0-1, request fault rates adding up to more than 1)
 */
export function resolveFaultProfile(option: unknown, name = 'custom'): FaultProfile {
  if (typeof option === 'string') {
    if (isBuiltIn(option)) return BUILT_IN_PROFILES[option];
    if (!/\.(ya?ml|json)$/i.test(option)) {
      throw new Error(`faults: expected none, default, chaos or a .yaml/.json file, got ${option}`);
    }
    const text = readFileSync(option, 'utf8');
    const parsed: unknown = /\.json$/i.test(option) ? JSON.parse(text) : parseYaml(text);
    return resolveFaultProfile(parsed ?? {}, option);
  }
  const result = profileInputSchema.safeParse(option);
  if (!result.success) throw new Error(`faults (${name}): ${z.prettifyError(result.error)}`);
  const input = result.data;
  const base = BUILT_IN_PROFILES[input.extends ?? 'none'];
  const rates = { ...base.rates, ...input.rates };
  const requestTotal = REQUEST_FAULT_KINDS.reduce((sum, kind) => sum + rates[kind], 0);
  if (requestTotal > 1 + 1e-9) {
    throw new Error(`faults (${name}): request fault rates add up to ${requestTotal}, more than 1`);
  }
  return {
    name,
    rates,
    burstLength: input.burstLength ?? base.burstLength,
    slowResponseMs: input.slowResponseMs ?? base.slowResponseMs,
    poisonedRecordIds: input.poisonedRecordIds ?? base.poisonedRecordIds,
    latency: input.latency ?? base.latency,
  };
}

/** Checks a latency option (number or distribution). @throws Error when invalid */
export function checkLatency(option: LatencyOption): LatencyOption {
  const result = latencySchema.safeParse(option);
  if (!result.success) throw new Error(`latencyMs: ${z.prettifyError(result.error)}`);
  return result.data;
}
