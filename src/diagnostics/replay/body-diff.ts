/**
 * A compact, bounded diff of two response bodies, for a TAM to read next to a replay's verdict:
 * JSON bodies path by path (added, removed, changed), anything else (Bulk CSVs, HTML error pages,
 * bodies cut by the recorder) as a line summary. Never the whole bodies: those are in the calls.
 */

export interface JsonChange {
  readonly op: 'added' | 'removed' | 'changed';
  /** `$`, `$[0].errors[0].statusCode`, `$.records[3]["Strange key"]`. */
  readonly path: string;
  /** The values as JSON text, cut to a preview. */
  readonly original?: string;
  readonly replayed?: string;
}

export type BodyDiff =
  | { readonly kind: 'same' }
  /** One side has no body: no response came back (a network error), or it was empty. */
  | { readonly kind: 'absent'; readonly original: boolean; readonly replayed: boolean }
  | { readonly kind: 'json'; readonly changes: readonly JsonChange[]; readonly more: number }
  | {
      readonly kind: 'text';
      /** Lines of the original the replay no longer has, and lines only the replay has (as multisets). */
      readonly removedLines: number;
      readonly addedLines: number;
      /** The first line that differs, by position (1-based). */
      readonly first?: { readonly line: number; readonly original?: string; readonly replayed?: string };
    };

export interface BodyDiffLimits {
  /** Changes listed; the rest are counted in `more`. */
  readonly maxChanges?: number;
  /** Characters of a value or line shown. */
  readonly maxPreview?: number;
}

const DEFAULT_MAX_CHANGES = 40;
const DEFAULT_MAX_PREVIEW = 120;
/** Nodes visited before the walk gives up counting: bodies are bounded (64 KB) but may be deep. */
const MAX_NODES = 50_000;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function parse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const cut = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max)}…`);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function jsonDiff(original: unknown, replayed: unknown, maxChanges: number, maxPreview: number): BodyDiff {
  const changes: JsonChange[] = [];
  let more = 0;
  let nodes = 0;
  const preview = (value: unknown): string => cut(JSON.stringify(value), maxPreview);
  const add = (change: JsonChange): void => {
    if (changes.length < maxChanges) changes.push(change);
    else more += 1;
  };
  const walk = (a: unknown, b: unknown, path: string): void => {
    nodes += 1;
    if (nodes > MAX_NODES) {
      more += 1;
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
        const at = `${path}[${index}]`;
        if (index >= b.length) add({ op: 'removed', path: at, original: preview(a[index]) });
        else if (index >= a.length) add({ op: 'added', path: at, replayed: preview(b[index]) });
        else walk(a[index], b[index], at);
      }
      return;
    }
    if (isPlainObject(a) && isPlainObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const key of keys) {
        const at = IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
        if (!(key in b)) add({ op: 'removed', path: at, original: preview(a[key]) });
        else if (!(key in a)) add({ op: 'added', path: at, replayed: preview(b[key]) });
        else walk(a[key], b[key], at);
      }
      return;
    }
    if (a !== b) add({ op: 'changed', path, original: preview(a), replayed: preview(b) });
  };
  walk(original, replayed, '$');
  return changes.length === 0 && more === 0 ? { kind: 'same' } : { kind: 'json', changes, more };
}

function textDiff(original: string, replayed: string, maxPreview: number): BodyDiff {
  const before = original.split(/\r?\n/);
  const after = replayed.split(/\r?\n/);
  // Multisets, not an alignment: Bulk CSVs come back in any order, and this stays linear.
  const counts = new Map<string, number>();
  for (const line of before) counts.set(line, (counts.get(line) ?? 0) + 1);
  let addedLines = 0;
  for (const line of after) {
    const left = counts.get(line) ?? 0;
    if (left > 0) counts.set(line, left - 1);
    else addedLines += 1;
  }
  const removedLines = [...counts.values()].reduce((sum, left) => sum + left, 0);
  const index = before.findIndex((line, at) => line !== after[at]);
  const firstAt = index === -1 && after.length > before.length ? before.length : index;
  const line = (lines: readonly string[]): string | undefined => {
    const text = lines[firstAt];
    return text === undefined ? undefined : cut(text, maxPreview);
  };
  const originalLine = line(before);
  const replayedLine = line(after);
  return {
    kind: 'text',
    removedLines,
    addedLines,
    ...(firstAt === -1
      ? {}
      : {
          first: {
            line: firstAt + 1,
            ...(originalLine === undefined ? {} : { original: originalLine }),
            ...(replayedLine === undefined ? {} : { replayed: replayedLine }),
          },
        }),
  };
}

export function bodyDiff(
  original: string | undefined,
  replayed: string | undefined,
  limits: BodyDiffLimits = {},
): BodyDiff {
  const maxChanges = limits.maxChanges ?? DEFAULT_MAX_CHANGES;
  const maxPreview = limits.maxPreview ?? DEFAULT_MAX_PREVIEW;
  if (original === replayed) return { kind: 'same' };
  const hasOriginal = original !== undefined && original !== '';
  const hasReplayed = replayed !== undefined && replayed !== '';
  if (!hasOriginal || !hasReplayed) return { kind: 'absent', original: hasOriginal, replayed: hasReplayed };
  const a = parse(original);
  const b = parse(replayed);
  if (a.ok && b.ok) return jsonDiff(a.value, b.value, maxChanges, maxPreview);
  return textDiff(original, replayed, maxPreview);
}
