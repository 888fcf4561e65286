/**
 * Rank metrics for scores against churn labels: AUC (the chance a retained account scores higher
 * than a churned one; ties count half), with weights so a bootstrap resample needs no re-sort.
 */

export interface Labelled {
  readonly score: number;
  readonly churned: boolean;
}

/** Items sorted by score, ascending (ties kept together). */
export function sortByScore<T extends Labelled>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.score - b.score);
}

/**
 * AUC of items already sorted by score; `weights[i]` counts item i that many times (a bootstrap
 * resample). Null when either class is absent.
 */
export function aucOfSorted(sorted: readonly Labelled[], weights?: ArrayLike<number>): number | null {
  let churnedTotal = 0;
  let retainedTotal = 0;
  sorted.forEach((item, index) => {
    const weight = weights ? (weights[index] ?? 0) : 1;
    if (item.churned) churnedTotal += weight;
    else retainedTotal += weight;
  });
  if (churnedTotal === 0 || retainedTotal === 0) return null;
  let retainedBelow = 0;
  let favourable = 0;
  for (let start = 0; start < sorted.length;) {
    const score = sorted[start]?.score;
    let churnedHere = 0;
    let retainedHere = 0;
    let end = start;
    for (; end < sorted.length && sorted[end]?.score === score; end += 1) {
      const weight = weights ? (weights[end] ?? 0) : 1;
      if (sorted[end]?.churned) churnedHere += weight;
      else retainedHere += weight;
    }
    // Each churned item here: retained items scoring higher count 1, equal ones count half.
    favourable += churnedHere * (retainedTotal - retainedBelow - retainedHere + retainedHere / 2);
    retainedBelow += retainedHere;
    start = end;
  }
  return favourable / (churnedTotal * retainedTotal);
}

export function auc(items: readonly Labelled[]): number | null {
  return aucOfSorted(sortByScore(items));
}

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same bootstrap, run after run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** Resamples that had both classes (the others have no AUC). */
  readonly samples: number;
}

/** Percentile bootstrap interval of the AUC (95% by default). Null when no resample has both classes. */
export function bootstrapAuc(
  items: readonly Labelled[],
  samples: number,
  seed: number,
  level = 0.95,
): Interval | null {
  const sorted = sortByScore(items);
  const random = seededRandom(seed);
  const weights = new Float64Array(sorted.length);
  const values: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    weights.fill(0);
    for (let draw = 0; draw < sorted.length; draw += 1) {
      const index = Math.floor(random() * sorted.length);
      weights[index] = (weights[index] ?? 0) + 1;
    }
    const value = aucOfSorted(sorted, weights);
    if (value !== null) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  const at = (share: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.floor(share * values.length)))] ?? 0;
  return { low: at(tail), high: at(1 - tail), samples: values.length };
}
