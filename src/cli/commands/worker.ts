/**
 * `pulse worker [--no-schedule]`: works every configured org's queue until SIGTERM or Ctrl-C,
 * then finishes the jobs in hand. Run as many as you like, on as many machines: they share the
 * queues, and each org's rate limit and API budget hold across all of them.
 */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerWorker(program: Command, context: CliContext): void {
  program
    .command('worker')
    .description("Work the configured orgs' sync queues (and keep their schedules) until stopped")
    .option('--no-schedule', 'only work jobs; leave the schedules to other workers')
    .action(async (options: { schedule: boolean }) => {
      await context.runWorkers({ schedule: options.schedule });
    });
}
