/**
 * Reads the Dockerfile and docker-compose.yml as far as a test can without a Docker engine, and
 * checks them against what the code says: the CLI's commands, the configuration's defaults and the
 * variables its environment layer accepts, the files read at run time, the API's probes. Each check
 * returns the problems it finds (empty: none), so a test can also feed it broken files.
 */
import path from 'node:path';

import { type Command, CommanderError } from 'commander';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { parse as parseYaml } from 'yaml';

// ---------------------------------------------------------------------------------------------
// The Dockerfile

export interface DockerInstruction {
  readonly keyword: string;
  /** Arguments without flags, split on white space as Docker does for the shell form. */
  readonly args: readonly string[];
  /** The arguments as written (flags left out, line continuations joined). */
  readonly content: string;
  /** `--from=build` -> `from: 'build'`. */
  readonly flags: Readonly<Record<string, string | null>>;
  /** The exec form (`["node", "x.js"]`) of CMD, ENTRYPOINT and HEALTHCHECK CMD, when used. */
  readonly exec?: readonly string[];
  /** ENV's name=value pairs. */
  readonly env?: readonly (readonly [string, string])[];
  /** The working directory the instruction runs in (WORKDIR, inherited from a parent stage). */
  readonly workdir: string;
}

export interface DockerStage {
  readonly name: string | undefined;
  /** What FROM names: an image, or an earlier stage. */
  readonly from: string;
  /** The external image the stage is built on, following earlier stages. */
  readonly baseImage: string;
  readonly instructions: readonly DockerInstruction[];
}

function flagsOf(instruction: Instruction): Record<string, string | null> {
  const withFlags = instruction as Instruction & {
    getFlags?: () => { getName(): string; getValue(): string | null }[];
  };
  return Object.fromEntries((withFlags.getFlags?.() ?? []).map((flag) => [flag.getName(), flag.getValue()]));
}

/** `["a", "b"]` -> the array; anything else (the shell form) -> undefined. */
function execForm(text: string): string[] | undefined {
  if (!text.trim().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function parseDockerfile(text: string): DockerStage[] {
  const stages: {
    name: string | undefined;
    from: string;
    baseImage: string;
    instructions: DockerInstruction[];
  }[] = [];
  let workdir = '/';
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArguments().map((argument) => argument.getValue());
    const content = instruction.getArgumentsContent() ?? '';
    if (keyword === 'FROM') {
      const [from = '', as, name] = args;
      const parent = stages.find((stage) => stage.name !== undefined && stage.name === from);
      workdir = parent?.instructions.at(-1)?.workdir ?? '/';
      stages.push({
        name: as?.toUpperCase() === 'AS' ? name : undefined,
        from,
        baseImage: parent ? parent.baseImage : from,
        instructions: [],
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARGs before the first FROM
    if (keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, args[0] ?? '.');
    const exec =
      keyword === 'CMD' || keyword === 'ENTRYPOINT'
        ? execForm(content)
        : keyword === 'HEALTHCHECK' && args[0]?.toUpperCase() === 'CMD'
          ? execForm(content.replace(/^\s*CMD\s+/i, ''))
          : undefined;
    const env =
      keyword === 'ENV'
        ? (
            instruction as Instruction & {
              getProperties(): { getName(): string; getValue(): string | null }[];
            }
          )
            .getProperties()
            .map((property) => [property.getName(), property.getValue() ?? ''] as const)
        : undefined;
    stage.instructions.push({
      keyword,
      args,
      content,
      flags: flagsOf(instruction),
      workdir,
      ...(exec ? { exec } : {}),
      ...(env ? { env } : {}),
    });
  }
  return stages;
}

export function instructionsOf(stage: DockerStage, keyword: string): DockerInstruction[] {
  return stage.instructions.filter((instruction) => instruction.keyword === keyword);
}

/** The stage's instructions and those of the stages it is built on, oldest first. */
export function lineageOf(stages: readonly DockerStage[], stage: DockerStage): DockerInstruction[] {
  const parent = stages.find((candidate) => candidate.name !== undefined && candidate.name === stage.from);
  return [...(parent ? lineageOf(stages, parent) : []), ...stage.instructions];
}

export interface CopyInstruction {
  readonly from: string | undefined;
  /** As written (relative to the context or to the source stage's root/working directory). */
  readonly sources: readonly string[];
  /** Where each source lands, as an absolute path in the image. */
  readonly targets: readonly string[];
}

/**
 * COPY's sources and where each lands. A directory's contents land in the destination itself; a
 * file lands in a destination that ends in `/` (or is `.`) under its own name.
 */
export function copiesOf(
  stage: DockerStage,
  isDirectory: (source: string, from: string | undefined) => boolean,
): CopyInstruction[] {
  return instructionsOf(stage, 'COPY').map((copy) => {
    const sources = copy.args.slice(0, -1);
    const destination = copy.args.at(-1) ?? '.';
    const from = copy.flags['from'] ?? undefined;
    const base = path.posix.resolve(copy.workdir, destination);
    const intoDirectory = destination.endsWith('/') || destination === '.' || sources.length > 1;
    return {
      from,
      sources,
      targets: sources.map((source) =>
        intoDirectory && !isDirectory(source, from)
          ? path.posix.join(base, path.posix.basename(source))
          : base,
      ),
    };
  });
}

/** `./config/` -> `config`, for comparing sources as written. */
export function normaliseSource(source: string): string {
  return path.posix.normalize(source).replace(/\/+$/, '').replace(/^\.\//, '');
}

// ---------------------------------------------------------------------------------------------
// docker-compose.yml

export interface ComposeService {
  readonly name: string;
  readonly image: string | undefined;
  /** Built from this repository's Dockerfile. */
  readonly builtHere: boolean;
  /** The exec form; undefined when the image's CMD applies. */
  readonly command: readonly string[] | undefined;
  readonly environment: Readonly<Record<string, string>>;
  readonly profiles: readonly string[];
  /** `service` -> its condition (`service_started` when given as a list). */
  readonly dependsOn: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly published: string | undefined; readonly container: number }[];
  readonly volumes: readonly { readonly source: string | undefined; readonly target: string }[];
  /** undefined: the image's own HEALTHCHECK applies. */
  readonly healthcheck:
    { readonly disable: boolean; readonly test: readonly string[] | undefined } | undefined;
  readonly networkMode: string | undefined;
}

export interface ComposeFile {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly volumes: readonly string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asString = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;

/** A command as compose runs it: a list as is, a string split on white space (no shell). */
function commandOf(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map((item) => asString(item) ?? '');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return undefined;
}

function environmentOf(value: unknown): Record<string, string> {
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map((item) => {
        const text = asString(item) ?? '';
        const at = text.indexOf('=');
        return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
      }),
    );
  }
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, asString(item) ?? '']));
}

/** `127.0.0.1:8080:8080/tcp`, `8080:8080`, `8080` or the long syntax -> the published and container port. */
function portsOf(value: unknown): { published: string | undefined; container: number }[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    if (isRecord(item)) return { published: asString(item['published']), container: Number(item['target']) };
    const parts = (asString(item) ?? '').replace(/\/(tcp|udp)$/, '').split(':');
    return {
      published: parts.length > 1 ? parts.slice(0, -1).join(':') : undefined,
      container: Number(parts.at(-1)),
    };
  });
}

function volumesOf(value: unknown): { source: string | undefined; target: string }[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    if (isRecord(item)) return { source: asString(item['source']), target: asString(item['target']) ?? '' };
    const parts = (asString(item) ?? '').split(':');
    return parts.length === 1
      ? { source: undefined, target: parts[0] ?? '' }
      : { source: parts[0], target: parts[1] ?? '' };
  });
}

function healthcheckOf(value: unknown): ComposeService['healthcheck'] {
  if (!isRecord(value)) return undefined;
  const test = value['test'];
  const disabled = value['disable'] === true || (Array.isArray(test) && test[0] === 'NONE');
  return {
    disable: disabled,
    test: Array.isArray(test)
      ? test.map((item) => asString(item) ?? '')
      : typeof test === 'string'
        ? ['CMD-SHELL', test]
        : undefined,
  };
}

export function parseCompose(text: string): ComposeFile {
  // Compose resolves YAML merge keys (`<<: *pulse`).
  const document: unknown = parseYaml(text, { merge: true });
  if (!isRecord(document) || !isRecord(document['services']))
    throw new Error('docker-compose.yml has no services');
  const services: Record<string, ComposeService> = {};
  for (const [name, raw] of Object.entries(document['services'])) {
    if (!isRecord(raw)) continue;
    const dependsOn = raw['depends_on'];
    const build = raw['build'];
    const context = isRecord(build) ? asString(build['context']) : asString(build);
    services[name] = {
      name,
      image: asString(raw['image']),
      builtHere: context !== undefined && path.posix.normalize(context) === '.',
      command: commandOf(raw['command']),
      environment: environmentOf(raw['environment']),
      profiles: Array.isArray(raw['profiles']) ? raw['profiles'].map((item) => asString(item) ?? '') : [],
      dependsOn: Array.isArray(dependsOn)
        ? Object.fromEntries(dependsOn.map((item) => [asString(item) ?? '', 'service_started']))
        : isRecord(dependsOn)
          ? Object.fromEntries(
              Object.entries(dependsOn).map(([service, spec]) => [
                service,
                (isRecord(spec) ? asString(spec['condition']) : undefined) ?? 'service_started',
              ]),
            )
          : {},
      ports: portsOf(raw['ports']),
      volumes: volumesOf(raw['volumes']),
      healthcheck: healthcheckOf(raw['healthcheck']),
      networkMode: asString(raw['network_mode']),
    };
  }
  const volumes = isRecord(document['volumes']) ? Object.keys(document['volumes']) : [];
  return { services, volumes };
}

/** `--appendonly yes` or `--appendonly=yes` in a redis-server command line. */
export function optionValue(argv: readonly string[], name: string): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === name) return argv[index + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The `pulse` command lines the files run

/**
 * The problems of running `pulse <argv>` with the real command tree: an unknown command, a command
 * that needs a subcommand, unknown or malformed options, missing required options or arguments.
 * Nothing is run: options are parsed, actions are not called.
 */
export function cliProblems(program: Command, argv: readonly string[]): string[] {
  const line = `pulse ${argv.join(' ')}`;
  let command = program;
  let rest = [...argv];
  for (;;) {
    const [name, ...tail] = rest;
    const sub = command.commands.find(
      (candidate) => candidate.name() === name || candidate.aliases().includes(name ?? ''),
    );
    if (!sub) break;
    command = sub;
    rest = tail;
  }
  if (command === program) return [`${line}: ${argv[0] ?? '(none)'} is not a pulse command`];
  if (command.commands.length > 0) return [`${line}: ${command.name()} needs one of its subcommands`];
  let parsed: { operands: string[]; unknown: string[] };
  try {
    parsed = command.parseOptions(rest);
  } catch (error) {
    if (error instanceof CommanderError) return [`${line}: ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  if (parsed.unknown.length > 0) problems.push(`${line}: unknown option(s) ${parsed.unknown.join(' ')}`);
  for (const option of command.options) {
    if (
      option.mandatory &&
      !rest.some((arg) => arg === option.long || arg.startsWith(`${option.long ?? ''}=`))
    )
      problems.push(`${line}: ${option.long ?? option.flags} is required`);
  }
  const declared = command.registeredArguments;
  const required = declared.filter((argument) => argument.required).length;
  if (parsed.operands.length < required) problems.push(`${line}: missing argument(s)`);
  if (!declared.some((argument) => argument.variadic) && parsed.operands.length > declared.length)
    problems.push(`${line}: unexpected argument(s) ${parsed.operands.slice(declared.length).join(' ')}`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The checks

/** What the code says, against which the files are checked (gathered by the test from the project). */
export interface ProjectFacts {
  /** The Node major version of .nvmrc. */
  readonly nodeMajor: string;
  /** tsconfig.build.json's `include`, its output directory, and the CLI it builds (package.json's `bin`). */
  readonly build: { readonly include: readonly string[]; readonly outDir: string; readonly cli: string };
  /** Files and directories read at run time from Pulse's package root. */
  readonly runtimeFiles: readonly string[];
  /** Paths the API answers without a token, for probes. */
  readonly probePaths: readonly string[];
  /** The variable that sets `http.port` (the healthcheck must follow it) and the one that sets `redis.url`. */
  readonly portVariable: string;
  readonly redisUrlVariable: string;
  /** What a process in the image runs with (config/default.yaml, then these variables), or the problems. */
  readonly configFor: (
    env: Readonly<Record<string, string>>,
  ) =>
    | { readonly ok: true; readonly http: { host: string; port: number }; readonly keyPrefix: string }
    | { readonly ok: false; readonly problems: readonly string[] };
  readonly isSecretName: (name: string) => boolean;
  /** Whether a path in the build context is a directory. */
  readonly isDirectory: (source: string) => boolean;
  /** Problems of running `pulse <argv>`. */
  readonly cliProblems: (argv: readonly string[]) => string[];
  /** The credentials `pulse emulator` accepts when given none. */
  readonly emulatorCredentials: Readonly<
    Record<'username' | 'password' | 'clientId' | 'clientSecret', string>
  >;
}

/** The Dockerfile's facts the compose file is checked against. */
export interface ImageFacts {
  readonly env: Readonly<Record<string, string>>;
  readonly cmd: readonly string[] | undefined;
  readonly exposed: readonly number[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const NPM_INSTALL = /\bnpm\s+(ci|install|i|prune)\b[^&|;]*/g;
const PROD_ONLY = /--(omit[= ]dev|production|only[= ]prod(uction)?)\b/;

/** The npm commands that install or prune dependencies, in order. */
function npmInstalls(instructions: readonly DockerInstruction[]): string[] {
  return instructions
    .filter((instruction) => instruction.keyword === 'RUN')
    .flatMap((instruction) => instruction.content.match(NPM_INSTALL) ?? []);
}

export function imageFacts(stages: readonly DockerStage[]): ImageFacts {
  const final = stages.at(-1);
  const lineage = final ? lineageOf(stages, final) : [];
  return {
    env: Object.fromEntries(lineage.flatMap((instruction) => instruction.env ?? [])),
    cmd: lineage.filter((instruction) => instruction.keyword === 'CMD').at(-1)?.exec,
    exposed: (final ? instructionsOf(final, 'EXPOSE') : []).flatMap((expose) =>
      expose.args.map((port) => Number(port.replace(/\/(tcp|udp)$/, ''))),
    ),
  };
}

function secretProblems(where: string, env: Readonly<Record<string, string>>, facts: ProjectFacts): string[] {
  return Object.entries(env)
    .filter(([name, value]) => facts.isSecretName(name) && value !== '' && !value.includes('${'))
    .map(([name]) => `${where}: ${name} holds a literal secret; pass it at run time (env file, secret)`);
}

export function dockerfileProblems(stages: readonly DockerStage[], facts: ProjectFacts): string[] {
  const problems: string[] = [];
  const final = stages.at(-1);
  if (!final) return ['no FROM: not a Dockerfile'];
  const named = stages.filter((stage) => stage.name !== undefined);
  if (named.length < 2)
    problems.push('not a multi-stage build: expected at least two `FROM ... AS name` stages');
  const lineage = lineageOf(stages, final);
  const last = (keyword: string): DockerInstruction | undefined =>
    lineage.filter((instruction) => instruction.keyword === keyword).at(-1);
  const workdir = final.instructions.at(-1)?.workdir ?? '/';
  const isDirectory = (source: string, from: string | undefined): boolean =>
    from === undefined ? facts.isDirectory(source) : !path.posix.extname(source);
  const finalCopies = copiesOf(final, isDirectory);

  const node = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)/.exec(final.baseImage);
  if (!node) problems.push(`the runtime image is built on ${final.baseImage}, not on an official node image`);
  else if (node[1] !== facts.nodeMajor)
    problems.push(`the runtime image runs Node ${node[1]}; .nvmrc says ${facts.nodeMajor}`);

  // The build: a stage with the dev dependencies compiles what tsconfig.build.json includes.
  const build = stages.find((stage) =>
    instructionsOf(stage, 'RUN').some((run) =>
      /\bnpm run build\b|\btsc\b.*tsconfig\.build\.json/.test(run.content),
    ),
  );
  if (!build || build === final) {
    problems.push('no build stage: expected a stage that runs `npm run build` (tsc -p tsconfig.build.json)');
  } else {
    const buildLineage = lineageOf(stages, build);
    const copied = new Set(
      buildLineage
        .filter((instruction) => instruction.keyword === 'COPY' && instruction.flags['from'] === undefined)
        .flatMap((copy) => copy.args.slice(0, -1).map(normaliseSource)),
    );
    for (const needed of [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      ...facts.build.include,
    ])
      if (!copied.has(normaliseSource(needed))) problems.push(`the build stage does not copy ${needed}`);
    if (!npmInstalls(buildLineage).some((install) => /\bnpm\s+ci\b/.test(install)))
      problems.push('the build stage does not install the locked dependencies (npm ci)');
    const buildDir = path.posix.join(build.instructions.at(-1)?.workdir ?? '/', facts.build.outDir);
    const output = finalCopies.find(
      (copy) =>
        copy.from === build.name &&
        copy.sources.some((source) => path.posix.resolve('/', source) === buildDir) &&
        copy.targets.includes(path.posix.join(workdir, facts.build.outDir)),
    );
    if (!output)
      problems.push(
        `the runtime stage does not copy ${buildDir} from the ${build.name ?? 'build'} stage into ${workdir}`,
      );
  }

  // Production dependencies only.
  const ownInstalls = npmInstalls(final.instructions);
  const nodeModules = path.posix.join(workdir, 'node_modules');
  const modulesCopies = finalCopies.filter((copy) => copy.targets.includes(nodeModules));
  for (const install of ownInstalls.filter((install) => !PROD_ONLY.test(install)))
    problems.push(`the runtime stage runs \`${install.trim()}\`, which installs the dev dependencies`);
  if (ownInstalls.length === 0 && modulesCopies.length === 0)
    problems.push(
      'the runtime stage gets no node_modules (npm ci --omit=dev, or a copy from a production-deps stage)',
    );
  for (const copy of modulesCopies) {
    const source = stages.find((stage) => stage.name !== undefined && stage.name === copy.from);
    const lastInstall = source ? npmInstalls(lineageOf(stages, source)).at(-1) : undefined;
    if (!lastInstall || !PROD_ONLY.test(lastInstall))
      problems.push(
        `node_modules comes from ${copy.from ?? 'the build context'}, whose dependencies are not production-only (npm ci --omit=dev)`,
      );
  }

  // What the code reads at run time from the package root.
  for (const file of facts.runtimeFiles) {
    const target = path.posix.join(workdir, file);
    if (
      !finalCopies.some(
        (copy) =>
          copy.from === undefined &&
          copy.targets.includes(target) &&
          copy.sources.map(normaliseSource).includes(file),
      )
    )
      problems.push(
        `the runtime stage does not copy ${file} to ${target} (read at run time from the package root)`,
      );
  }

  const user = last('USER')?.args[0]?.split(':')[0];
  const created = lineage.some(
    (instruction) =>
      instruction.keyword === 'RUN' &&
      user !== undefined &&
      new RegExp(`\\b(useradd|adduser)\\b.*\\b${user}\\b`).test(instruction.content),
  );
  if (user === undefined) problems.push('no USER: the runtime image runs as root');
  else if (user === 'root' || user === '0') problems.push(`USER ${user}: the runtime image runs as root`);
  else if (!/^\d+$/.test(user) && !(node && user === 'node') && !created)
    problems.push(`USER ${user}: no such user in the image (the official node image has "node")`);

  const env = imageFacts(stages).env;
  problems.push(...secretProblems('Dockerfile ENV', env, facts));
  const config = facts.configFor(env);
  if (!config.ok) {
    problems.push(...config.problems.map((problem) => `Dockerfile ENV: ${problem}`));
    return problems;
  }
  if (LOOPBACK.has(config.http.host))
    problems.push(
      `the API listens on ${config.http.host} inside the container: set ${facts.portVariable.replace('PORT', 'HOST')}=0.0.0.0`,
    );
  const exposed = imageFacts(stages).exposed;
  if (exposed.length !== 1 || exposed[0] !== config.http.port)
    problems.push(`EXPOSE ${exposed.join(' ') || '(none)'}: the API listens on ${config.http.port}`);

  const healthcheck = last('HEALTHCHECK');
  if (!healthcheck || healthcheck.args[0]?.toUpperCase() === 'NONE') problems.push('no HEALTHCHECK');
  else if (!healthcheck.exec)
    problems.push('HEALTHCHECK CMD is not in exec form (the slim image has no curl; use node)');
  else {
    const script = healthcheck.exec.join(' ');
    if (
      !facts.probePaths.some(
        (probe) => script.includes(`${probe}'`) || script.includes(`${probe}"`) || script.endsWith(probe),
      )
    )
      problems.push(`the HEALTHCHECK probes none of the API's probes (${facts.probePaths.join(', ')})`);
    if (!script.includes(facts.portVariable) || !script.includes(String(config.http.port)))
      problems.push(`the HEALTHCHECK must probe ${facts.portVariable}, else ${config.http.port}`);
  }

  const entrypoint = last('ENTRYPOINT');
  const cli = path.posix.join(workdir, facts.build.cli);
  if (!entrypoint?.exec) problems.push('no ENTRYPOINT in exec form: expected ["node", "<the pulse CLI>"]');
  else if (
    entrypoint.exec[0] !== 'node' ||
    path.posix.resolve(workdir, entrypoint.exec[1] ?? '') !== cli ||
    entrypoint.exec.length !== 2
  )
    problems.push(
      `ENTRYPOINT ${JSON.stringify(entrypoint.exec)}: expected ["node", "${cli}"] (package.json's bin)`,
    );
  const cmd = imageFacts(stages).cmd;
  if (!cmd) problems.push('no CMD in exec form: expected the default command, ["serve"]');
  else {
    problems.push(...facts.cliProblems(cmd));
    if (cmd[0] !== 'serve')
      problems.push(
        `CMD ${JSON.stringify(cmd)}: the default command must be serve (the HEALTHCHECK probes the API)`,
      );
  }
  return problems;
}

/** Patterns of .dockerignore that must be there, and none may exclude what the Dockerfile copies. */
export function dockerignoreProblems(
  text: string,
  stages: readonly DockerStage[],
  required: readonly string[],
): string[] {
  const patterns = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('!'))
    .map(normaliseSource);
  const matcher = (pattern: string): RegExp =>
    new RegExp(
      `^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')}(/.*)?$`,
    );
  const problems = required
    .filter((pattern) => !patterns.includes(pattern))
    .map((pattern) => `.dockerignore does not exclude ${pattern}`);
  for (const stage of stages) {
    for (const copy of instructionsOf(stage, 'COPY').filter(
      (instruction) => instruction.flags['from'] === undefined,
    )) {
      for (const source of copy.args.slice(0, -1).map(normaliseSource)) {
        const excluded = patterns.find((pattern) => matcher(pattern).test(source));
        if (excluded)
          problems.push(`.dockerignore's ${excluded} excludes ${source}, which the Dockerfile copies`);
      }
    }
  }
  return problems;
}

export function composeProblems(compose: ComposeFile, image: ImageFacts, facts: ProjectFacts): string[] {
  const problems: string[] = [];
  const { services } = compose;
  const named = (name: string): ComposeService | undefined => services[name];
  for (const name of ['redis', 'serve', 'worker'])
    if (!named(name)) problems.push(`no ${name} service`);
    else if (named(name)?.profiles.length) problems.push(`${name} is in a profile: it must always run`);

  // Redis: append-only, its data on a volume, a healthcheck the others wait for.
  const redisServices = Object.values(services).filter((service) =>
    /^(docker\.io\/)?(library\/)?redis(:|$)/.test(service.image ?? ''),
  );
  for (const redis of redisServices) {
    const argv = redis.command ?? [];
    if (argv[0] !== 'redis-server' || optionValue(argv, '--appendonly') !== 'yes')
      problems.push(`${redis.name}: run redis-server with --appendonly yes`);
    const policy = optionValue(argv, '--maxmemory-policy');
    if (policy !== undefined && policy !== 'noeviction')
      problems.push(`${redis.name}: --maxmemory-policy ${policy} evicts BullMQ's keys; use noeviction`);
    const data = redis.volumes.find((volume) => volume.target === '/data');
    if (!data?.source) problems.push(`${redis.name}: its /data (the AOF) is not on a volume`);
    else if (
      !data.source.startsWith('.') &&
      !data.source.startsWith('/') &&
      !compose.volumes.includes(data.source)
    )
      problems.push(`${redis.name}: volume ${data.source} is not declared under volumes:`);
    if (!redis.healthcheck?.test || redis.healthcheck.disable)
      problems.push(`${redis.name}: no healthcheck (redis-cli ping)`);
  }

  const pulse = Object.values(services).filter((service) => service.builtHere);
  const base = pulse.filter((service) => service.profiles.length === 0);
  const prefixes = new Map<string, string>();
  const runWith = new Map<string, ReturnType<ProjectFacts['configFor']>>();
  for (const service of pulse) {
    const env = { ...image.env, ...service.environment };
    const config = facts.configFor(env);
    runWith.set(service.name, config);
    if (!config.ok) problems.push(...config.problems.map((problem) => `${service.name}: ${problem}`));
    else prefixes.set(service.name, config.keyPrefix);
  }
  for (const service of pulse) {
    const argv = service.command ?? image.cmd ?? [];
    problems.push(...facts.cliProblems(argv).map((problem) => `${service.name}: ${problem}`));
    const role = argv[0];
    if (!service.profiles.includes('emulator'))
      problems.push(...secretProblems(service.name, service.environment, facts));
    for (const dependency of Object.keys(service.dependsOn)) {
      const target = named(dependency);
      if (!target) problems.push(`${service.name} depends on ${dependency}, which is not a service`);
      else if (service.profiles.length === 0 && target.profiles.length > 0)
        problems.push(`${service.name} depends on ${dependency}, which only runs in a profile`);
    }
    // Only `pulse serve` answers the image's HEALTHCHECK.
    if (role === 'serve') {
      const config = runWith.get(service.name);
      if (service.healthcheck?.disable) problems.push(`${service.name}: the API's healthcheck is disabled`);
      if (config?.ok) {
        if (service.ports.length === 0) problems.push(`${service.name}: the API's port is not published`);
        for (const port of service.ports)
          if (port.container !== config.http.port || !image.exposed.includes(port.container))
            problems.push(
              `${service.name}: publishes container port ${port.container}; the API listens on ${config.http.port} (EXPOSE ${image.exposed.join(' ')})`,
            );
      }
    } else if (!service.healthcheck || (!service.healthcheck.disable && !service.healthcheck.test))
      problems.push(
        `${service.name}: runs ${role ?? 'nothing'}, yet inherits the image's HEALTHCHECK of the API (disable it)`,
      );
    // Whatever uses Redis reaches the compose Redis and waits for it.
    if (role === 'serve' || role === 'worker') {
      const url = service.environment[facts.redisUrlVariable];
      const host = url ? new URL(url).hostname : undefined;
      const redis = redisServices.find((candidate) => candidate.name === host);
      if (!url || !redis)
        problems.push(`${service.name}: ${facts.redisUrlVariable} does not name the compose Redis service`);
      else {
        const port = optionValue(redis.command ?? [], '--port') ?? '6379';
        if ((new URL(url).port || '6379') !== port)
          problems.push(`${service.name}: ${url} is not the port ${redis.name} listens on (${port})`);
        if (service.dependsOn[redis.name] !== 'service_healthy')
          problems.push(
            `${service.name}: does not wait for ${redis.name} to be healthy (depends_on condition: service_healthy)`,
          );
      }
    }
  }
  if (named('serve') && (named('serve')?.command ?? image.cmd)?.[0] !== 'serve')
    problems.push('serve: does not run `pulse serve`');
  if (named('worker') && named('worker')?.command?.[0] !== 'worker')
    problems.push('worker: does not run `pulse worker`');

  // The emulator profile: an emulated org, and Pulse pointed at it.
  const emulator = named('emulator');
  if (!emulator) return [...problems, 'no emulator service (profile emulator)'];
  if (!emulator.profiles.includes('emulator')) problems.push('emulator: not in the emulator profile');
  const emulatorArgv = emulator.command ?? [];
  const port = Number(optionValue(emulatorArgv, '--port'));
  if (emulatorArgv[0] !== 'emulator' || !emulator.builtHere)
    problems.push('emulator: does not run `pulse emulator`');
  if (!Number.isInteger(port) || port <= 0)
    problems.push('emulator: needs a fixed --port for Pulse to log in to');
  const accepted: Readonly<Record<string, string>> = {
    SF_USERNAME: optionValue(emulatorArgv, '--username') ?? facts.emulatorCredentials.username,
    SF_PASSWORD: optionValue(emulatorArgv, '--password') ?? facts.emulatorCredentials.password,
    SF_CLIENT_ID: optionValue(emulatorArgv, '--client-id') ?? facts.emulatorCredentials.clientId,
    SF_CLIENT_SECRET: optionValue(emulatorArgv, '--client-secret') ?? facts.emulatorCredentials.clientSecret,
  };
  const clients = pulse.filter((service) => service.networkMode === `service:${emulator.name}`);
  if (clients.length === 0)
    problems.push(
      `no Pulse service shares the emulator's network (network_mode: service:${emulator.name}): it listens on 127.0.0.1 only`,
    );
  for (const client of clients) {
    if (!client.profiles.includes('emulator')) problems.push(`${client.name}: not in the emulator profile`);
    if (!(emulator.name in client.dependsOn))
      problems.push(`${client.name}: does not depend on ${emulator.name}`);
    const env = client.environment;
    if (env['SF_LOGIN_URL'] !== `http://127.0.0.1:${port}`)
      problems.push(
        `${client.name}: SF_LOGIN_URL ${env['SF_LOGIN_URL'] ?? '(unset)'} is not the emulator (http://127.0.0.1:${port})`,
      );
    for (const [name, value] of Object.entries(accepted))
      if (env[name] !== undefined && env[name] !== value)
        problems.push(`${client.name}: ${name} is not what the emulator accepts`);
    for (const [name, value] of Object.entries(env))
      if (facts.isSecretName(name) && !Object.values(accepted).includes(value))
        problems.push(
          `${client.name}: ${name} holds something other than the emulator's built-in credentials`,
        );
    const prefix = prefixes.get(client.name);
    for (const other of base)
      if (prefix !== undefined && prefix === prefixes.get(other.name))
        problems.push(
          `${client.name}: shares the key prefix ${prefix} with ${other.name}; their workers would remove each other's schedules`,
        );
  }
  return problems;
}
