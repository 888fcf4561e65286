/**
 * The `pulse` command tree. Commands parse their flags and call use cases; they hold no logic of
 * their own. Errors are not handled here: `src/main/run-cli.ts` turns them into exit codes.
 */
import { Command } from 'commander';

import type { CliContext } from './cli-context.js';
import { registerBacktest } from './commands/backtest.js';
import { registerConfigCheck } from './commands/config-check.js';
import { registerDemo } from './commands/demo.js';
import { registerDoctor } from './commands/doctor.js';
import { registerEmulator } from './commands/emulator.js';
import { registerOrg } from './commands/org.js';
import { registerReplay } from './commands/replay.js';
import { registerPlaybooks } from './commands/playbooks.js';
import { registerRollback } from './commands/rollback.js';
import { registerServe } from './commands/serve.js';
import { registerSync } from './commands/sync.js';
import { registerWorker } from './commands/worker.js';

export function buildProgram(context: CliContext, version: string): Command {
  const program = new Command('pulse')
    .description('Pulse keeps customer-health signals inside Salesforce.')
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  // Registered after exitOverride/configureOutput, so every subcommand inherits them.
  registerConfigCheck(program, context);
  registerDemo(program, context);
  registerEmulator(program, context);
  registerBacktest(program, context);
  registerDoctor(program, context);
  registerSync(program, context);
  registerRollback(program, context);
  registerPlaybooks(program, context);
  registerReplay(program, context);
  registerWorker(program, context);
  registerServe(program, context);
  registerOrg(program, context);
  return program;
}
