/**
 * How a replay came out against the call it replayed: `transient` (it failed, it now succeeds),
 * `persistent` (the same error — for a collection, the same records failing with the same codes),
 * `changed` (anything else, two successes included: the diff says what differs). Pure; reads only
 * what the call store keeps (status, error codes, per-record errors, the bounded response body).
 */
import type { RecordError } from '../call-store/stored-call.js';
import { bodyDiff, type BodyDiff, type BodyDiffLimits } from './body-diff.js';

export type Verdict = 'transient' | 'persistent' | 'changed';

export interface CallOutcome {
  /** Undefined: no response came back (a network error, a timeout). */
  readonly status?: number;
  readonly errorCodes?: readonly string[];
  readonly recordErrors?: readonly RecordError[];
  readonly responseBody?: string;
}

/** One record whose outcome differs: `ok`, its error code, or `not processed` (the call failed whole). */
export interface RecordOutcomeChange {
  readonly index: number;
  readonly id?: string;
  readonly original: string;
  readonly replayed: string;
}

export interface ReplayDiff {
  /** One line for a TAM: what the original did, what the replay did. */
  readonly summary: string;
  /** Only when they differ; null is "no response". */
  readonly status?: { readonly original: number | null; readonly replayed: number | null };
  /** Only when they differ: the codes the replay has that the original had not, and the reverse. */
  readonly errorCodes?: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** Only when some record's outcome differs; `more` counts those not listed. */
  readonly records?: { readonly changed: readonly RecordOutcomeChange[]; readonly more: number };
  readonly body: BodyDiff;
}

export interface ReplayComparison {
  readonly verdict: Verdict;
  readonly diff: ReplayDiff;
}

const MAX_RECORD_CHANGES = 50;
const OK = 'ok';
const NOT_PROCESSED = 'not processed';

const codesOf = (outcome: CallOutcome): string[] => [...new Set(outcome.errorCodes ?? [])].sort();

export function succeeded(outcome: CallOutcome): boolean {
  const { status } = outcome;
  return (
    status !== undefined &&
    status >= 200 &&
    status < 300 &&
    (outcome.errorCodes?.length ?? 0) === 0 &&
    (outcome.recordErrors?.length ?? 0) === 0
  );
}

/** Each record's outcome by request position: its error code, else `ok` if the call got through. */
function recordOutcomes(outcome: CallOutcome): {
  readonly byIndex: ReadonlyMap<number, RecordError>;
  readonly otherwise: string;
} {
  const got = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
  return {
    byIndex: new Map((outcome.recordErrors ?? []).map((error) => [error.index, error])),
    otherwise: got ? OK : NOT_PROCESSED,
  };
}

function recordChanges(original: CallOutcome, replayed: CallOutcome): RecordOutcomeChange[] {
  const a = recordOutcomes(original);
  const b = recordOutcomes(replayed);
  const indexes = [...new Set([...a.byIndex.keys(), ...b.byIndex.keys()])].sort((x, y) => x - y);
  return indexes.flatMap((index) => {
    const before = a.byIndex.get(index);
    const after = b.byIndex.get(index);
    const was = before?.errorCode ?? a.otherwise;
    const now = after?.errorCode ?? b.otherwise;
    if (was === now) return [];
    const id = before?.id ?? after?.id;
    return [{ index, ...(id === undefined ? {} : { id }), original: was, replayed: now }];
  });
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((item, index) => item === b[index]);

function sameFailure(original: CallOutcome, replayed: CallOutcome): boolean {
  const codes = codesOf(original);
  if (!sameList(codes, codesOf(replayed))) return false;
  if (recordChanges(original, replayed).length > 0) return false;
  // Without codes (a 500 with an HTML page), the status is all there is to compare.
  return codes.length > 0 || original.status === replayed.status;
}

function describe(outcome: CallOutcome): string {
  const status = outcome.status === undefined ? 'no response' : String(outcome.status);
  const codes = codesOf(outcome);
  const records = outcome.recordErrors?.length ?? 0;
  const head = codes.length > 0 ? `${status} ${codes.join(', ')}` : status;
  return records > 0 ? `${head}, ${records} record(s) failed` : head;
}

function summaryOf(verdict: Verdict, original: CallOutcome, replayed: CallOutcome): string {
  const was = `${succeeded(original) ? 'succeeded' : 'failed'} (${describe(original)})`;
  const now = `${succeeded(replayed) ? 'succeeds' : 'fails'} (${describe(replayed)})`;
  switch (verdict) {
    case 'transient':
      return `transient: the call ${was}; the replay ${now}.`;
    case 'persistent':
      return `persistent: the call ${was}; the replay fails the same way.`;
    case 'changed':
      return `changed: the call ${was}; the replay ${now}.`;
  }
}

export function verdictOf(
  original: CallOutcome,
  replayed: CallOutcome,
  limits: BodyDiffLimits = {},
): ReplayComparison {
  const verdict: Verdict = succeeded(original)
    ? 'changed'
    : succeeded(replayed)
      ? 'transient'
      : sameFailure(original, replayed)
        ? 'persistent'
        : 'changed';
  const [codesBefore, codesAfter] = [codesOf(original), codesOf(replayed)];
  const added = codesAfter.filter((code) => !codesBefore.includes(code));
  const removed = codesBefore.filter((code) => !codesAfter.includes(code));
  const changes = recordChanges(original, replayed);
  return {
    verdict,
    diff: {
      summary: summaryOf(verdict, original, replayed),
      ...(original.status === replayed.status
        ? {}
        : { status: { original: original.status ?? null, replayed: replayed.status ?? null } }),
      ...(added.length > 0 || removed.length > 0 ? { errorCodes: { added, removed } } : {}),
      ...(changes.length > 0
        ? {
            records: {
              changed: changes.slice(0, MAX_RECORD_CHANGES),
              more: Math.max(0, changes.length - MAX_RECORD_CHANGES),
            },
          }
        : {}),
      body: bodyDiff(original.responseBody, replayed.responseBody, limits),
    },
  };
}
