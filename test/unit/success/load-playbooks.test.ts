/**
 * Success playbooks: the shipped ones load against the real health model, and a broken file is
 * refused with one message per problem, each naming the key and the file and line it is on.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { loadSuccessPlaybooks } from '../../../src/success/load-playbooks.js';
import { SuccessPlaybookError } from '../../../src/success/success-playbook-error.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const model = loadHealthModel({ cwd: repoRoot });
const folders: string[] = [];

afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A throw-away folder holding exactly `files`. */
function playbookDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulse-success-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const load = (dir: string) => loadSuccessPlaybooks({ packageRoot: repoRoot, dir, model });

/** The problem lines of the error loading `dir` throws (after "  - "). */
function problemsLoading(dir: string): string[] {
  try {
    load(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(SuccessPlaybookError);
    const message = (error as SuccessPlaybookError).message;
    expect(message).toMatch(/^Success playbooks are invalid \(\d+ problems?\):\n/);
    return message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^ {2}- /, ''));
  }
  throw new Error('the playbooks loaded');
}

const PLAYBOOK = [
  'id: custom', //                                              1
  'name: Custom playbook', //                                   2
  'description: A playbook of our own.', //                     3
  'trigger:', //                                                4
  '  statusBecame: Red', //                                     5
  'conditions:', //                                             6
  '  statusIn: [Red, Yellow]', //                               7
  'actions:', //                                                8
  '  - task:', //                                               9
  "      subject: 'Call {{account.name}}'", //                  10
  '      description: "{{health.reasons}}"', //                 11
  '      due: { businessDays: 2 }', //                          12
  '  - webhook:', //                                            13
  '      text: "{{account.name}} is {{health.status}}"', //     14
  '      when: { every: 1h }', //                               15
];
/** The example with line `n` (1-based) replaced by `text`, or removed when `text` is null. */
const withLine = (n: number, text: string | null): string =>
  PLAYBOOK.flatMap((line, i) => (i !== n - 1 ? [line] : text === null ? [] : [text])).join('\n');

/** The problems of a folder holding only `bad.yaml`, with its folder written as DIR. */
function problemsOf(text: string): string[] {
  const dir = playbookDir({ 'bad.yaml': text });
  return problemsLoading(dir).map((line) => line.replaceAll(dir, 'DIR'));
}

describe('shipped success playbooks', () => {
  const loaded = loadSuccessPlaybooks({ packageRoot: repoRoot, model });

  it('all load, sorted by id, each from its own file', () => {
    expect(loaded.map(({ playbook }) => playbook.id)).toEqual([
      'at-risk',
      'critical-escalation',
      'no-recent-activity',
      'renewal-at-risk',
      'sla-about-to-breach',
      'support-spike',
    ]);
    for (const { playbook, file, version } of loaded) {
      expect(file).toBe(`playbooks/success/${playbook.id}.yaml`);
      expect(version).toMatch(/^[0-9a-f]{12}$/);
      expect(playbook.enabled).toBe(true);
    }
    expect(new Set(loaded.map(({ version }) => version)).size).toBe(loaded.length);
  });

  it('time the critical escalation as issue 12 asks', () => {
    const critical = loaded.find(({ playbook }) => playbook.id === 'critical-escalation')?.playbook;
    expect(critical?.trigger).toEqual({ escalationBecame: 'Critical' });
    expect(
      critical?.actions.map((action) => ('task' in action ? action.task.when : action.webhook.when)),
    ).toEqual([undefined, { every: 3_600_000 }, { afterClose: 48 * 3_600_000 }]);
  });

  it('are frozen', () => {
    expect(Object.isFrozen(loaded[0]?.playbook.actions)).toBe(true);
  });
});

describe('a playbook version', () => {
  const versionOf = (text: string) => load(playbookDir({ 'a.yaml': text }))[0]?.version;

  it('ignores comments, formatting and defaults written out, and changes with the content', () => {
    const base = versionOf(PLAYBOOK.join('\n'));
    expect(versionOf(`# a comment\n${PLAYBOOK.join('\n')}\nenabled: true\n`)).toBe(base);
    expect(versionOf(withLine(12, '      due:\n        businessDays: 2'))).toBe(base);
    expect(versionOf(withLine(12, '      due: { businessDays: 3 }'))).not.toBe(base);
  });
});

describe('broken success playbooks', () => {
  it('the valid example loads', () => {
    expect(load(playbookDir({ 'custom.yaml': PLAYBOOK.join('\n') }))).toHaveLength(1);
  });

  it('an unknown key', () => {
    expect(problemsOf(withLine(12, '      due: { businessDays: 2 }\n      priorty: High'))).toEqual([
      'actions.0.task.priorty (DIR/bad.yaml:13): unknown setting (check its spelling and where it is nested)',
    ]);
  });

  it('two trigger kinds', () => {
    expect(problemsOf(withLine(5, '  statusBecame: Red\n  flagAppeared: Open P1'))).toEqual([
      'trigger (DIR/bad.yaml:4): expected exactly one of statusBecame, flagAppeared, escalationBecame, scoreDropped, caseSlaReached, found statusBecame and flagAppeared',
    ]);
  });

  it('a misspelt trigger kind', () => {
    expect(problemsOf(withLine(5, '  statusBecomes: Red'))).toEqual([
      'trigger (DIR/bad.yaml:4): expected exactly one of statusBecame, flagAppeared, escalationBecame, scoreDropped, caseSlaReached, found statusBecomes',
    ]);
  });

  it('a trigger written as a plain value', () => {
    expect(problemsOf(withLine(5, null).replace('trigger:', 'trigger: Red'))).toEqual([
      'trigger (DIR/bad.yaml:4): expected exactly one of statusBecame, flagAppeared, escalationBecame, scoreDropped, caseSlaReached, found "Red"',
    ]);
  });

  it('a case trigger share out of range, inside the trigger it names', () => {
    expect(problemsOf(withLine(5, '  caseSlaReached: { share: 75 }'))).toEqual([
      'trigger.caseSlaReached.share (DIR/bad.yaml:5): expected less than 1, found 75',
    ]);
  });

  it('an unknown escalation status, inside the trigger it names', () => {
    expect(problemsOf(withLine(5, '  escalationBecame: critical'))).toEqual([
      'trigger.escalationBecame (DIR/bad.yaml:5): expected one of "None", "Watch", "Escalated", "SLA Breached", "Critical", found "critical"',
    ]);
  });

  it('an unknown risk flag', () => {
    expect(problemsOf(withLine(5, '  flagAppeared: Renewal at risk'))).toEqual([
      'trigger.flagAppeared (DIR/bad.yaml:5): unknown risk flag "Renewal at risk" (config/health-model.yaml): expected one of "Renewal At Risk", "Open P1", "SLA Breach", "Support Spike", "Declining Usage", "Low NPS", "No Recent Activity"',
    ]);
  });

  it('an unknown status, in the trigger and in the conditions', () => {
    expect(
      problemsOf(withLine(7, '  statusIn: [Red, Amber]').replace('statusBecame: Red', 'statusBecame: red')),
    ).toEqual([
      'trigger.statusBecame (DIR/bad.yaml:5): unknown status "red" (config/health-model.yaml): expected one of "Green", "Yellow", "Red"',
      'conditions.statusIn.1 (DIR/bad.yaml:7): unknown status "Amber" (config/health-model.yaml): expected one of "Green", "Yellow", "Red"',
    ]);
  });

  it('an unknown segment', () => {
    expect(problemsOf(withLine(7, '  segments: [Enterprise, Midmarket]'))).toEqual([
      'conditions.segments.1 (DIR/bad.yaml:7): unknown segment "Midmarket" (config/health-model.yaml): expected one of "Enterprise", "SMB"',
    ]);
  });

  it('a bad duration', () => {
    expect(problemsOf(withLine(15, '      when: { every: 1 hour }'))).toEqual([
      'actions.1.webhook.when.every (DIR/bad.yaml:15): a duration like 15m, 1h, 48h or 2d, found "1 hour"',
    ]);
  });

  it('every and afterClose together', () => {
    expect(problemsOf(withLine(15, '      when: { every: 1h, afterClose: 48h }'))).toEqual([
      'actions.1.webhook.when (DIR/bad.yaml:15): an action fires either while the episode lasts (every) or after it ends (afterClose), not both, found a mapping',
    ]);
  });

  it('a Task due in something other than business days or hours', () => {
    expect(problemsOf(withLine(12, '      due: { days: 2 }'))).toEqual([
      'actions.0.task.due (DIR/bad.yaml:12): expected exactly one of businessDays, businessHours, found days',
    ]);
  });

  it('an action that is neither a task nor a webhook', () => {
    expect(problemsOf(withLine(13, '  - slack:'))).toEqual([
      'actions.1 (DIR/bad.yaml:13): expected exactly one of task, webhook, found slack',
    ]);
  });

  it('a bad value inside a task, blamed on its key', () => {
    expect(problemsOf(withLine(12, '      due: { businessDays: 2 }\n      priority: Urgent'))).toEqual([
      'actions.0.task.priority (DIR/bad.yaml:13): expected one of "High", "Normal", "Low", found "Urgent"',
    ]);
  });

  it('an unknown placeholder, with what its group offers', () => {
    expect(problemsOf(withLine(10, "      subject: 'Call {{account.nme}} about {{acount.name}}'"))).toEqual([
      'actions.0.task.subject (DIR/bad.yaml:10): unknown placeholder {{account.nme}}: account has id, name, ownerId, ownerRole, segment, arr',
      'actions.0.task.subject (DIR/bad.yaml:10): unknown placeholder {{acount.name}}: expected account.*, health.*, case.*, playbook.*, episode.*, due.*',
    ]);
  });

  it('a case placeholder without a case trigger', () => {
    expect(problemsOf(withLine(14, '      text: "Case {{case.label}} on {{account.name}}"'))).toEqual([
      'actions.1.webhook.text (DIR/bad.yaml:14): {{case.label}} needs the trigger caseSlaReached (only then is there a case)',
    ]);
  });

  it('a notice to the case owner queue without a case trigger', () => {
    expect(problemsOf(withLine(14, '      text: "x"\n      to: caseOwnerQueue'))).toEqual([
      'actions.1.webhook.to (DIR/bad.yaml:15): caseOwnerQueue needs the trigger caseSlaReached (only then is there a case)',
    ]);
  });

  it('an owner role condition that is not a list of names', () => {
    expect(problemsOf(withLine(7, '  ownerRoles: []'))).toEqual([
      expect.stringMatching(/^conditions\.ownerRoles \(DIR\/bad\.yaml:7\): /) as unknown,
    ]);
  });

  it('case placeholders with a case trigger load', () => {
    const text = withLine(14, '      text: "Case {{case.label}} at {{case.slaPercent}}%"').replace(
      '  statusBecame: Red',
      '  caseSlaReached: { share: 0.75 }',
    );
    expect(load(playbookDir({ 'case.yaml': text }))[0]?.playbook.trigger).toEqual({
      caseSlaReached: { share: 0.75 },
    });
  });

  it('a placeholder typed with one brace missing', () => {
    expect(problemsOf(withLine(11, '      description: "{{health.reasons}"'))).toEqual([
      'actions.0.task.description (DIR/bad.yaml:11): a "{{" or "}}" that is not a placeholder such as {{account.name}}',
    ]);
  });

  it('a missing id, blamed on the file', () => {
    expect(problemsOf(withLine(1, null))).toEqual(['id (DIR/bad.yaml): is required: expected a string']);
  });

  it('a YAML syntax error', () => {
    expect(problemsOf(withLine(2, 'name: [Custom'))[0]).toMatch(
      /^DIR\/bad\.yaml \(DIR\/bad\.yaml:\d+\): YAML syntax: /,
    );
  });

  it('a duplicate id, naming both files', () => {
    const dir = playbookDir({ 'a.yaml': PLAYBOOK.join('\n'), 'b.yaml': PLAYBOOK.join('\n') });
    expect(problemsLoading(dir)).toEqual([
      `id (${dir}/b.yaml:1): duplicate id "custom": already used in ${dir}/a.yaml:1`,
    ]);
  });

  it('a .yml file, which would otherwise be ignored', () => {
    const dir = playbookDir({ 'custom.yml': PLAYBOOK.join('\n'), 'notes.txt': 'not a playbook' });
    expect(problemsLoading(dir)).toEqual([`${dir}/custom.yml: not read: playbook files end in .yaml`]);
  });

  it('every problem of every file at once', () => {
    const dir = playbookDir({
      'a.yaml': withLine(5, '  flagAppeared: Churn'),
      'b.yaml': withLine(15, '      when: { every: soon }'),
    });
    expect(problemsLoading(dir)).toHaveLength(2);
  });

  it('a folder that does not exist', () => {
    const dir = path.join(playbookDir({}), 'missing');
    expect(problemsLoading(dir)).toEqual([`${dir}: cannot read the playbook folder (ENOENT)`]);
  });

  it('a folder inside the package is named relative to it', () => {
    expect(() =>
      loadSuccessPlaybooks({ packageRoot: repoRoot, dir: 'playbooks/nothing-here', model }),
    ).toThrow('playbooks/nothing-here: cannot read the playbook folder (ENOENT)');
  });
});
