/**
 * Runs one `pulse` invocation and returns its exit code. The only place that decides how errors
 * look to a person at a terminal: configuration and usage problems as plain messages (exit 2),
 * anything else as one line naming the error (exit 1) — never a stack trace unless asked for.
 */
import { CommanderError } from 'commander';

import { EXIT_CODES, type CliContext, type OutputStream } from '../cli/cli-context.js';
import { buildProgram } from '../cli/build-program.js';
import { ConfigError, loadConfig, type Environment } from '../config/index.js';
import { AppError } from '../errors/app-error.js';
import { createRedactor } from '../redaction/redactor.js';
import { SuccessPlaybookError } from '../success/success-playbook-error.js';
import { createConfiguredLogger, createConfiguredRedactor } from './create-logger.js';
import { doctorForOrg } from './doctor-for-org.js';
import { replayOnce } from './replay-once.js';
import { planPlaybooksOnce, tickPlaybooksOnce } from './playbooks-once.js';
import { rollbackOnce } from './rollback-once.js';
import { setOrgWrites } from './org-writes.js';
import { purgeOrg } from './purge-org.js';
import { runDemo } from './run-demo.js';
import { runWorkers } from './run-workers.js';
import { serve } from './serve.js';
import { syncOnce } from './sync-once.js';
import { loadHealthModel } from './load-health-model.js';
import { loadConfiguredPlaybooks } from './open-playbooks.js';

export interface CliProcess {
  readonly env: Environment;
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly isTTY: boolean;
  readonly version: string;
  /** Resolves when the process is asked to stop (long-running commands wait on it). */
  readonly untilShutdown: () => Promise<string>;
}

/** Commander's codes for "printed what was asked": not failures. */
const INFORMATIONAL = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

export async function runCli(argv: readonly string[], process: CliProcess): Promise<number> {
  let redactValue: (value: unknown) => unknown = createRedactor().value;
  let exitCode: number = EXIT_CODES.ok;
  const context: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.isTTY,
    loadConfig: () => {
      const config = loadConfig({ env: process.env, cwd: process.cwd });
      redactValue = createConfiguredRedactor(config).value;
      return config;
    },
    createLogger: (config) => createConfiguredLogger(config, { isTTY: process.isTTY }),
    redactValue: (value) => redactValue(value),
    env: process.env,
    loadHealthModel: (files) => loadHealthModel({ cwd: process.cwd, ...files }),
    loadPlaybooks: (config, model) => loadConfiguredPlaybooks(config, process.cwd, model),
    untilShutdown: process.untilShutdown,
    doctor: (orgName) => {
      const config = context.loadConfig();
      return doctorForOrg(orgName, {
        config,
        logger: context.createLogger(config),
        redactor: createConfiguredRedactor(config),
        cwd: process.cwd,
      });
    },
    runDemo: () => {
      const config = context.loadConfig();
      return runDemo(context, {
        config,
        logger: context.createLogger(config).child({ component: 'demo' }),
        redactor: createConfiguredRedactor(config),
        cwd: process.cwd,
      });
    },
    syncOnce: (orgName, options) => {
      const config = context.loadConfig();
      return syncOnce({
        config,
        orgName,
        full: options.full,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        logger: context.createLogger(config),
        redactor: createConfiguredRedactor(config),
        cwd: process.cwd,
      });
    },
    serve: () => {
      const config = context.loadConfig();
      return serve({
        config,
        logger: context.createLogger(config).child({ component: 'api' }),
        cwd: process.cwd,
        write: (text) => process.stdout.write(text),
        untilShutdown: process.untilShutdown,
      });
    },
    runWorkers: (options) => {
      const config = context.loadConfig();
      return runWorkers({
        config,
        logger: context.createLogger(config).child({ component: 'worker' }),
        redactor: createConfiguredRedactor(config),
        cwd: process.cwd,
        schedule: options.schedule,
        write: (text) => process.stdout.write(text),
        untilShutdown: process.untilShutdown,
      });
    },
    purgeOrg: (orgName) => {
      const config = context.loadConfig();
      return purgeOrg(config, orgName, context.createLogger(config));
    },
    setOrgWrites: (orgName, change) => {
      const config = context.loadConfig();
      return setOrgWrites(config, orgName, change, context.createLogger(config));
    },
    rollback: (orgName, runId) => {
      const config = context.loadConfig();
      return rollbackOnce(config, orgName, runId, {
        logger: context.createLogger(config),
        redactor: createConfiguredRedactor(config),
      });
    },
    planPlaybooks: (orgName) => {
      const config = context.loadConfig();
      return planPlaybooksOnce(config, orgName, {
        logger: context.createLogger(config),
        redactor: createConfiguredRedactor(config),
        cwd: process.cwd,
      });
    },
    tickPlaybooks: (orgName) => {
      const config = context.loadConfig();
      return tickPlaybooksOnce(config, orgName, {
        logger: context.createLogger(config),
        redactor: createConfiguredRedactor(config),
        cwd: process.cwd,
      });
    },
    replay: (callId, options) => {
      const config = context.loadConfig();
      return replayOnce(config, callId, options, {
        logger: context.createLogger(config),
        redactor: createConfiguredRedactor(config),
      });
    },
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(context, process.version);
  if (argv.length === 0) {
    process.stdout.write(program.helpInformation());
    return EXIT_CODES.ok;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed its one-line message.
      return INFORMATIONAL.has(error.code) ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    if (error instanceof ConfigError || error instanceof SuccessPlaybookError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_CODES.usage;
    }
    const described =
      error instanceof AppError
        ? `${error.code}: ${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    process.stderr.write(`pulse: ${String(redactValue(described))}\n`);
    return EXIT_CODES.failure;
  }
}
