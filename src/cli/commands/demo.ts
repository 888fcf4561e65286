/**
 * `pulse demo` (and `npm start`): Pulse end to end against a local emulated org, no Salesforce
 * account needed. Runs until Ctrl-C.
 */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerDemo(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('Run Pulse end to end against a local emulated org (what `npm start` runs)')
    .action(async () => {
      await context.runDemo();
    });
}
