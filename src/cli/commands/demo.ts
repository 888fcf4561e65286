/**
 * `pulse demo` (and `npm start`): until the local org and the sync exist, it checks the
 * configuration and says what the demo will do.
 */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

const PLAN = `Pulse demo — not built yet. When it is, this command will:
  1. start a local Salesforce org (the emulator) seeded with accounts, opportunities and cases;
  2. start the API and a worker against it;
  3. run one sync: pull, score, write health fields back to the Accounts;
  4. print a summary with links to the runs, the accounts and the diagnostics console.
`;

export function registerDemo(program: Command, context: CliContext): void {
  program
    .command('demo')
    .description('Run Pulse end to end against a local emulated org (what `npm start` runs)')
    .action(() => {
      const config = context.loadConfig();
      context
        .createLogger(config)
        .child({ component: 'demo' })
        .info('configuration loaded', {
          orgs: Object.keys(config.orgs).length,
        });
      context.stdout.write(PLAN);
    });
}
