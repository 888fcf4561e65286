/**
 * Compares the shape of two JSON values — keys, types, nesting — not their contents. Used by the
 * contract tests: the emulator's answer must have every key of Salesforce's reference payload,
 * with the same kind of value. A reference `null` accepts any value (the field is nullable).
 */

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Differences as `path: expected X, found Y`; empty when `actual` has the reference's shape. */
export function shapeDifferences(reference: unknown, actual: unknown, path = '$'): string[] {
  const expected = kind(reference);
  const found = kind(actual);
  if (expected === 'null') return [];
  if (expected !== found) return [`${path}: expected ${expected}, found ${found}`];
  if (Array.isArray(reference) && Array.isArray(actual)) {
    const [first] = reference as unknown[];
    if (first === undefined) return [];
    if (actual.length === 0) return [`${path}: expected a non-empty array`];
    // Item i is held to the reference's item i where there is one (payloads that mix a success and a
    // failure), else to its first item.
    return actual
      .flatMap((item, index) =>
        shapeDifferences((reference as unknown[])[index] ?? first, item, `${path}[${index}]`),
      )
      .slice(0, 20);
  }
  if (expected === 'object') {
    const ref = reference as Record<string, unknown>;
    const act = actual as Record<string, unknown>;
    return Object.keys(ref).flatMap((key) =>
      key in act ? shapeDifferences(ref[key], act[key], `${path}.${key}`) : [`${path}.${key}: missing`],
    );
  }
  return [];
}
