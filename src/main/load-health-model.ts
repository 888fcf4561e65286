/**
 * Loads `config/health-model.yaml` and `config/sla.yaml`, validates both and builds the health
 * model. A bad file throws one ConfigError naming each bad key with its file and line.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import { ConfigError, loadYamlFile, type ConfigProblem } from '../config/index.js';
import { buildHealthModel, HealthModelConfig, SlaConfig, type HealthModel } from '../health/index.js';
import { packageRoot } from './package-root.js';

export interface LoadHealthModelOptions {
  /** Relative file names resolve against this; the process's working directory by default. */
  readonly cwd?: string;
  /** Default `config/health-model.yaml`. */
  readonly modelFile?: string;
  /** Default `config/sla.yaml`. */
  readonly slaFile?: string;
}

export const HEALTH_MODEL_FILE = 'config/health-model.yaml';
export const SLA_FILE = 'config/sla.yaml';

type Read<T> = { readonly value: T } | { readonly problems: readonly ConfigProblem[] };

function read<T>(file: string, load: () => T): Read<T> {
  try {
    return { value: load() };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // A file that is missing or not YAML: say that alone, not every key it therefore lacks.
    const fileProblems = error.problems.filter((problem) => problem.key === file);
    return { problems: fileProblems.length > 0 ? fileProblems : error.problems };
  }
}

/** A model file the admin did not give: theirs under config/ if they have one, else the one Pulse ships. */
function withDefault(cwd: string, file: string): string {
  return existsSync(path.resolve(cwd, file)) ? file : path.join(packageRoot(), file);
}

export function loadHealthModel(options: LoadHealthModelOptions = {}): HealthModel {
  const cwd = options.cwd ?? process.cwd();
  const modelFile = options.modelFile ?? withDefault(cwd, HEALTH_MODEL_FILE);
  const slaFile = options.slaFile ?? withDefault(cwd, SLA_FILE);
  // Both files are read before failing, so an admin sees every problem at once.
  const model = read(modelFile, () =>
    loadYamlFile(path.resolve(cwd, modelFile), modelFile, HealthModelConfig),
  );
  const sla = read(slaFile, () => loadYamlFile(path.resolve(cwd, slaFile), slaFile, SlaConfig));
  if ('problems' in model || 'problems' in sla) {
    throw new ConfigError([
      ...('problems' in model ? model.problems : []),
      ...('problems' in sla ? sla.problems : []),
    ]);
  }
  return buildHealthModel(model.value, sla.value);
}
