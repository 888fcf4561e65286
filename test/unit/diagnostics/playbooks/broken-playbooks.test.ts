/**
 * A broken playbook file is refused at load with one message listing every problem, each naming the
 * key and the file and line it is on, as a broken configuration is. Each case copies the shipped
 * playbooks to a temporary folder and breaks one thing, as an admin's edit would.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadPlaybooks, PlaybookError } from '../../../../src/diagnostics/playbooks/index.js';

const shipped = path.resolve(import.meta.dirname, '../../../../playbooks/integration');
const DISPLAY = 'playbooks/integration';
const folders: string[] = [];

/** The shipped playbooks plus `files`, in a throw-away folder. */
function playbookDir(files: Readonly<Record<string, string>> = {}, remove: readonly string[] = []): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulse-playbooks-'));
  folders.push(dir);
  cpSync(shipped, dir, { recursive: true });
  for (const name of remove) rmSync(path.join(dir, name));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The problem lines of the error loading `dir` throws (after "  - "). */
function problemsLoading(dir: string): string[] {
  try {
    loadPlaybooks({ dir, displayDir: DISPLAY });
  } catch (error) {
    expect(error).toBeInstanceOf(PlaybookError);
    const message = (error as PlaybookError).message;
    expect(message).toMatch(/^Integration playbooks are invalid \(\d+ problems?\):\n/);
    return message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('the playbooks loaded');
}

/** A valid playbook, with `lines` spliced in after its match (or replacing parts via `replace`). */
const PLAYBOOK = [
  'playbooks:', //                                              1
  '  - id: custom-lock', //                                     2
  '    title: Our own lock playbook', //                        3
  '    summary: Locks held by our nightly load.', //            4
  '    match:', //                                              5
  '      errorCode: UNABLE_TO_LOCK_ROW', //                     6
  '      sObject: Contact', //                                  7
  '    causes:', //                                             8
  '      - The nightly contact load.', //                       9
  '    steps:', //                                              10
  '      - check: Is the load running?', //                     11
  '        fix: Wait for it to finish.', //                     12
  '    replay:', //                                             13
  '      helps: true', //                                       14
  '      why: The lock passes.', //                             15
];
const withLine = (n: number, text: string): string =>
  PLAYBOOK.map((line, i) => (i === n - 1 ? text : line)).join('\n');
const without = (from: number, to: number): string =>
  PLAYBOOK.filter((_, i) => i < from - 1 || i > to - 1).join('\n');

describe('broken playbook files', () => {
  it('the valid example loads beside the shipped playbooks', () => {
    const loaded = loadPlaybooks({
      dir: playbookDir({ 'zz-custom.yaml': PLAYBOOK.join('\n') }),
      displayDir: DISPLAY,
    });
    expect(loaded.find((playbook) => playbook.id === 'custom-lock')?.source).toBe(
      `${DISPLAY}/zz-custom.yaml:2`,
    );
  });

  it('a message pattern that is not a regular expression', () => {
    const dir = playbookDir({
      'zz-custom.yaml': withLine(7, '      messagePattern: "exclusive access (to"'),
    });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.match.messagePattern (${DISPLAY}/zz-custom.yaml:7): not a valid regular expression (Invalid regular expression: /exclusive access (to/i: Unterminated group), found "exclusive access (to"`,
    ]);
  });

  it('an unknown key, with its line', () => {
    const dir = playbookDir({ 'zz-custom.yaml': withLine(7, '      sobject: Contact') });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.match.sobject (${DISPLAY}/zz-custom.yaml:7): unknown setting (check its spelling and where it is nested)`,
    ]);
  });

  it('missing steps, blamed on the playbook', () => {
    const dir = playbookDir({ 'zz-custom.yaml': without(10, 12) });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.steps (${DISPLAY}/zz-custom.yaml:2): is required: expected a list of steps, each with check and fix`,
    ]);
  });

  it('an empty list of steps', () => {
    const dir = playbookDir({
      'zz-custom.yaml': without(11, 12).replace('    steps:', '    steps: []'),
    });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.steps (${DISPLAY}/zz-custom.yaml:10): expected at least 1, found a list`,
    ]);
  });

  it('a step without its fix', () => {
    const dir = playbookDir({ 'zz-custom.yaml': without(12, 12) });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.steps.0.fix (${DISPLAY}/zz-custom.yaml:11): is required: expected a string`,
    ]);
  });

  it('a duplicate id, naming where it was first used', () => {
    const dir = playbookDir({ 'zz-custom.yaml': withLine(2, '  - id: unable-to-lock-row') });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.id (${DISPLAY}/zz-custom.yaml:2): duplicate id "unable-to-lock-row": already used at ${DISPLAY}/record-locking.yaml:5`,
    ]);
  });

  it('a playbook with the same match as an earlier one, which could never be chosen', () => {
    const dir = playbookDir({ 'zz-custom.yaml': without(7, 7) });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.match (${DISPLAY}/zz-custom.yaml:2): same match as "unable-to-lock-row" (${DISPLAY}/record-locking.yaml:5), which comes first: this playbook could never be chosen`,
    ]);
  });

  it('a Setup path, an error class and a status of the wrong form', () => {
    const dir = playbookDir({
      'zz-custom.yaml': [
        ...PLAYBOOK.slice(0, 6),
        '      errorClass: temporary', //               7
        '      httpStatus: 6xx', //                     8
        ...PLAYBOOK.slice(7, 11),
        '        fix: Wait for it to finish.', //       13
        '        setup: Data Import Wizard', //         14
        ...PLAYBOOK.slice(12),
      ].join('\n'),
    });
    expect(problemsLoading(dir)).toEqual([
      `playbooks.0.match.httpStatus (${DISPLAY}/zz-custom.yaml:8): expected an HTTP status such as 503 or a class such as "5xx", found "6xx"`,
      `playbooks.0.match.errorClass (${DISPLAY}/zz-custom.yaml:7): expected an error class, or a list of them, found "temporary"`,
      `playbooks.0.steps.0.setup (${DISPLAY}/zz-custom.yaml:14): expected a Setup path such as "Setup > Users > Permission Sets", found "Data Import Wizard"`,
    ]);
  });

  it('YAML that does not parse: a key given twice', () => {
    const dir = playbookDir({ 'zz-custom.yaml': withLine(7, '      errorCode: SERVER_UNAVAILABLE') });
    expect(problemsLoading(dir)).toEqual([
      `${DISPLAY}/zz-custom.yaml (${DISPLAY}/zz-custom.yaml:7): YAML syntax: Map keys must be unique`,
    ]);
  });

  it('a file without the playbooks key', () => {
    const dir = playbookDir({ 'zz-custom.yaml': 'playbook: []\n' });
    expect(problemsLoading(dir)).toEqual([
      `playbooks (${DISPLAY}/zz-custom.yaml): is required: expected a list of playbooks`,
      `playbook (${DISPLAY}/zz-custom.yaml:1): unknown setting (check its spelling and where it is nested)`,
    ]);
  });

  it('every broken file at once, in file order', () => {
    const dir = playbookDir({
      'aa-custom.yaml': withLine(7, '      messagePattern: "[unclosed"'),
      'zz-custom.yaml': without(10, 12).replace('custom-lock', 'custom-lock-2'),
    });
    const problems = problemsLoading(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^playbooks\.0\.match\.messagePattern \(playbooks\/integration\/aa-custom\.yaml:7\)/,
    );
    expect(problems[1]).toMatch(/^playbooks\.0\.steps \(playbooks\/integration\/zz-custom\.yaml:2\)/);
  });

  it('a set without a fallback for a class, or without a catch-all', () => {
    const dir = playbookDir({}, ['fallbacks.yaml']);
    expect(problemsLoading(dir)).toEqual([
      ...['transient', 'auth', 'limit', 'data', 'config'].map(
        (errorClass) =>
          `${DISPLAY}: no fallback playbook for error class "${errorClass}" (one whose match is only \`errorClass: ${errorClass}\`)`,
      ),
      `${DISPLAY}: no catch-all playbook (one with an empty match, \`match: {}\`), so some failures would get none`,
    ]);
  });

  it('a folder that does not exist, or holds no playbooks', () => {
    expect(problemsLoading(path.join(tmpdir(), 'pulse-no-such-folder'))).toEqual([
      `${DISPLAY}: cannot read the playbook folder (ENOENT)`,
    ]);
    const empty = mkdtempSync(path.join(tmpdir(), 'pulse-playbooks-'));
    folders.push(empty);
    expect(problemsLoading(empty)).toEqual([`${DISPLAY}: no playbook files (*.yaml) in this folder`]);
  });
});
