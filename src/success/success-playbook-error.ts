/**
 * Success playbook files that cannot be used. Like a bad configuration, it lists every problem found,
 * each naming the key and the file and line it is on, so an admin editing playbooks fixes them in one pass.
 */
import { formatProblem, type ConfigProblem } from '../config/index.js';
import { AppError } from '../errors/app-error.js';

export class SuccessPlaybookError extends AppError {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
    super('success_playbooks_invalid', [`Success playbooks are invalid (${count}):`, ...lines].join('\n'), {
      errorClass: 'config',
    });
    this.problems = problems;
  }
}
