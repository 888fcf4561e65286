/**
 * `pulse rollback --org NAME --run ID`: puts back the values a run overwrote (kept 30 days), on
 * the accounts nobody changed since. Turn write-back off first, or the next run writes them again.
 */
import type { Command } from 'commander';

import type { RollbackReport } from '../../sync/rollback-run.js';
import type { CliContext } from '../cli-context.js';

function formatRollback(report: RollbackReport): string {
  const lines = [
    `Rolled back run ${report.runId}: ${report.restored} accounts restored, ${report.skipped.length} left alone, ${report.failed.length} failed.`,
    ...report.skipped.slice(0, 20).map((skip) => `  left alone ${skip.id}: ${skip.reason}`),
    ...report.failed
      .slice(0, 20)
      .map((failure) => `  failed ${failure.id}: ${failure.errorCode}: ${failure.message}`),
    'Turn write-back off for the org (writeBack: false) before the next run, or it writes the computed values again.',
  ];
  return `${lines.join('\n')}\n`;
}

export function registerRollback(program: Command, context: CliContext): void {
  program
    .command('rollback')
    .description('Put back the values a run overwrote, where nobody changed them since')
    .requiredOption('--org <name>', 'the org, as named in config/orgs.yaml')
    .requiredOption('--run <id>', 'the run id, as `pulse sync` printed it')
    .option('--json', 'print the report as JSON')
    .action(async (options: { org: string; run: string; json?: boolean }) => {
      const report = await context.rollback(options.org, options.run);
      context.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatRollback(report));
      if (report.failed.length > 0) context.setExitCode(1);
    });
}
