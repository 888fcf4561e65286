/**
 * The Dockerfile and docker-compose.yml, checked without a Docker engine: parsed (dockerfile-ast,
 * yaml) and held to what the code says — the CLI's real command tree, the configuration's defaults
 * and the variables its environment layer accepts, the files read at run time, the API's probes.
 * Each check is also fed a broken copy of the files, so it is known to catch what it is meant to.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import type { Command } from 'commander';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { EMULATOR_DEFAULTS } from '../../../emulator/options.js';
import { ALERT_KINDS } from '../../../src/alerts/alert-store.js';
import { buildProgram } from '../../../src/cli/build-program.js';
import type { CliContext } from '../../../src/cli/cli-context.js';
import { mergeLayers } from '../../../src/config/config-layer.js';
import { FILE_VARIABLES, readEnvLayer } from '../../../src/config/env-layer.js';
import { Config, ConfigError, ENV_KEYS, formatProblem } from '../../../src/config/index.js';
import { validateLayer } from '../../../src/config/validate-layer.js';
import { readYamlLayer } from '../../../src/config/yaml-layer.js';
import { probeRoutes } from '../../../src/http/routes/probes.js';
import { isSecretKeyName } from '../../../src/redaction/secret-keys.js';
import {
  cliProblems,
  composeProblems,
  dockerfileProblems,
  dockerignoreProblems,
  imageFacts,
  instructionsOf,
  parseCompose,
  parseDockerfile,
  type ProjectFacts,
} from '../../support/deploy-files.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const read = (file: string): string => readFileSync(path.join(repo, file), 'utf8');

const dockerfile = read('Dockerfile');
const composeText = read('docker-compose.yml');
const dockerignore = read('.dockerignore');

/** Replaces text that must be there, so a mutation never silently tests nothing. */
function mutate(text: string, from: string | RegExp, to: string): string {
  const changed = text.replace(from, to);
  expect(changed, `the mutation of ${String(from)} changed nothing`).not.toBe(text);
  return changed;
}

interface UseCaseCall {
  readonly useCase: string;
  readonly args: readonly unknown[];
}

/** The real `pulse` command tree over a context whose use cases only record that they were called. */
function pulseProgram(calls: UseCaseCall[] = []): Command {
  const sink = { write: () => true };
  const context = new Proxy({} as CliContext, {
    get(_target, key) {
      if (key === 'stdout' || key === 'stderr') return sink;
      if (key === 'isTTY') return false;
      if (key === 'env') return {};
      return (...args: unknown[]) => {
        calls.push({ useCase: String(key), args });
        return Promise.resolve(undefined);
      };
    },
  });
  return buildProgram(context, '0.0.0-test');
}

/** Which use case `pulse <argv>` calls. */
async function useCaseOf(argv: readonly string[]): Promise<UseCaseCall[]> {
  const calls: UseCaseCall[] = [];
  await pulseProgram(calls).parseAsync([...argv], { from: 'user' });
  return calls;
}

/** What tsconfig.build.json compiles, where to, and where the `pulse` executable lands. */
function buildOutput(): ProjectFacts['build'] {
  const file = path.join(repo, 'tsconfig.build.json');
  const loaded: { config?: unknown; error?: ts.Diagnostic } = ts.readConfigFile(file, (name) =>
    ts.sys.readFile(name),
  );
  if (loaded.error) throw new Error(ts.flattenDiagnosticMessageText(loaded.error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(loaded.config, ts.sys, repo, undefined, file);
  const outDir = parsed.options.outDir ?? repo;
  const rootDir = parsed.options.rootDir ?? repo;
  const cli = path
    .join(outDir, path.relative(rootDir, path.join(repo, 'src/main/cli.ts')))
    .replace(/\.ts$/, '.js');
  return {
    include: (parsed.raw as { include: string[] }).include,
    outDir: path.relative(repo, outDir),
    cli: path.relative(repo, cli),
  };
}

function keyVariable(key: string): string {
  const found = Object.entries(ENV_KEYS).find(([, path]) => path.join('.') === key);
  if (!found) throw new Error(`no variable sets ${key}`);
  return found[0];
}

const facts: ProjectFacts = {
  nodeMajor: read('.nvmrc').trim(),
  build: buildOutput(),
  // Read at run time from the package root (src/main/package-root.ts): package.json (the root's
  // marker and the version), config/ (default.yaml; health-model.yaml and sla.yaml as fallbacks,
  // src/main/load-health-model.ts), playbooks/ (src/main/serve.ts) and web/ (the console, API docs).
  runtimeFiles: ['package.json', 'config', 'playbooks', 'web'],
  // The probes among the routes createApp mounts (apiRoutes in src/http/create-app.ts).
  probePaths: probeRoutes
    .filter((route) => route.role === 'public' && route.method === 'get')
    .map((route) => route.path),
  portVariable: keyVariable('http.port'),
  redisUrlVariable: keyVariable('redis.url'),
  configFor(env) {
    // As in the image: its config/default.yaml, then the environment (src/config/load-config.ts).
    const layer = mergeLayers([
      readYamlLayer(path.join(repo, 'config/default.yaml'), 'config/default.yaml', { required: true }),
      readEnvLayer(env),
    ]);
    try {
      const config = validateLayer(layer, Config);
      return { ok: true, http: config.http, keyPrefix: config.redis.keyPrefix };
    } catch (error) {
      if (error instanceof ConfigError) return { ok: false, problems: error.problems.map(formatProblem) };
      throw error;
    }
  },
  isSecretName: (name) => isSecretKeyName(name),
  isDirectory: (source) =>
    statSync(path.join(repo, source), { throwIfNoEntry: false })?.isDirectory() ?? false,
  cliProblems: (argv) => cliProblems(pulseProgram(), argv),
  emulatorCredentials: {
    username: EMULATOR_DEFAULTS.username,
    password: EMULATOR_DEFAULTS.password,
    clientId: EMULATOR_DEFAULTS.clientId,
    clientSecret: EMULATOR_DEFAULTS.clientSecret,
  },
};

const REQUIRED_IGNORES = ['node_modules', 'dist', '.git', '.env', 'config/orgs.yaml'];

const dockerfileCheck = (text: string): string[] => dockerfileProblems(parseDockerfile(text), facts);
const composeCheck = (text: string, image = dockerfile): string[] =>
  composeProblems(parseCompose(text), imageFacts(parseDockerfile(image)), facts);

describe('what the checks rely on', () => {
  it('builds the pulse executable that package.json names', () => {
    const manifest = JSON.parse(read('package.json')) as { bin: Record<string, string> };
    expect(facts.build.cli).toBe(manifest.bin['pulse']);
    expect(facts.build.include).toEqual(expect.arrayContaining(['src', 'jobs', 'emulator']));
  });

  it('finds the runtime files and the probes where the code has them', () => {
    for (const file of facts.runtimeFiles) expect(statSync(path.join(repo, file))).toBeTruthy();
    expect(facts.probePaths).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
    expect([facts.portVariable, facts.redisUrlVariable]).toEqual(['PULSE_HTTP_PORT', 'REDIS_URL']);
  });

  it('tells a valid pulse command line from a wrong one', () => {
    expect(cliProblems(pulseProgram(), ['worker', '--no-schedule'])).toEqual([]);
    expect(cliProblems(pulseProgram(), ['config', 'check', '--json'])).toEqual([]);
    expect(cliProblems(pulseProgram(), ['scheduler'])).toEqual([
      'pulse scheduler: scheduler is not a pulse command',
    ]);
    expect(cliProblems(pulseProgram(), ['worker', '--no-schedul'])).toEqual([
      'pulse worker --no-schedul: unknown option(s) --no-schedul',
    ]);
    expect(cliProblems(pulseProgram(), ['config'])).toEqual([
      'pulse config: config needs one of its subcommands',
    ]);
    expect(cliProblems(pulseProgram(), ['emulator', '--port', 'x'])).toHaveLength(1);
  });
});

describe('Dockerfile', () => {
  const stages = parseDockerfile(dockerfile);
  const final = stages.at(-1)!;

  it('passes every check', () => {
    expect(dockerfileCheck(dockerfile)).toEqual([]);
  });

  it('is a multi-stage build whose runtime stage copies the compiled output and production dependencies', () => {
    expect(stages.filter((stage) => stage.name !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(
      dockerfileCheck(mutate(dockerfile, /^FROM base AS \S+$/gm, 'FROM node:20-bookworm-slim')),
    ).toContain('not a multi-stage build: expected at least two `FROM ... AS name` stages');
    expect(
      dockerfileCheck(mutate(dockerfile, /^FROM base AS prod-deps$/m, 'FROM base AS build')),
    ).not.toEqual([]);
  });

  it('exposes the port the API listens on by default', () => {
    const port = Config.parse({}).http.port;
    expect(imageFacts(stages).exposed).toEqual([port]);
    expect(dockerfileCheck(mutate(dockerfile, `EXPOSE ${port}`, 'EXPOSE 3000'))).toContain(
      `EXPOSE 3000: the API listens on ${port}`,
    );
  });

  it('starts `pulse serve` by default, through the executable package.json names', async () => {
    expect(instructionsOf(final, 'ENTRYPOINT')[0]?.exec).toEqual(['node', `/app/${facts.build.cli}`]);
    const cmd = imageFacts(stages).cmd!;
    expect(await useCaseOf(cmd)).toEqual([{ useCase: 'serve', args: [] }]);
  });

  it.each([
    ['runs as root', 'USER node', 'USER root', 'USER root: the runtime image runs as root'],
    ['has no USER', /^USER node\n/m, '', 'no USER: the runtime image runs as root'],
    ['has no HEALTHCHECK', /^HEALTHCHECK[^\n]*\\\n[^\n]*\n/m, '', 'no HEALTHCHECK'],
    [
      'probes a path the API does not serve',
      "'/healthz'",
      "'/health'",
      "the HEALTHCHECK probes none of the API's probes (/healthz, /readyz)",
    ],
    [
      'installs the dev dependencies',
      'npm ci --omit=dev',
      'npm ci',
      'whose dependencies are not production-only',
    ],
    ['leaves out the console', 'COPY web ./web\n', '', 'does not copy web to /app/web'],
    ['leaves out the playbooks', 'COPY playbooks ./playbooks\n', '', 'does not copy playbooks'],
    ['does not compile the jobs', 'COPY jobs ./jobs\n', '', 'the build stage does not copy jobs'],
    ['starts an unknown command', 'CMD ["serve"]', 'CMD ["server"]', 'server is not a pulse command'],
    [
      'points ENTRYPOINT elsewhere',
      '/app/dist/src/main/cli.js"]',
      '/app/dist/cli.js"]',
      'expected ["node", "/app/dist/src/main/cli.js"]',
    ],
    ['sets an unknown PULSE_ variable', 'PULSE_HTTP_HOST=0.0.0.0', 'PULSE_HOST=0.0.0.0', 'PULSE_HOST'],
    [
      'listens on loopback only',
      'PULSE_HTTP_HOST=0.0.0.0',
      'PULSE_HTTP_HOST=127.0.0.1',
      'listens on 127.0.0.1',
    ],
    ['runs another Node', 'FROM node:20-bookworm-slim', 'FROM node:22-bookworm-slim', 'runs Node 22'],
    [
      'bakes in a secret',
      'NODE_ENV=production',
      'SF_CLIENT_SECRET=abc',
      'SF_CLIENT_SECRET holds a literal secret',
    ],
  ])('fails when it %s', (_what, from, to, expected) => {
    const problems = dockerfileCheck(mutate(dockerfile, from, to));
    expect(problems.join('\n')).toContain(expected);
  });

  it('has a HEALTHCHECK command that passes only while the API answers its probe', async () => {
    const healthcheck = instructionsOf(final, 'HEALTHCHECK')[0]!.exec!;
    const probe = facts.probePaths.find((candidate) => healthcheck.join(' ').includes(candidate))!;
    let status = 200;
    const server = createServer((request, response) => {
      response.statusCode = request.url === probe ? status : 404;
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const run = (env: Record<string, string>): Promise<number> =>
      new Promise((resolve) => {
        const [, ...args] = healthcheck;
        execFile(process.execPath, args, { env: { ...env, PATH: process.env['PATH'] ?? '' } }, (error) => {
          resolve(error ? Number(error.code ?? 1) : 0);
        });
      });
    try {
      expect(await run({ [facts.portVariable]: String(port) })).toBe(0);
      status = 503;
      expect(await run({ [facts.portVariable]: String(port) })).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(await run({ [facts.portVariable]: String(port) })).toBe(1); // nothing listening
  });
});

describe('.dockerignore', () => {
  it('keeps build output, dependencies and secrets out of the build context, and nothing the build copies', () => {
    expect(dockerignoreProblems(dockerignore, parseDockerfile(dockerfile), REQUIRED_IGNORES)).toEqual([]);
  });

  it('fails when it excludes what the Dockerfile copies, or forgets a secret', () => {
    expect(
      dockerignoreProblems(`${dockerignore}\nplaybooks\n`, parseDockerfile(dockerfile), REQUIRED_IGNORES),
    ).toEqual([".dockerignore's playbooks excludes playbooks, which the Dockerfile copies"]);
    expect(
      dockerignoreProblems(
        mutate(dockerignore, /^config\/orgs\.yaml\n/m, ''),
        parseDockerfile(dockerfile),
        REQUIRED_IGNORES,
      ),
    ).toEqual(['.dockerignore does not exclude config/orgs.yaml']);
  });
});

describe('docker-compose.yml', () => {
  const compose = parseCompose(composeText);
  const { services } = compose;

  it('passes every check', () => {
    expect(composeCheck(composeText)).toEqual([]);
  });

  it('runs Redis with append-only persistence, the API and a worker; the emulator only in its profile', () => {
    expect(Object.keys(services).sort()).toEqual(['emulator', 'emulator-worker', 'redis', 'serve', 'worker']);
    expect(services['redis']?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(services['emulator']?.profiles).toEqual(['emulator']);
    expect(services['emulator-worker']?.profiles).toEqual(['emulator']);
  });

  it('runs the use cases the services are named after', async () => {
    expect(await useCaseOf(services['serve']!.command!)).toEqual([{ useCase: 'serve', args: [] }]);
    expect(await useCaseOf(services['worker']!.command!)).toEqual([
      { useCase: 'runWorkers', args: [{ schedule: true }] },
    ]);
    expect(await useCaseOf(services['emulator-worker']!.command!)).toEqual([
      { useCase: 'runWorkers', args: [{ schedule: true }] },
    ]);
  });

  it('publishes the port the image exposes', () => {
    const exposed = imageFacts(parseDockerfile(dockerfile)).exposed;
    expect(services['serve']?.ports.map((port) => port.container)).toEqual(exposed);
  });

  it.each([
    [
      'runs Redis without AOF',
      "--appendonly, 'yes'",
      "--appendonly, 'no'",
      'redis: run redis-server with --appendonly yes',
    ],
    [
      'lets Redis evict keys',
      '--maxmemory-policy, noeviction',
      '--maxmemory-policy, allkeys-lru',
      'evicts BullMQ',
    ],
    ['keeps the AOF in the container', /^ {4}volumes:\n {6}- redis-data:\/data\n/m, '', 'not on a volume'],
    ['drops the serve service', /^ {2}serve:\n/m, '  api:\n', 'no serve service'],
    [
      'misspells a worker flag',
      'command: [worker]\n    environment:\n      REDIS_URL',
      'command: [worker, --no-schedul]\n    environment:\n      REDIS_URL',
      'unknown option(s) --no-schedul',
    ],
    [
      'runs a scheduler command that does not exist',
      'command: [serve]',
      'command: [scheduler]',
      'scheduler is not a pulse command',
    ],
    [
      'misspells a PULSE_ variable',
      "PULSE_REDIS_PREFIX: 'pulse-emulator:'",
      "PULSE_REDIS_PREFX: 'pulse-emulator:'",
      'PULSE_REDIS_PREFX',
    ],
    [
      'gives the Redis URL a bad value',
      /REDIS_URL: redis:\/\/redis:6379\n {4}env_file/,
      'REDIS_URL: http://redis:6379\n    env_file',
      'redis.url',
    ],
    [
      'points serve at another Redis',
      /REDIS_URL: redis:\/\/redis:6379\n {4}env_file/,
      'REDIS_URL: redis://cache:6379\n    env_file',
      'REDIS_URL does not name the compose Redis service',
    ],
    [
      'starts before Redis is ready',
      /condition: service_healthy\n {4}# The image's HEALTHCHECK probes/,
      "condition: service_started\n    # The image's HEALTHCHECK probes",
      'serve: does not wait for redis',
    ],
    ['publishes another port', '127.0.0.1:8080:8080', '127.0.0.1:8080:3000', 'publishes container port 3000'],
    [
      'lets the worker inherit the API healthcheck',
      /^ {4}healthcheck:\n {6}disable: true\n\n {2}emulator:/m,
      '\n  emulator:',
      'worker: runs worker, yet inherits',
    ],
    [
      'writes a secret into the file',
      'REDIS_URL: redis://redis:6379\n    env_file',
      'REDIS_URL: redis://redis:6379\n      SF_CLIENT_SECRET: s3cr3t\n    env_file',
      'SF_CLIENT_SECRET holds a literal secret',
    ],
    [
      'puts the emulator in the base services',
      /^ {4}profiles: \[emulator\]\n {4}command: \[emulator/m,
      '    command: [emulator',
      'emulator: not in the emulator profile',
    ],
    [
      'points the emulator worker at another port',
      'SF_LOGIN_URL: http://127.0.0.1:8443',
      'SF_LOGIN_URL: http://127.0.0.1:9443',
      'is not the emulator',
    ],
    [
      'gives the emulator worker another network',
      /^ {4}network_mode: service:emulator$/m,
      '    network_mode: bridge',
      "shares the emulator's network",
    ],
    [
      'lets the emulator worker share the key prefix',
      "PULSE_REDIS_PREFIX: 'pulse-emulator:'",
      "PULSE_REDIS_PREFIX: 'pulse:'",
      'shares the key prefix pulse:',
    ],
    [
      'uses credentials the emulator does not accept',
      'SF_PASSWORD: pulse-emulator-password',
      'SF_PASSWORD: hunter2',
      'SF_PASSWORD is not what the emulator accepts',
    ],
  ])('fails when it %s', (_what, from, to, expected) => {
    expect(composeCheck(mutate(composeText, from, to)).join('\n')).toContain(expected);
  });

  it('fails when the image stops exposing the port serve publishes', () => {
    expect(composeCheck(composeText, mutate(dockerfile, 'EXPOSE 8080', 'EXPOSE 9090')).join('\n')).toContain(
      'publishes container port 8080; the API listens on 8080 (EXPOSE 9090)',
    );
  });
});

/** Every key path of the configuration (`worker.concurrency`, `orgs.*.requestLimits.perSecond`...). */
function configKeys(): Set<string> {
  const keys = new Set<string>();
  const walk = (node: unknown, prefix: string): void => {
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    for (const branch of ['anyOf', 'oneOf', 'allOf'])
      for (const child of (schema[branch] as unknown[] | undefined) ?? []) walk(child, prefix);
    for (const [name, child] of Object.entries(
      (schema['properties'] as Record<string, unknown> | undefined) ?? {},
    )) {
      const key = prefix ? `${prefix}.${name}` : name;
      keys.add(key);
      walk(child, key);
    }
    if (typeof schema['additionalProperties'] === 'object')
      walk(schema['additionalProperties'], `${prefix}.*`);
  };
  walk(z.toJSONSchema(Config, { io: 'input', unrepresentable: 'any' }), '');
  return keys;
}

/** `pulse org pause-writes NAME --reason "why"` -> its arguments, quotes removed. */
function splitCommandLine(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

describe('docs/operations.md', () => {
  const doc = read('docs/operations.md');
  const spans = [...doc.matchAll(/`([^`\n]+)`/g)].map((match) => match[1] ?? '');

  it('names only pulse commands that exist, with options they take', () => {
    const commands = spans.filter((span) => span.startsWith('pulse '));
    expect(commands.length).toBeGreaterThan(5);
    const problems = commands.flatMap((span) => cliProblems(pulseProgram(), splitCommandLine(span).slice(1)));
    expect(problems).toEqual([]);
  });

  it('names only settings and variables that exist', () => {
    const keys = configKeys();
    const orgKeys = new Set([...keys].filter((key) => key.startsWith('orgs.*.')).map((key) => key.slice(7)));
    const roots = new Set([...keys, ...orgKeys].map((key) => key.split('.')[0]));
    const settings = spans.filter(
      (span) => /^[a-z]\w*(\.\w+)+$/i.test(span) && roots.has(span.split('.')[0]),
    );
    expect(settings.length).toBeGreaterThan(10);
    expect(settings.filter((key) => !keys.has(key) && !orgKeys.has(key))).toEqual([]);
    const variables = [...doc.matchAll(/\b((?:PULSE|SF)_[A-Z_]+|REDIS_URL|LOG_LEVEL|LOG_FORMAT)\b/g)].map(
      (match) => match[1] ?? '',
    );
    const known = new Set<string>([...Object.keys(ENV_KEYS), ...FILE_VARIABLES]);
    expect(variables.filter((name) => !known.has(name))).toEqual([]);
  });

  it('names only metrics Pulse serves', () => {
    const served = new Set(
      readdirSync(path.join(repo, 'src/metrics')).flatMap((file) =>
        [...read(`src/metrics/${file}`).matchAll(/name: '(pulse_\w+)'/g)].map((match) => match[1]),
      ),
    );
    const named = [...doc.matchAll(/\b(pulse_[a-z_]*[a-z])\b/g)].map((match) => match[1] ?? '');
    expect(named.length).toBeGreaterThan(3);
    expect(named.filter((name) => !served.has(name))).toEqual([]);
  });

  it('says what each alert means', () => {
    const table = [...doc.matchAll(/^\| `([a-z-]+)` +\|/gm)].map((match) => match[1]);
    expect(table).toEqual([...ALERT_KINDS]);
  });
});
