/**
 * `pulse org pause-writes NAME` / `resume-writes NAME`: the write-back switch, effective at once
 * (runs under way stop writing before their next write call).
 * `pulse org purge NAME`: deletes all Pulse keeps for an org that is no longer configured.
 */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerOrg(program: Command, context: CliContext): void {
  const org = program.command('org').description('Manage the data Pulse keeps per org');
  org
    .command('pause-writes')
    .description('Stop writing to the org at once, runs under way included; runs go on in shadow mode')
    .argument('<name>', 'the org, as named in the configuration')
    .option('--reason <text>', 'why, for whoever looks at the runs', 'paused by an operator')
    .action(async (name: string, options: { reason: string }) => {
      await context.setOrgWrites(name, { paused: true, reason: options.reason });
      context.stdout.write(
        `Writes to org "${name}" are paused: runs compute and report, and write nothing, until \`pulse org resume-writes ${name}\`.\n`,
      );
    });
  org
    .command('resume-writes')
    .description('Let runs write to the org again (if its writeBack setting is on)')
    .argument('<name>', 'the org, as named in the configuration')
    .action(async (name: string) => {
      await context.setOrgWrites(name, { paused: false });
      context.stdout.write(`Writes to org "${name}" are resumed.\n`);
    });
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
