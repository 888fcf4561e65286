/**
 * `pulse emulator`: runs the local Salesforce org until stopped, and prints where it is and the
 * credentials it accepts — which is the point of a local org, so they are printed, not hidden.
 */
import { readFileSync, writeFileSync } from 'node:fs';

import { InvalidArgumentError, Option, type Command } from 'commander';

import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
  type ValidationRule,
} from '../../../emulator/index.js';
import type { CliContext } from '../cli-context.js';

interface EmulatorFlags {
  port: number;
  accounts: number;
  seed: number;
  now?: Date;
  testEndpoints?: boolean;
  username?: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
  apiLimit?: number;
  tokenTtl?: number;
  refreshTokenRotation?: boolean;
  missingField: string[];
  readonlyField: string[];
  entitlements?: boolean;
  currencies?: string[];
  jwtKeyOut?: string;
  jwtCert?: string;
  jwtAudience?: string;
  validationRule: string[];
  faults?: string;
  faultSeed?: number;
  latencyMs?: number;
  accountVisibility?: 'all' | 'restricted';
  apiUsed?: number;
  importDir?: string;
  json?: boolean;
}

function wholeNumber(min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min)
      throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    return value;
  };
}

function isoInstant(text: string): Date {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('expected an ISO date-time such as 2026-11-22T09:00:00Z');
  }
  return date;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `Object:NamePattern:Message` -> a validation rule that refuses writes to matching records. */
function validationRule(text: string): ValidationRule {
  const [object, namePattern, ...message] = text.split(':');
  if (!object || !namePattern || message.length === 0) {
    throw new InvalidArgumentError(
      'expected Object:NameRegExp:Message, e.g. "Account:^Acme:Health status needs a reason"',
    );
  }
  return { object, namePattern, message: message.join(':') };
}

function optionsFrom(flags: EmulatorFlags, env: CliContext['env']): EmulatorOptions {
  const pick = (flag: string | undefined, variable: string): string | undefined =>
    flag ?? (env[variable] || undefined);
  const username = pick(flags.username, 'EMULATOR_USERNAME');
  const password = pick(flags.password, 'EMULATOR_PASSWORD');
  const clientId = pick(flags.clientId, 'EMULATOR_CLIENT_ID');
  const clientSecret = pick(flags.clientSecret, 'EMULATOR_CLIENT_SECRET');
  return {
    port: flags.port,
    accounts: flags.accounts,
    seed: flags.seed,
    testEndpoints: Boolean(flags.testEndpoints),
    missingFields: flags.missingField,
    readOnlyFields: flags.readonlyField,
    entitlements: Boolean(flags.entitlements),
    refreshTokenRotation: Boolean(flags.refreshTokenRotation),
    ...(flags.now ? { now: flags.now } : {}),
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(clientId ? { clientId } : {}),
    ...(clientSecret ? { clientSecret } : {}),
    ...(flags.apiLimit ? { apiLimit: flags.apiLimit } : {}),
    ...(flags.tokenTtl ? { accessTokenTtlMs: flags.tokenTtl * 1000 } : {}),
    ...(flags.currencies ? { currencies: flags.currencies } : {}),
    ...(flags.jwtCert ? { jwtCertificatePem: readFileSync(flags.jwtCert, 'utf8') } : {}),
    ...(flags.jwtAudience ? { jwtAudience: flags.jwtAudience } : {}),
    validationRules: flags.validationRule.map(validationRule),
    ...(flags.faults ? { faults: flags.faults } : {}),
    ...(flags.faultSeed === undefined ? {} : { faultSeed: flags.faultSeed }),
    ...(flags.latencyMs === undefined ? {} : { latencyMs: flags.latencyMs }),
    ...(flags.accountVisibility ? { accountVisibility: flags.accountVisibility } : {}),
    ...(flags.apiUsed === undefined ? {} : { apiUsedAtStart: flags.apiUsed }),
    ...(flags.importDir ? { importDir: flags.importDir } : {}),
  };
}

function describeRunning(emulator: RunningEmulator, keyFile: string | undefined): Record<string, unknown> {
  const { credentials, state } = emulator;
  return {
    loginUrl: emulator.url,
    username: credentials.username,
    password: credentials.password,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    refreshToken: credentials.refreshToken,
    jwtAudience: credentials.jwtAudience,
    ...(keyFile ? { jwtPrivateKeyFile: keyFile } : {}),
    records: Object.fromEntries(state.store.objectNames.map((name) => [name, state.store.count(name)])),
    faults: typeof emulator.options.faults === 'string' ? emulator.options.faults : 'custom',
    testEndpoints: emulator.options.testEndpoints ? `${emulator.url}/__emulator/` : null,
  };
}

export function registerEmulator(program: Command, context: CliContext): void {
  program
    .command('emulator')
    .description(
      'Run a local Salesforce org (OAuth, REST, describe, writes, limits) on 127.0.0.1 until stopped',
    )
    .option('--port <port>', 'port to listen on (0: any free port)', wholeNumber(0), 0)
    .option('--accounts <n>', 'accounts to generate', wholeNumber(0), 200)
    .option('--seed <n>', 'seed of the generated data', wholeNumber(0), 42)
    .option(
      '--now <iso>',
      'start the org clock at this instant (data is generated relative to it)',
      isoInstant,
    )
    .option('--test-endpoints', 'serve /__emulator/ (stored records, call counts, clock)')
    .option('--username <name>', 'username the org accepts (env EMULATOR_USERNAME)')
    .option('--password <password>', 'password the org accepts (env EMULATOR_PASSWORD)')
    .option('--client-id <id>', 'connected app client id (env EMULATOR_CLIENT_ID)')
    .option('--client-secret <secret>', 'connected app client secret (env EMULATOR_CLIENT_SECRET)')
    .option('--api-limit <n>', 'daily API request allocation', wholeNumber(1))
    .option('--token-ttl <seconds>', 'access token lifetime', wholeNumber(1))
    .option('--refresh-token-rotation', 'issue a new refresh token on every refresh and revoke the old one')
    .option('--missing-field <Object.Field>', 'leave a field undeployed (repeatable)', collect, [])
    .option(
      '--readonly-field <Object.Field>',
      'make a field read-only for the integration user (repeatable)',
      collect,
      [],
    )
    .option('--entitlements', 'turn on Entitlement Management (CaseMilestone)')
    .option(
      '--currencies <codes>',
      'comma-separated currencies; more than one makes the org multi-currency',
      (text) => text.split(',').map((code) => code.trim().toUpperCase()),
    )
    .option('--jwt-key-out <file>', 'write the private key JWT assertions must be signed with to this file')
    .option(
      '--jwt-cert <file>',
      'PEM certificate or public key of your connected app (instead of a generated key pair)',
    )
    .option('--jwt-audience <url>', 'the JWT aud the org accepts (default https://login.salesforce.com)')
    .option(
      '--validation-rule <Object:NameRegExp:Message>',
      'refuse writes to matching records with FIELD_CUSTOM_VALIDATION_EXCEPTION (repeatable)',
      collect,
      [],
    )
    .option(
      '--faults <profile>',
      'inject faults: none, default, chaos, or a YAML/JSON profile file (emulator/README.md)',
    )
    .option('--fault-seed <n>', 'seed of the fault decisions (default: --seed)', wholeNumber(0))
    .option('--latency-ms <ms>', 'add this much latency to every API call', wholeNumber(0))
    .addOption(
      new Option(
        '--account-visibility <scope>',
        'restricted: the integration user sees about half the accounts',
      ).choices(['all', 'restricted']),
    )
    .option('--api-used <n>', 'start with this many API requests used today', wholeNumber(0))
    .option('--import-dir <dir>', 'load the org from CSV files instead of generating it (emulator/README.md)')
    .option('--json', 'print the login URL and credentials as JSON')
    .action(async (flags: EmulatorFlags) => {
      const emulator = await startEmulator(optionsFrom(flags, context.env));
      const keyPem = emulator.credentials.jwtPrivateKeyPem;
      if (flags.jwtKeyOut && keyPem) writeFileSync(flags.jwtKeyOut, keyPem, { mode: 0o600 });
      const summary = describeRunning(emulator, flags.jwtKeyOut);
      context.stdout.write(
        flags.json
          ? `${JSON.stringify(summary)}\n`
          : `Salesforce emulator listening.\n${Object.entries(summary)
              .map(
                ([key, value]) =>
                  `  ${key.padEnd(18)} ${typeof value === 'string' ? value : JSON.stringify(value)}`,
              )
              .join('\n')}\n`,
      );
      const signal = await context.untilShutdown();
      await emulator.close();
      context.stderr.write(`emulator stopped (${signal})\n`);
    });
}
