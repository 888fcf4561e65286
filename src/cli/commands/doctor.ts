/**
 * `pulse doctor --org NAME`: checks an org is ready for its first sync and says how to fix what
 * is not. Exits 1 when something blocks a sync.
 */
import type { Command } from 'commander';

import { formatReport } from '../../doctor/format-report.js';
import { EXIT_CODES, type CliContext } from '../cli-context.js';

export function registerDoctor(program: Command, context: CliContext): void {
  program
    .command('doctor')
    .description('Check that an org is ready to sync: login, API version, fields, permissions, budget, Redis')
    .requiredOption('--org <name>', 'the org, as named in config/orgs.yaml ("default" for SF_* variables)')
    .option('--json', 'print the checks as JSON')
    .action(async (options: { org: string; json?: boolean }) => {
      const report = await context.doctor(options.org);
      context.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      if (report.blocking) context.setExitCode(EXIT_CODES.failure);
    });
}
