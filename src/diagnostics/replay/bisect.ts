/**
 * Bisect: for a batch that failed as a whole (every record got the same trigger or governor-limit
 * error, a Bulk batch failed), finds the records whose presence makes it fail by replaying
 * sub-batches. Assumes a batch fails iff it holds at least one such record (a "culprit").
 *
 * Strategy (adaptive group testing, "find one, then check the rest"):
 *   1. Try the whole batch once. If it succeeds, the failure does not reproduce: stop.
 *   2. In a set known to fail, try its first half. If the half fails, the culprit search goes on in
 *      it and the other half is put aside, unknown. If it succeeds, its records are innocent for
 *      good and the other half is known to fail without trying it. Down to one record: a culprit.
 *   3. Try everything put aside at once. If it succeeds, done; if it fails, go to 2 with it.
 * A record that succeeded once is never sent again, and a set known to fail is never tried.
 * Cost: 1 + k·(⌈log2 n⌉ + 1) calls at most for k culprits among n (19 for n = 200, k = 2).
 *
 * With real writes every sub-batch that succeeds is committed: they are returned, and the caller
 * must say so before starting (`bisectCommitNotice`).
 */
import { AppError } from '../../errors/app-error.js';

export type BatchOutcome = 'ok' | 'fail';

export interface BisectOptions {
  /** Stop after this many calls with a partial answer (`complete: false`). */
  readonly maxCalls?: number;
}

export interface BisectResult<T> {
  /** The records whose presence makes a batch fail, in input order. */
  readonly culprits: T[];
  readonly calls: number;
  /** False when the whole batch succeeded on the first call: the failure did not reproduce. */
  readonly reproduced: boolean;
  /** False when `maxCalls` stopped the search: `culprits` is then what was found so far. */
  readonly complete: boolean;
  /** Records neither cleared nor found to be culprits when the search stopped (empty when complete). */
  readonly unresolved: T[];
  /** Every batch that succeeded, in call order: with real writes, these records are now written. */
  readonly committed: T[][];
}

/** Enough for k = 4 among 200 records with room to spare; each call spends API budget. */
export const DEFAULT_MAX_CALLS = 50;

/**
 * A bisect stopped because `tryBatch` threw (auth lost, network down, budget spent). Carries what
 * was learnt so far — above all the sub-batches already committed, which a caller must report.
 */
export class BisectInterruptedError<T> extends AppError {
  readonly partial: BisectResult<T>;

  constructor(partial: BisectResult<T>, cause: unknown) {
    const written = partial.committed.reduce((sum, batch) => sum + batch.length, 0);
    super(
      'bisect_interrupted',
      `Bisect stopped after ${partial.calls} call(s): a sub-batch could not be tried ` +
        `(${cause instanceof Error ? cause.message : String(cause)}). ${written} record(s) in ` +
        `${partial.committed.length} successful sub-batch(es) were already sent.`,
      { errorClass: 'transient', cause },
    );
    this.partial = partial;
  }
}

/** What to tell the person starting a bisect of a write, before the first call. */
export function bisectCommitNotice(count: number): string {
  return (
    `Bisect re-sends these ${count} records in sub-batches, for real: every sub-batch that succeeds ` +
    'is written to Salesforce at once and stays written. Only the records found to make the batch ' +
    'fail are left unwritten.'
  );
}

const byPosition = (a: number, b: number): number => a - b;

export async function bisect<T>(
  records: readonly T[],
  tryBatch: (batch: readonly T[]) => Promise<BatchOutcome>,
  options: BisectOptions = {},
): Promise<BisectResult<T>> {
  const maxCalls = options.maxCalls ?? DEFAULT_MAX_CALLS;
  if (!Number.isInteger(maxCalls) || maxCalls < 1) {
    throw new RangeError(`bisect: maxCalls must be a whole number of at least 1, got ${maxCalls}`);
  }
  // Positions, not records: records may repeat or be alike; positions never are.
  const pick = (positions: readonly number[]): T[] => positions.map((at) => records[at] as T);
  const culprits = new Set<number>();
  const cleared = new Set<number>();
  const committed: T[][] = [];
  let calls = 0;

  const result = (complete: boolean, reproduced = true): BisectResult<T> => {
    const positions = records.map((_, at) => at);
    return {
      culprits: pick(positions.filter((at) => culprits.has(at))),
      calls,
      reproduced,
      complete,
      unresolved: pick(positions.filter((at) => !culprits.has(at) && !cleared.has(at))),
      committed: committed.map((batch) => [...batch]),
    };
  };

  /** One replay of a sub-batch; undefined when the call budget is spent. */
  const attempt = async (positions: readonly number[]): Promise<BatchOutcome | undefined> => {
    if (calls >= maxCalls) return undefined;
    calls += 1;
    const batch = pick(positions);
    let outcome: BatchOutcome;
    try {
      outcome = await tryBatch(batch);
    } catch (error) {
      throw new BisectInterruptedError(result(false), error);
    }
    if (outcome === 'ok') {
      committed.push(batch);
      for (const at of positions) cleared.add(at);
    }
    return outcome;
  };

  if (records.length === 0) return result(true, false);
  const all = records.map((_, at) => at);
  if ((await attempt(all)) === 'ok') return result(true, false);

  // `failing` is known to hold a culprit (so it is never tried as a whole again).
  let failing: number[] = all;
  for (;;) {
    // What is put aside holds a culprit or not: it is tried, all at once, after this one is found.
    const aside: number[] = [];
    while (failing.length > 1) {
      const half = Math.ceil(failing.length / 2);
      const tried = failing.slice(0, half);
      const other = failing.slice(half);
      const outcome = await attempt(tried);
      if (outcome === undefined) return result(false);
      if (outcome === 'fail') {
        aside.push(...other);
        failing = tried;
      } else failing = other;
    }
    for (const at of failing) culprits.add(at);
    if (aside.length === 0) return result(true);
    aside.sort(byPosition);
    const rest = await attempt(aside);
    if (rest === undefined) return result(false);
    if (rest === 'ok') return result(true);
    failing = aside;
  }
}
