/**
 * Where the diagnostics store keeps an org's calls: every key of an org shares its hash tag (one
 * Redis Cluster slot, one transaction), under Pulse's key prefix. Indexes are sorted sets scored by
 * the call's start time, so every filter pages by time and retention is a time cutoff.
 */
export const CALL_FILTER_KINDS = ['code', 'class', 'sobject', 'run', 'job'] as const;
export type CallFilterKind = (typeof CALL_FILTER_KINDS)[number];

export function callKeys(org: string) {
  const base = `diag:{${org}}`;
  return {
    call: (id: string) => `${base}:call:${id}`,
    /** A failed call's listing line (call-line.ts). */
    line: (id: string) => `${base}:line:${id}`,
    /** Every stored call. */
    all: `${base}:all`,
    /** Failed calls. */
    failed: `${base}:failed`,
    /** Failed calls with one value of one filter. */
    index: (kind: CallFilterKind, value: string) => `${base}:failed:${kind}:${value}`,
    /** The index keys in use, for retention. */
    indexes: `${base}:indexes`,
    /** Bytes of the stored calls. */
    bytes: `${base}:bytes`,
  };
}

/** Call id -> org, for routes that name a call by id alone (not in one org's slot). */
export const CALL_ORGS_KEY = 'diag:call-orgs';
