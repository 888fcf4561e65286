#!/usr/bin/env node
/**
 * The `pulse` executable. The only module that touches the real process: it hands argv, the
 * environment and the standard streams to `runCli` and exits with what it returns.
 */
import { constants } from 'node:os';

import { packageVersion } from './package-version.js';
import { runCli } from './run-cli.js';

/**
 * Signal handlers are installed at once, not when a command starts waiting for them: a signal
 * that arrives with no handler installed kills the process outright, skipping the graceful stop.
 * While a command waits (`untilShutdown`), the first SIGINT/SIGTERM asks it to stop; otherwise, and
 * on a second signal, the process exits as the signal would have it.
 */
let waiting: ((signal: string) => void) | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const stop = waiting;
    waiting = undefined;
    if (stop) stop(signal);
    else process.exit(128 + constants.signals[signal]);
  });
}

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY,
  version: packageVersion(),
  untilShutdown: () =>
    new Promise((resolve) => {
      waiting = resolve;
    }),
});
