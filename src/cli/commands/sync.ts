/**
 * `pulse sync --org NAME --once [--full] [--json]`: one sync in the foreground and its summary.
 * Exits 0 when the run completed (record failures are reported, not fatal).
 */
import type { Command } from 'commander';

import type { RunProgress } from '../../sync/run/run-state.js';
import type { SyncReport } from '../../sync/run/sync-report.js';
import { EXIT_CODES, type CliContext } from '../cli-context.js';
import { createProgressBar } from '../progress-bar.js';

export function formatSyncReport(report: SyncReport): string {
  const pulled = Object.entries(report.pulled)
    .map(([object, count]) => `${object} ${count}`)
    .join(', ');
  const lines = [
    `Sync ${report.runId} of org "${report.org}" ${report.status} (${report.mode}, write-back ${report.writeBack}) in ${(report.durationMs / 1000).toFixed(1)} s, ${report.apiCalls} API calls`,
    ...(report.error ? [`  error:     ${report.error}`] : []),
    `  pulled:    ${pulled}`,
    `  scored:    ${report.scored} accounts (model ${report.modelVersion})${report.slaRescored > 0 ? `, ${report.slaRescored} of them because an SLA clock crossed a threshold` : ''}`,
    ...(report.writeBack === 'on' || report.written > 0
      ? [
          `  written:   ${report.written}, unchanged: ${report.unchanged}, failed: ${report.failed.length} (records failing in all: ${report.failing})`,
        ]
      : []),
    ...(report.writeBack !== 'on' || report.wouldWrite > 0
      ? [
          `  would write ${report.wouldWrite} (not written: write-back ${report.writeBack}), unchanged: ${report.unchanged}`,
        ]
      : []),
    ...report.failed
      .slice(0, 20)
      .map((failure) => `    ${failure.id}: ${failure.errorCode}: ${failure.message}`),
    `  workers:   ${Object.entries(report.workers)
      .map(([name, jobs]) => `${name} (${jobs} jobs)`)
      .join(', ')}`,
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
      const bar = createProgressBar(context.stderr, context.isTTY);
      const report = await context
        .syncOnce(options.org, {
          full: Boolean(options.full),
          ...(bar
            ? {
                onProgress: (progress: RunProgress) => {
                  bar.update(progress);
                },
              }
            : {}),
        })
        .finally(() => bar?.done());
      context.stdout.write(options.json ? `${JSON.stringify(report)}\n` : formatSyncReport(report));
      if (report.status === 'failed') {
        context.stderr.write(
          `pulse: the sync of org "${report.org}" failed: ${report.error ?? 'see the report'}\n`,
        );
        context.setExitCode(EXIT_CODES.failure);
      }
    });
}
