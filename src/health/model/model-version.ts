/**
 * The model version: a hash of the canonical (parsed, defaults filled, keys sorted) model and SLA
 * configuration, so comments and formatting do not change it and any real change does.
 */
import { createHash } from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** 12 hex characters of the SHA-256 of the canonical JSON. */
export function modelVersionOf(...configs: readonly unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify(canonical(configs)))
    .digest('hex')
    .slice(0, 12);
}
