/**
 * Finds the records of a write batch that fail it as a whole (an Apex trigger's uncaught exception
 * fails its whole transaction), writing every other record on the way. Adaptive group testing,
 * "find one, then check the rest" (as the diagnostics bisect): halve the failing set, go on in
 * the first half if it fails, else in the second without sending it; the records put aside are
 * then sent at once. One bad record among 200 costs about log2(200) + 2 calls.
 *
 * Two cases the simple model ("a batch fails iff it holds a bad record") gets wrong are guarded:
 * - A trigger that fails by batch size (not bulkified): a record reached by elimination, never
 *   sent alone, is sent alone before it is blamed.
 * - A trigger that fails every record (a broken setting): when no sub-batch has landed, one record
 *   of the rest is sent alone; if it fails like the first, the rest is reported failed rather than
 *   bisected record by record.
 */
import type { RecordResult } from '../../salesforce/types.js';

export type RecordError = RecordResult['errors'][number];

/**
 * Sends a batch. Answers the error when every record failed with the trigger error `message`
 * (nothing is filed then); otherwise files each record's own result and answers undefined.
 */
export type TrySend<T> = (batch: readonly T[], message: string) => Promise<RecordError | undefined>;

export async function isolateCulprits<T>(
  batch: readonly T[],
  error: RecordError,
  trySend: TrySend<T>,
  fail: (record: T, error: RecordError) => void,
): Promise<void> {
  // `failing` is known to fail as a whole; `lastFailed` is the batch last seen to.
  let failing: readonly T[] = batch;
  let lastFailed: readonly T[] = batch;
  // An object, not a boolean: `send` sets it, and flow analysis cannot see that through a closure.
  const tries = { anyLanded: false };
  const send = async (part: readonly T[]): Promise<RecordError | undefined> => {
    const failure = await trySend(part, error.message);
    if (failure) lastFailed = part;
    else tries.anyLanded = true;
    return failure;
  };
  for (;;) {
    const aside: T[] = [];
    while (failing.length > 1) {
      const half = failing.slice(0, Math.ceil(failing.length / 2));
      const other = failing.slice(half.length);
      if (await send(half)) {
        aside.push(...other);
        failing = half;
      } else failing = other;
    }
    const [suspect] = failing;
    if (suspect) {
      const alone = lastFailed.length === 1 && lastFailed[0] === suspect;
      const failure = alone ? error : await send([suspect]);
      if (failure) fail(suspect, failure);
    }
    if (aside.length === 0) return;
    const restFailure = await send(aside);
    if (!restFailure) return;
    if (!tries.anyLanded) {
      // Every try failed: a second record alone tells a broken trigger from a second bad record.
      const [probe, ...rest] = aside;
      if (probe && rest.length > 0) {
        const probeFailure = await send([probe]);
        if (probeFailure) {
          fail(probe, probeFailure);
          for (const change of rest) fail(change, restFailure);
          return;
        }
        failing = rest;
        continue;
      }
    }
    failing = aside;
  }
}
