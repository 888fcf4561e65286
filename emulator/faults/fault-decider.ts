/**
 * Decides, per request, whether a fault hits it and how long it waits — from a hash of (fault seed,
 * request identity, attempt number), never from arrival order, so parallel runs replay exactly.
 *
 * Request identity: `METHOD path?sorted-query #body-digest` (the Authorization header and other
 * headers are left out, tokens change between runs). The attempt number is how many requests with
 * that identity this org saw before (0 for the first). Ids the org mints for a request (query
 * locators, Bulk job ids) are derived from the same pair, so follow-up requests replay too.
 */
import { canonicalId } from '../org/ids.js';
import {
  REQUEST_FAULT_KINDS,
  type FaultKind,
  type FaultProfile,
  type RequestFaultKind,
} from './fault-profile.js';
import { bodyDigest, unitDraw } from './hash.js';
import { sampleLatency } from './latency.js';

export interface RequestTrace {
  readonly identity: string;
  readonly attempt: number;
}

export interface FaultDecision {
  readonly fault: RequestFaultKind | undefined;
  readonly latencyMs: number;
}

export interface InjectedFault {
  readonly kind: FaultKind;
  readonly identity: string;
  readonly attempt: number;
  /** The record (id or key) a record fault hit. */
  readonly record?: string;
}

export interface FaultDecider {
  readonly seed: number;
  readonly profile: FaultProfile;
  setProfile(profile: FaultProfile): void;
  /** Names a request and counts it (the next request with the same identity gets attempt + 1). */
  trace(method: string, url: URL, body: Buffer): RequestTrace;
  decide(trace: RequestTrace): FaultDecision;
  /** Whether the `index`-th record of a batch write fails with UNABLE_TO_LOCK_ROW. */
  recordLocked(scope: string, index: number): boolean;
  /** Whether a record's trigger fails (by id, or by a key standing for a record not yet created). */
  poisoned(recordKey: string): boolean;
  /** Remembers a fault that was applied (tests and `/__emulator/faults`). */
  note(fault: InjectedFault): void;
  readonly injected: readonly InjectedFault[];
  counts(): Record<string, number>;
  /** Forgets attempt numbers and the log (org reset). */
  reset(): void;
}

const MAX_LOG = 10_000;
const LIMIT_KINDS: ReadonlySet<RequestFaultKind> = new Set([
  'requestLimitExceeded',
  'concurrentLimitExceeded',
]);

export function identityOf(method: string, url: URL, body: Buffer): string {
  const query = [...url.searchParams.entries()]
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return `${method} ${url.pathname}${query ? `?${query}` : ''} #${bodyDigest(body)}`;
}

export function createFaultDecider(seed: number, initial: FaultProfile): FaultDecider {
  let profile = initial;
  let poisonedIds = new Set(initial.poisonedRecordIds.map(canonicalId));
  const attempts = new Map<string, number>();
  const log: InjectedFault[] = [];
  const counts = new Map<string, number>();

  /** The fault the draw of one attempt picks, before bursts. */
  const anyRequestFault = (): boolean => REQUEST_FAULT_KINDS.some((kind) => profile.rates[kind] > 0);
  const drawn = (identity: string, attempt: number): RequestFaultKind | undefined => {
    let u = unitDraw(seed, identity, attempt, 'fault');
    for (const kind of REQUEST_FAULT_KINDS) {
      const rate = profile.rates[kind];
      if (u < rate) return kind;
      u -= rate;
    }
    return undefined;
  };

  return {
    seed,
    get profile() {
      return profile;
    },
    setProfile(next) {
      profile = next;
      poisonedIds = new Set(next.poisonedRecordIds.map(canonicalId));
    },
    trace(method, url, body) {
      const identity = identityOf(method, url, body);
      const attempt = attempts.get(identity) ?? 0;
      attempts.set(identity, attempt + 1);
      return { identity, attempt };
    },
    decide({ identity, attempt }) {
      const faulty = anyRequestFault();
      if (!faulty && profile.latency === undefined) return { fault: undefined, latencyMs: 0 };
      let fault = faulty ? drawn(identity, attempt) : undefined;
      // A limit burst started by one of the previous attempts goes on for burstLength attempts.
      const burst = faulty ? profile.burstLength : 1;
      for (let back = 1; fault === undefined && back < burst && back <= attempt; back += 1) {
        const earlier = drawn(identity, attempt - back);
        if (earlier !== undefined && LIMIT_KINDS.has(earlier)) fault = earlier;
      }
      const latencyMs =
        profile.latency === undefined
          ? 0
          : sampleLatency(
              profile.latency,
              unitDraw(seed, identity, attempt, 'latency'),
              unitDraw(seed, identity, attempt, 'latency-2'),
            );
      return { fault, latencyMs };
    },
    recordLocked(scope, index) {
      const rate = profile.rates.unableToLockRow;
      return rate > 0 && unitDraw(seed, scope, index, 'lock') < rate;
    },
    poisoned(recordKey) {
      if (recordKey.length === 18 || recordKey.length === 15) {
        if (/^[a-zA-Z0-9]+$/.test(recordKey) && poisonedIds.has(canonicalId(recordKey))) return true;
      }
      const rate = profile.rates.poisonedRecords;
      return rate > 0 && unitDraw(seed, recordKey, 'poison') < rate;
    },
    note(fault) {
      counts.set(fault.kind, (counts.get(fault.kind) ?? 0) + 1);
      if (log.length < MAX_LOG) log.push(fault);
    },
    get injected() {
      return log;
    },
    counts: () => Object.fromEntries(counts),
    reset() {
      attempts.clear();
      log.length = 0;
      counts.clear();
    },
  };
}
