/**
 * Reads every `playbooks/integration/*.yaml`, in file-name order, and validates them together: each
 * file against the schema, ids unique across files, no playbook hidden behind another with the same
 * match, a fallback for every error class and a catch-all, so every failed call gets a playbook.
 * All problems are reported at once, each with its key, file and line, as configuration problems are.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { originOf } from '../../config/config-layer.js';
import { describeIssue } from '../../config/describe-issue.js';
import type { ConfigProblem } from '../../config/index.js';
import { readYamlLayer } from '../../config/yaml-layer.js';
import type { ErrorClass } from '../../errors/app-error.js';
import { PlaybookError } from './playbook-error.js';
import { ERROR_CLASSES, PlaybookFile, type Playbook, type PlaybookMatch } from './playbook-schema.js';

/** Where Pulse ships its integration playbooks, relative to its package root. */
export const INTEGRATION_PLAYBOOKS_DIR = 'playbooks/integration';

export type LoadPlaybooksOptions =
  /** A folder of `*.yaml` playbook files; `displayDir` is how messages name it (default: `dir`). */
  | { readonly dir: string; readonly displayDir?: string }
  /** Pulse's package root (`packageRoot()` in src/main): its `playbooks/integration`. */
  | { readonly packageRoot: string };

export interface LoadedPlaybook extends Playbook {
  /** Where it is written: `playbooks/integration/limits.yaml:12`. */
  readonly source: string;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function list<T extends string | number>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return typeof value === 'object' ? [...value] : [value];
}

/** The match in a canonical form: two playbooks with equal signatures could never both be chosen. */
function matchSignature(match: PlaybookMatch): string {
  const canonical = Object.entries(match)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      const values = list(value as string | number | readonly (string | number)[]).map((item) =>
        typeof item === 'string' && key !== 'messagePattern' && key !== 'pathPattern'
          ? item.toLowerCase()
          : item,
      );
      return [key, values.map(String).sort()] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(canonical);
}

/** A playbook whose only criterion is the error class: the class's fallback. */
const isClassFallback = (match: PlaybookMatch, errorClass: ErrorClass): boolean =>
  Object.keys(match).length === 1 && list(match.errorClass).includes(errorClass);

/** A playbook read from a file, with where its key and its id are, for cross-file problems. */
interface Entry {
  readonly playbook: LoadedPlaybook;
  /** `playbooks.3`, the key of the playbook in its file. */
  readonly key: string;
  readonly idWhere: string;
}

function readPlaybookFile(
  file: string,
  displayName: string,
): { readonly entries: Entry[]; readonly problems: ConfigProblem[] } {
  const layer = readYamlLayer(file, displayName, { required: true });
  if (layer.problems.length > 0) return { entries: [], problems: [...layer.problems] };
  const parsed = PlaybookFile.safeParse(layer.data, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues
      .flatMap((issue) => describeIssue(issue, layer.origins))
      // A key missing at the top of the file has no line of its own: name the file.
      .map((problem) => (problem.where === undefined ? { ...problem, where: displayName } : problem));
    return { entries: [], problems };
  }
  const entries = parsed.data.playbooks.map((playbook, index) => ({
    playbook: { ...playbook, source: layer.origins.get(`playbooks.${index}`)?.where ?? displayName },
    key: `playbooks.${index}`,
    idWhere: originOf(layer.origins, ['playbooks', index, 'id'])?.where ?? displayName,
  }));
  return { entries, problems: [] };
}

function crossFileProblems(entries: readonly Entry[], displayDir: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const byId = new Map<string, LoadedPlaybook>();
  const bySignature = new Map<string, LoadedPlaybook>();
  for (const { playbook, key, idWhere } of entries) {
    const sameId = byId.get(playbook.id);
    if (sameId) {
      problems.push({
        key: `${key}.id`,
        where: idWhere,
        message: `duplicate id "${playbook.id}": already used at ${sameId.source}`,
      });
      continue;
    }
    byId.set(playbook.id, playbook);
    const signature = matchSignature(playbook.match);
    const sameMatch = bySignature.get(signature);
    if (sameMatch) {
      problems.push({
        key: `${key}.match`,
        where: playbook.source,
        message: `same match as "${sameMatch.id}" (${sameMatch.source}), which comes first: this playbook could never be chosen`,
      });
    } else {
      bySignature.set(signature, playbook);
    }
  }
  const all = entries.map((entry) => entry.playbook);
  for (const errorClass of ERROR_CLASSES) {
    if (!all.some((playbook) => isClassFallback(playbook.match, errorClass))) {
      problems.push({
        key: displayDir,
        message: `no fallback playbook for error class "${errorClass}" (one whose match is only \`errorClass: ${errorClass}\`)`,
      });
    }
  }
  if (!all.some((playbook) => Object.keys(playbook.match).length === 0)) {
    problems.push({
      key: displayDir,
      message:
        'no catch-all playbook (one with an empty match, `match: {}`), so some failures would get none',
    });
  }
  return problems;
}

/**
 * The playbooks, in file-name order and then in the order each file lists them (the order ties are
 * broken in), deeply frozen; or a PlaybookError listing every problem.
 */
export function loadPlaybooks(options: LoadPlaybooksOptions): readonly LoadedPlaybook[] {
  const dir = 'dir' in options ? options.dir : path.join(options.packageRoot, INTEGRATION_PLAYBOOKS_DIR);
  const displayDir = 'dir' in options ? (options.displayDir ?? options.dir) : INTEGRATION_PLAYBOOKS_DIR;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new PlaybookError([{ key: displayDir, message: `cannot read the playbook folder (${code})` }]);
  }
  // Code-unit order, not the locale's: the same files load in the same order everywhere.
  names.sort();
  if (names.length === 0) {
    throw new PlaybookError([{ key: displayDir, message: 'no playbook files (*.yaml) in this folder' }]);
  }

  const problems: ConfigProblem[] = [];
  const entries: Entry[] = [];
  for (const name of names) {
    const result = readPlaybookFile(path.join(dir, name), `${displayDir}/${name}`);
    problems.push(...result.problems);
    entries.push(...result.entries);
  }
  // The checks across files need every file: with one unreadable, its ids and fallbacks would be
  // reported missing as well.
  if (problems.length === 0) problems.push(...crossFileProblems(entries, displayDir));
  if (problems.length > 0) throw new PlaybookError(problems);
  return deepFreeze(entries.map((entry) => entry.playbook));
}
