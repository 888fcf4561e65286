/** `pulse org purge NAME`: deletes all Pulse keeps for an org that is no longer configured. */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerOrg(program: Command, context: CliContext): void {
  const org = program.command('org').description('Manage the data Pulse keeps per org');
  org
    .command('purge')
    .description('Delete the queue, snapshot, runs and session of an org removed from the configuration')
    .argument('<name>', 'the org name it had in the configuration')
    .option('--json', 'print the result as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const report = await context.purgeOrg(name);
      context.stdout.write(
        options.json
          ? `${JSON.stringify(report)}\n`
          : `Purged org "${report.org}": ${report.keysDeleted} Redis keys deleted.\n`,
      );
    });
}
