/**
 * A layer of raw configuration (one YAML file, or the environment) with where each value came from,
 * and the merge of layers in order: later layers win, key by key.
 */
import type { ConfigProblem } from './config-error.js';

export interface ValueOrigin {
  /** `config/orgs.yaml:7` or `REDIS_URL`. */
  readonly where: string;
  /** The value as written there, before any parsing. */
  readonly raw: unknown;
}

export interface ConfigLayer {
  readonly data: Record<string, unknown>;
  /** Keyed by dotted path: `orgs.acme.loginUrl`. */
  readonly origins: ReadonlyMap<string, ValueOrigin>;
  readonly problems: readonly ConfigProblem[];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars are replaced whole. */
function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) mergeInto(current, value);
    else target[key] = isPlainObject(value) ? structuredClone(value) : value;
  }
}

export function mergeLayers(layers: readonly ConfigLayer[]): ConfigLayer {
  const data: Record<string, unknown> = {};
  const origins = new Map<string, ValueOrigin>();
  const problems: ConfigProblem[] = [];
  for (const layer of layers) {
    mergeInto(data, layer.data);
    for (const [path, origin] of layer.origins) origins.set(path, origin);
    problems.push(...layer.problems);
  }
  return { data, origins, problems };
}

/** The origin of a path, or of its nearest configured parent (a missing key is blamed on its object). */
export function originOf(
  origins: ReadonlyMap<string, ValueOrigin>,
  path: readonly PropertyKey[],
): ValueOrigin | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const origin = origins.get(path.slice(0, length).map(String).join('.'));
    if (origin) return origin;
  }
  return undefined;
}
