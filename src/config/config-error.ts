/**
 * A configuration that cannot be used. It carries every problem found, so an admin fixes them in
 * one pass instead of one start-up per typo. Messages never contain a secret's value.
 */
import { AppError } from '../errors/app-error.js';

export interface ConfigProblem {
  /** The configuration key, dotted (`orgs.acme.loginUrl`), or the variable name for a bad variable. */
  readonly key: string;
  /** Where the value came from: `config/orgs.yaml:7` or an environment variable's name. */
  readonly where?: string;
  /** What was expected and what was found. */
  readonly message: string;
}

export function formatProblem(problem: ConfigProblem): string {
  const where = problem.where === undefined || problem.where === problem.key ? '' : ` (${problem.where})`;
  return `${problem.key}${where}: ${problem.message}`;
}

export class ConfigError extends AppError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
    super('config_invalid', [`Configuration is invalid (${count}):`, ...lines].join('\n'), {
      errorClass: 'config',
    });
    this.problems = problems;
  }
}
