/**
 * `pulse sync --org NAME --once [--full] [--json]`: one sync in the foreground and its summary.
 * Exits 0 when the run completed (record failures are reported, not fatal).
 */
import type { Command } from 'commander';

import type { SyncReport } from '../../sync/run-sync.js';
import type { CliContext } from '../cli-context.js';

export function formatSyncReport(report: SyncReport): string {
  const pulled = Object.entries(report.pulled)
    .map(([object, count]) => `${object} ${count}`)
    .join(', ');
  const lines = [
    `Sync ${report.runId} of org "${report.org}" (${report.mode}, write-back ${report.writeBack}) in ${(report.durationMs / 1000).toFixed(1)} s, ${report.apiCalls} API calls`,
    `  pulled:    ${pulled}`,
    `  scored:    ${report.scored} accounts (model ${report.modelVersion})`,
    report.writeBack === 'on'
      ? `  written:   ${report.written}, unchanged: ${report.unchanged}, failed: ${report.failed.length} (records failing in all: ${report.failing})`
      : `  would write ${report.wouldWrite} (nothing written: write-back ${report.writeBack}), unchanged: ${report.unchanged}`,
    ...report.failed
      .slice(0, 20)
      .map((failure) => `    ${failure.id}: ${failure.errorCode}: ${failure.message}`),
    ...(report.failed.length > 20
      ? [`    ... and ${report.failed.length - 20} more (--json lists them all)`]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function registerSync(program: Command, context: CliContext): void {
  program
    .command('sync')
    .description('Run one sync of an org in this process: pull, score, write back')
    .requiredOption('--org <name>', 'the org, as named in config/orgs.yaml ("default" for SF_* variables)')
    .requiredOption('--once', "run one sync and exit (scheduled runs are the workers' job)")
    .option('--full', 'the daily full pass: re-read and rescore every account')
    .option('--json', 'print the report as one JSON object')
    .action(async (options: { org: string; full?: boolean; json?: boolean }) => {
      const report = await context.syncOnce(options.org, { full: Boolean(options.full) });
      context.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatSyncReport(report));
    });
}
