/**
 * Reads every `playbooks/success/*.yaml` (one playbook per file) and checks each against the schema,
 * against the health model (status bands, risk flags and segments it names must exist) and its
 * templates against the known placeholders. All problems are reported at once, each with its key,
 * file and line, as configuration problems are.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { z } from 'zod';

import { isPlainObject, originOf, type ValueOrigin } from '../config/config-layer.js';
import { describeIssue } from '../config/describe-issue.js';
import type { ConfigProblem } from '../config/index.js';
import { readYamlLayer } from '../config/yaml-layer.js';
import type { HealthModel } from '../health/index.js';
import { SuccessAction, SuccessPlaybook, TaskDue, Trigger } from './playbook-schema.js';
import { hasStrayBraces, KNOWN_PLACEHOLDERS, templatePlaceholders } from './render-template.js';
import { SuccessPlaybookError } from './success-playbook-error.js';

/** Where Pulse ships its success playbooks, relative to its package root. */
export const SUCCESS_PLAYBOOKS_DIR = 'playbooks/success';

export interface LoadSuccessPlaybooksOptions {
  /** Pulse's package root (`packageRoot()` in src/main). */
  readonly packageRoot: string;
  /** The folder of `*.yaml` files, resolved against `packageRoot`; default `playbooks/success`. */
  readonly dir?: string;
  /** Names in triggers and conditions must exist in it. */
  readonly model: HealthModel;
}

export interface LoadedSuccessPlaybook {
  readonly playbook: SuccessPlaybook;
  /** `playbooks/success/at-risk.yaml`. */
  readonly file: string;
  /** 12 hex characters of the SHA-256 of the parsed playbook: changes with any real edit, not with comments. */
  readonly version: string;
}

type Path = readonly (string | number)[];
type Origins = ReadonlyMap<string, ValueOrigin>;

const kindsOf = (union: { readonly options: readonly { readonly shape: object }[] }): string[] =>
  union.options.flatMap((option) => Object.keys(option.shape));

/** The unions of the schema, told apart by their one key; found by the last part of the issue's path. */
function unionKinds(issuePath: Path): readonly string[] | undefined {
  const last = issuePath[issuePath.length - 1];
  if (last === 'trigger') return kindsOf(Trigger);
  if (last === 'due') return kindsOf(TaskDue);
  if (typeof last === 'number' && issuePath[0] === 'actions') return kindsOf(SuccessAction);
  return undefined;
}

function problemAt(origins: Origins, file: string, where: Path, message: string): ConfigProblem {
  return { key: where.join('.') || '(top level)', where: originOf(origins, where)?.where ?? file, message };
}

/**
 * zod reports a failed union as "Invalid input" with every option's issues. Pulse's unions are told
 * apart by their one key, so: with exactly one known key, the issues of that option; else, which keys.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], origins: Origins, file: string, prefix: Path) {
  return issues.flatMap((issue): ConfigProblem[] => {
    const issuePath = [...prefix, ...issue.path] as (string | number)[];
    const kinds = issue.code === 'invalid_union' ? unionKinds(issuePath) : undefined;
    if (issue.code !== 'invalid_union' || kinds === undefined) {
      return describeIssue({ ...issue, path: issuePath }, origins).map((problem) => ({
        ...problem,
        where: problem.where ?? file,
      }));
    }
    const input: unknown = issue.input ?? origins.get(issuePath.join('.'))?.raw;
    const given = isPlainObject(input) ? Object.keys(input) : [];
    const matching = issue.errors.filter(
      (option) => !option.some((inner) => inner.code === 'unrecognized_keys' && inner.path.length === 0),
    );
    const [only] = matching;
    if (given.length === 1 && kinds.includes(given[0] ?? '') && only && matching.length === 1)
      return describeIssues(only, origins, file, issuePath);
    const found = isPlainObject(input) ? given.join(' and ') || 'none' : JSON.stringify(input);
    return [
      problemAt(origins, file, issuePath, `expected exactly one of ${kinds.join(', ')}, found ${found}`),
    ];
  });
}

const oneOf = (names: readonly string[]): string => names.map((name) => JSON.stringify(name)).join(', ');

/** Names the health model must define: config/health-model.yaml's bands, riskFlags and segments. */
function modelProblems(playbook: SuccessPlaybook, model: HealthModel, report: (at: Path, m: string) => void) {
  const statuses = model.config.bands.map((band) => band.status);
  const flags = model.config.riskFlags.map((flag) => flag.name);
  const segments = model.config.segments.map((segment) => segment.name);
  const check = (at: Path, name: string, kind: string, known: readonly string[]) => {
    if (known.includes(name)) return;
    const expected = known.length > 0 ? `expected one of ${oneOf(known)}` : 'the health model defines none';
    report(at, `unknown ${kind} ${JSON.stringify(name)} (config/health-model.yaml): ${expected}`);
  };
  const { trigger, conditions } = playbook;
  if ('statusBecame' in trigger) check(['trigger', 'statusBecame'], trigger.statusBecame, 'status', statuses);
  if ('flagAppeared' in trigger) check(['trigger', 'flagAppeared'], trigger.flagAppeared, 'risk flag', flags);
  conditions?.statusIn?.forEach((name, i) => {
    check(['conditions', 'statusIn', i], name, 'status', statuses);
  });
  conditions?.segments?.forEach((name, i) => {
    check(['conditions', 'segments', i], name, 'segment', segments);
  });
}

const KNOWN: ReadonlySet<string> = new Set(KNOWN_PLACEHOLDERS);
const GROUPS = [...new Set(KNOWN_PLACEHOLDERS.map((name) => name.split('.')[0] ?? ''))];

function placeholderProblem(name: string, hasCase: boolean): string | undefined {
  const group = name.split('.')[0] ?? '';
  if (!KNOWN.has(name)) {
    const fields = KNOWN_PLACEHOLDERS.filter((known) => known.startsWith(`${group}.`));
    const expected =
      fields.length > 0
        ? `${group} has ${fields.map((known) => known.slice(group.length + 1)).join(', ')}`
        : `expected ${GROUPS.map((known) => `${known}.*`).join(', ')}`;
    return `unknown placeholder {{${name}}}: ${expected}`;
  }
  if (group === 'case' && !hasCase)
    return `{{${name}}} needs the trigger caseSlaReached (only then is there a case)`;
  return undefined;
}

function templateProblems(playbook: SuccessPlaybook, report: (at: Path, message: string) => void) {
  const hasCase = 'caseSlaReached' in playbook.trigger;
  playbook.actions.forEach((action, i) => {
    const templates: [Path, string][] =
      'task' in action
        ? [
            [['actions', i, 'task', 'subject'], action.task.subject],
            [['actions', i, 'task', 'description'], action.task.description],
          ]
        : [[['actions', i, 'webhook', 'text'], action.webhook.text]];
    if ('webhook' in action && action.webhook.to === 'caseOwnerQueue' && !hasCase)
      report(
        ['actions', i, 'webhook', 'to'],
        'caseOwnerQueue needs the trigger caseSlaReached (only then is there a case)',
      );
    for (const [at, template] of templates) {
      for (const name of new Set(templatePlaceholders(template))) {
        const message = placeholderProblem(name, hasCase);
        if (message !== undefined) report(at, message);
      }
      if (hasStrayBraces(template))
        report(at, 'a "{{" or "}}" that is not a placeholder such as {{account.name}}');
    }
  });
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical(value[key])]),
  );
}

const versionOf = (playbook: SuccessPlaybook): string =>
  createHash('sha256')
    .update(JSON.stringify(canonical(playbook)))
    .digest('hex')
    .slice(0, 12);

type FileResult =
  | { readonly loaded: LoadedSuccessPlaybook; readonly idWhere: string }
  | { readonly problems: readonly ConfigProblem[] };

function readPlaybookFile(absolute: string, file: string, model: HealthModel): FileResult {
  const layer = readYamlLayer(absolute, file, { required: true });
  if (layer.problems.length > 0) return { problems: layer.problems };
  const parsed = SuccessPlaybook.safeParse(layer.data, { reportInput: true });
  if (!parsed.success) return { problems: describeIssues(parsed.error.issues, layer.origins, file, []) };
  const problems: ConfigProblem[] = [];
  const report = (at: Path, message: string) => problems.push(problemAt(layer.origins, file, at, message));
  modelProblems(parsed.data, model, report);
  templateProblems(parsed.data, report);
  if (problems.length > 0) return { problems };
  const loaded = { playbook: parsed.data, file, version: versionOf(parsed.data) };
  return { loaded, idWhere: originOf(layer.origins, ['id'])?.where ?? file };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

/** The playbooks sorted by id, deeply frozen; or a SuccessPlaybookError listing every problem. */
export function loadSuccessPlaybooks(options: LoadSuccessPlaybooksOptions): readonly LoadedSuccessPlaybook[] {
  const dir = path.resolve(options.packageRoot, options.dir ?? SUCCESS_PLAYBOOKS_DIR);
  const relative = path.relative(options.packageRoot, dir);
  const displayDir =
    relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new SuccessPlaybookError([
      { key: displayDir, message: `cannot read the playbook folder (${code})` },
    ]);
  }

  const problems: ConfigProblem[] = [];
  const byId = new Map<string, string>();
  const loaded: LoadedSuccessPlaybook[] = [];
  for (const name of names) {
    const file = `${displayDir}/${name}`;
    if (name.endsWith('.yml')) {
      // Only *.yaml is read: say so rather than silently ignore an admin's playbook.
      problems.push({ key: file, message: 'not read: playbook files end in .yaml' });
      continue;
    }
    if (!name.endsWith('.yaml')) continue;
    const result = readPlaybookFile(path.join(dir, name), file, options.model);
    if ('problems' in result) {
      problems.push(...result.problems);
      continue;
    }
    const { playbook } = result.loaded;
    const first = byId.get(playbook.id);
    if (first !== undefined) {
      const message = `duplicate id "${playbook.id}": already used in ${first}`;
      problems.push({ key: 'id', where: result.idWhere, message });
      continue;
    }
    byId.set(playbook.id, result.idWhere);
    loaded.push(result.loaded);
  }
  if (problems.length > 0) throw new SuccessPlaybookError(problems);
  // Code-unit order, not the locale's: the same order everywhere.
  return deepFreeze(loaded.sort((a, b) => (a.playbook.id < b.playbook.id ? -1 : 1)));
}
