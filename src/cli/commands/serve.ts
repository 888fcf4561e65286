/** `pulse serve`: the HTTP API (see README, "The API") until SIGTERM or Ctrl-C. */
import type { Command } from 'commander';

import type { CliContext } from '../cli-context.js';

export function registerServe(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Serve the HTTP API on http.host:http.port until stopped')
    .action(async () => {
      await context.serve();
    });
}
