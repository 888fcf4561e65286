/**
 * Parses raw configuration against a zod schema and turns every failure into a problem that names
 * its key and where it was set. Shared by the main configuration and the model files (health
 * model, SLA calendars) whose schemas live with the code that uses them.
 */
import type { z } from 'zod';

import { ConfigError, type ConfigProblem } from './config-error.js';
import type { ConfigLayer } from './config-layer.js';
import { describeIssue } from './describe-issue.js';
import { readYamlLayer } from './yaml-layer.js';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The parsed, deeply frozen value; or a `ConfigError` with the layer's own problems and the schema's. */
export function validateLayer<Schema extends z.ZodType>(
  layer: ConfigLayer,
  schema: Schema,
): z.output<Schema> {
  const parsed = schema.safeParse(layer.data, { reportInput: true });
  const problems: ConfigProblem[] = [
    ...layer.problems,
    ...(parsed.success ? [] : parsed.error.issues.flatMap((issue) => describeIssue(issue, layer.origins))),
  ];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(parsed.data);
}

/**
 * Reads one YAML file that must exist (e.g. `config/health-model.yaml`) and validates it.
 * @param displayName how messages name the file, e.g. `config/health-model.yaml`
 */
export function loadYamlFile<Schema extends z.ZodType>(
  file: string,
  displayName: string,
  schema: Schema,
): z.output<Schema> {
  return validateLayer(readYamlLayer(file, displayName, { required: true }), schema);
}
