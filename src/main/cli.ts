#!/usr/bin/env node
/**
 * The `pulse` executable. The only module that touches the real process: it hands argv, the
 * environment and the standard streams to `runCli` and exits with what it returns.
 */
import { packageVersion } from './package-version.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: process.stderr.isTTY,
  version: packageVersion(),
  untilShutdown: () =>
    new Promise((resolve) => {
      process.once('SIGINT', () => {
        resolve('SIGINT');
      });
      process.once('SIGTERM', () => {
        resolve('SIGTERM');
      });
    }),
});
