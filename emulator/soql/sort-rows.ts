/**
 * Sorts row indices by precomputed key columns: stable (ties keep input order), nulls placed per
 * column, and a bounded heap instead of a full sort when only the first rows are wanted (LIMIT).
 */

export type SortValue = string | number | null;

export interface SortColumn {
  readonly values: readonly SortValue[];
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

type Compare = (a: number, b: number) => number;

function compareColumn(column: SortColumn, a: number, b: number): number {
  const left = column.values[a] ?? null;
  const right = column.values[b] ?? null;
  if (left === right) return 0;
  if (left === null) return column.nullsFirst ? -1 : 1;
  if (right === null) return column.nullsFirst ? 1 : -1;
  const ascending = left < right ? -1 : 1;
  return column.descending ? -ascending : ascending;
}

/** A total order: the row index breaks ties, which makes every sort stable. */
function comparatorOf(columns: readonly SortColumn[]): Compare {
  const [only] = columns;
  if (columns.length === 1 && only !== undefined) return (a, b) => compareColumn(only, a, b) || a - b;
  return (a, b) => {
    for (const column of columns) {
      const result = compareColumn(column, a, b);
      if (result !== 0) return result;
    }
    return a - b;
  };
}

function swap(heap: number[], i: number, j: number): void {
  const kept = heap[i] ?? 0;
  heap[i] = heap[j] ?? 0;
  heap[j] = kept;
}

/** The `k` first indices: a max-heap holds the best k seen, its root the worst of them. */
function firstK(compare: Compare, count: number, k: number): number[] {
  const heap: number[] = [];
  for (let row = 0; row < count; row += 1) {
    if (heap.length < k) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i] ?? 0, heap[parent] ?? 0) <= 0) break;
        swap(heap, i, parent);
        i = parent;
      }
    } else if (k > 0 && compare(row, heap[0] ?? 0) < 0) {
      heap[0] = row;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        let worst = i;
        if (left < k && compare(heap[left] ?? 0, heap[worst] ?? 0) > 0) worst = left;
        if (left + 1 < k && compare(heap[left + 1] ?? 0, heap[worst] ?? 0) > 0) worst = left + 1;
        if (worst === i) break;
        swap(heap, i, worst);
        i = worst;
      }
    }
  }
  return heap.sort(compare);
}

/** Row indices `0..count-1` in sorted order; only the first `take` of them when given. */
export function sortedIndices(columns: readonly SortColumn[], count: number, take?: number): number[] {
  const compare = comparatorOf(columns);
  if (take !== undefined && take * 8 < count) return firstK(compare, count, take);
  const order = Array.from({ length: count }, (_value, index) => index);
  order.sort(compare);
  return take === undefined ? order : order.slice(0, take);
}
