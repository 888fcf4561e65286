/**
 * config/health-model.yaml and config/sla.yaml: the shipped files load; a broken one is refused
 * with one clear message naming the key, its file and line; the model version follows the
 * configuration's meaning, not its formatting.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../src/config/index.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import { tempConfigDir } from '../../support/temp-config.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const shipped = (file: string) => readFileSync(path.join(repoRoot, 'config', file), 'utf8');

const MODEL = [
  'bands:', //                                          1
  '  - { status: Green, minScore: 70 }', //             2
  '  - { status: Red, minScore: 0 }', //                3
  'groups:', //                                         4
  '  - name: Support', //                               5
  '    weight: 1', //                                   6
  '    measures:', //                                   7
  '      - id: openP1', //                              8
  '        label: Open P1 cases', //                    9
  '        signal: openP1Cases', //                     10
  '        direction: lowerIsBetter', //                11
  '        weight: 1', //                               12
  '        thresholds: [{ atMost: 0, points: 100 }]', //13
  'riskFlags:', //                                      14
  '  - name: Open P1', //                               15
  '    when: { signal: openP1Cases, gte: 1 }', //       16
  '    reason: An open P1.', //                         17
  '  - name: SLA Breach', //                            18
  '    when: { signal: openCasesPastSla, gte: 1 }', //  19
  '    reason: Past its SLA.', //                       20
];

const SLA = [
  'tiers:', //                                          1
  '  P1: { firstResponse: 15m, resolution: 4h }', //    2
  '  P2: { firstResponse: 1h, resolution: 24h }', //    3
  '  P3: { firstResponse: 8h, resolution: 72h }', //    4
  '  P4: { firstResponse: 24h, resolution: 120h }', //  5
  '  # comment', //                                     6
  'priorities: { High: P2 }', //                        7
  'calendars:', //                                      8
  '  default:', //                                      9
  '    timeZone: UTC', //                               10
  '    weeklyHours:', //                                11
  "      monday: ['09:00-17:00']", //                   12
  '    holidays: []', //                                13
  'defaultCalendar: default', //                        14
];

/** The lines with line `n` (1-based) replaced. */
const withLine = (lines: readonly string[], n: number, text: string) =>
  lines.map((line, i) => (i === n - 1 ? text : line));

function configDir(model: readonly string[] = MODEL, sla: readonly string[] = SLA): string {
  return tempConfigDir({ 'config/health-model.yaml': model.join('\n'), 'config/sla.yaml': sla.join('\n') });
}

function problemsOf(cwd: string): string[] {
  try {
    loadHealthModel({ cwd });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const lines = (error as ConfigError).message.split('\n');
    expect(lines[0]).toMatch(/^Configuration is invalid \(\d+ problems?\):$/);
    return lines.slice(1);
  }
  throw new Error('expected a ConfigError');
}

const M = 'config/health-model.yaml';
const S = 'config/sla.yaml';

const brokenModels: { name: string; line: number; text: string; problem: string; extra?: string[] }[] = [
  {
    name: 'an unknown signal',
    line: 10,
    text: '        signal: openP1Casez',
    problem: `groups.0.measures.0.signal (${M}:10): expected a signal such as openCases, openP1Cases, openP2Cases, openP3Cases... or a name under "inputs", found "openP1Casez"`,
  },
  {
    name: 'a threshold bound that does not fit the direction',
    line: 13,
    text: '        thresholds: [{ atLeast: 0, points: 100 }]',
    problem: `groups.0.measures.0.thresholds.0 (${M}:13): expected "atMost" (the measure is lowerIsBetter), found a mapping`,
  },
  {
    name: 'points over 100',
    line: 13,
    text: '        thresholds: [{ atMost: 0, points: 120 }]',
    problem: `groups.0.measures.0.thresholds.0.points (${M}:13): expected at most 100, found 120`,
  },
  {
    name: 'a curve going the wrong way',
    line: 13,
    text: '        curve: [{ value: 0, points: 0 }, { value: 5, points: 100 }]',
    problem: `groups.0.measures.0.curve.1.points (${M}:13): expected points to fall (or stay) along the curve (the measure is lowerIsBetter), found 100`,
  },
  {
    name: 'a misspelt key',
    line: 11,
    text: '        directoin: lowerIsBetter',
    problem: `groups.0.measures.0.directoin (${M}:11): unknown setting (check its spelling and where it is nested)`,
  },
  {
    name: 'an unknown direction',
    line: 11,
    text: '        direction: up',
    problem: `groups.0.measures.0.direction (${M}:11): expected one of "higherIsBetter", "lowerIsBetter", found "up"`,
  },
  {
    name: 'bands out of order',
    line: 3,
    text: '  - { status: Red, minScore: 80 }',
    problem: `bands.1.minScore (${M}:3): expected bands best first, minScore falling, found 80`,
  },
  {
    name: 'a guaranteed flag missing',
    line: 15,
    text: '  - name: Open P2',
    problem: `riskFlags (${M}:14): expected a flag named "Open P1" (Pulse sets it whatever the rules say; its place in the list is its picklist order), found a list`,
  },
  {
    name: 'a signal without a comparison',
    line: 16,
    text: '    when: { signal: openP1Cases }',
    problem: `riskFlags.0.when.signal (${M}:16): expected a comparison beside the signal: lt, lte, gt, gte, eq, in or missing, found "openP1Cases"`,
  },
  {
    name: 'a condition with two shapes',
    line: 16,
    text: '    when: { signal: openP1Cases, gte: 1, not: { signal: openCases, eq: 0 } }',
    problem: `riskFlags.0.when (${M}:16): expected exactly one of "all", "any", "not" or "signal", found a mapping`,
  },
  {
    name: 'an unknown signal deep in a condition',
    line: 19,
    text: '    when: { any: [{ signal: openCasesPastSla, gte: 1 }, { not: { signal: slaBreach, eq: true } }] }',
    problem: `riskFlags.1.when.any.1.not.signal (${M}:19): expected a signal such as openCases, openP1Cases, openP2Cases, openP3Cases... or a name under "inputs", found "slaBreach"`,
  },
  {
    name: 'a measure on a text signal',
    line: 10,
    text: '        signal: accountType',
    problem: `groups.0.measures.0.signal (${M}:10): expected a signal with numbers (text signals can only be tested in a "when"), found "accountType"`,
  },
  {
    name: 'an input named like a computed signal',
    line: 21,
    text: 'inputs:',
    extra: ['  openCases: { field: Open_Cases__c }'], // line 22
    problem: `inputs.openCases (${M}:22): expected an input name that is not a computed signal, found a mapping`,
  },
  {
    name: 'a segment overriding a measure that does not exist',
    line: 21,
    text: 'segments:',
    extra: ['  - name: Big', '    when: { signal: arr, gte: 1 }', '    measures: { nope: { weight: 2 } }'], // lines 22-24
    problem: `segments.0.measures.nope (${M}:24): expected the id of a measure, found a mapping`,
  },
];

const brokenSlas: { name: string; line: number; text: string; problem: string }[] = [
  {
    name: 'a target without a unit',
    line: 2,
    text: '  P1: { firstResponse: 15, resolution: 4h }',
    problem: `tiers.P1.firstResponse (${S}:2): expected a business-time duration such as "15m", "4h" or "1h30m", found 15`,
  },
  {
    name: 'a target in days',
    line: 5,
    text: '  P4: { firstResponse: 24h, resolution: 5d }',
    problem: `tiers.P4.resolution (${S}:5): expected a business-time duration such as "15m", "4h" or "1h30m", found "5d"`,
  },
  {
    name: 'a missing tier',
    line: 5,
    text: '',
    problem: `tiers.P4 (${S}:1): is required: expected a mapping`,
  },
  {
    name: 'an unknown tier',
    line: 7,
    text: 'priorities: { High: P5 }',
    problem: `priorities.High (${S}:7): expected one of "P1", "P2", "P3", "P4", found "P5"`,
  },
  {
    name: 'a priority listed twice in different case',
    line: 7,
    text: 'priorities: { High: P2, HIGH: P1 }',
    problem: `priorities (${S}:7): expected each Priority value once, compared case-insensitively ("High" and "HIGH"), found a mapping`,
  },
  {
    name: 'an unknown time zone',
    line: 10,
    text: '    timeZone: Europe/Atlantis',
    problem: `calendars.default.timeZone (${S}:10): expected an IANA time zone such as "UTC" or "America/New_York", found "Europe/Atlantis"`,
  },
  {
    name: 'a range that ends before it starts',
    line: 12,
    text: "      monday: ['17:00-09:00']",
    problem: `calendars.default.weeklyHours.monday.0 (${S}:12): expected a time range such as "09:00-17:00" (end after start, at most "24:00"), found "17:00-09:00"`,
  },
  {
    name: 'a holiday that is both one date and every year',
    line: 13,
    text: "    holidays: [{ date: '2026-12-25', annually: '12-25' }]",
    problem: `calendars.default.holidays.0 (${S}:13): expected exactly one of "date" (one day) or "annually" (every year on MM-DD), found a mapping`,
  },
  {
    name: 'a holiday on a date that does not exist',
    line: 13,
    text: "    holidays: [{ date: '2026-02-30' }]",
    problem: `calendars.default.holidays.0.date (${S}:13): expected a date such as "2026-12-25", found "2026-02-30"`,
  },
  {
    name: 'a default calendar that is not defined',
    line: 14,
    text: 'defaultCalendar: office',
    problem: `defaultCalendar (${S}:14): expected the name of a calendar under "calendars" (default), found "office"`,
  },
];

describe('the health model files', () => {
  it('ship valid: config/health-model.yaml and config/sla.yaml load', () => {
    const model = loadHealthModel({ cwd: repoRoot });
    expect(model.version).toMatch(/^[0-9a-f]{12}$/);
    expect(model.profiles.map((profile) => profile.segment)).toEqual(['Enterprise', 'SMB', null]);
    expect(model.config.riskFlags.map((flag) => flag.name)).toEqual([
      'Renewal At Risk',
      'Open P1',
      'SLA Breach',
      'Support Spike',
      'Declining Usage',
      'Low NPS',
      'No Recent Activity',
    ]);
  });

  it("ship the issue's SLA defaults: P1 15m/4h, P2 1h/24h, Mon-Fri 09:00-17:00 UTC, unknown -> P3", () => {
    const { sla } = loadHealthModel({ cwd: repoRoot });
    expect(sla.config.tiers.P1).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    expect(sla.config.tiers.P2).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 1440 });
    expect(sla.config.unknownPriorityTier).toBe('P3');
    expect(sla.config.calendars['default']).toMatchObject({ timeZone: 'UTC', holidays: [] });
    expect(Object.fromEntries(sla.priorityTiers)).toEqual({
      critical: 'P1',
      urgent: 'P1',
      p1: 'P1',
      high: 'P2',
      p2: 'P2',
      medium: 'P3',
      p3: 'P3',
      low: 'P4',
      p4: 'P4',
    });
  });

  it.each(brokenModels)(
    'refuse a model with $name, naming the key and line',
    ({ line, text, problem, extra }) => {
      const lines = line > MODEL.length ? [...MODEL, text, ...(extra ?? [])] : withLine(MODEL, line, text);
      expect(problemsOf(configDir(lines))).toContain(`  - ${problem}`);
    },
  );

  it.each(brokenSlas)('refuse an SLA file with $name, naming the key and line', ({ line, text, problem }) => {
    expect(problemsOf(configDir(MODEL, withLine(SLA, line, text)))).toContain(`  - ${problem}`);
  });

  it('use the file Pulse ships for one the admin does not have', () => {
    const cwd = tempConfigDir({ 'config/health-model.yaml': MODEL.join('\n') });
    expect(() => loadHealthModel({ cwd })).not.toThrow();
  });

  it('report a file named explicitly that does not exist, by name', () => {
    const cwd = tempConfigDir({ 'config/health-model.yaml': MODEL.join('\n') });
    expect(() => loadHealthModel({ cwd, slaFile: 'config/my-sla.yaml' })).toThrow(
      'config/my-sla.yaml: file not found: config/my-sla.yaml',
    );
  });

  it('report the problems of both files at once', () => {
    const cwd = configDir(
      withLine(MODEL, 11, '        direction: up'),
      withLine(SLA, 10, '    timeZone: Mars/Base'),
    );
    const problems = problemsOf(cwd);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(`groups.0.measures.0.direction (${M}:11)`);
    expect(problems[1]).toContain(`calendars.default.timeZone (${S}:10)`);
  });

  it('version the model by meaning: comments and layout do not change it, a weight does', () => {
    const base = loadHealthModel({ cwd: configDir() }).version;
    const reformatted = loadHealthModel({
      cwd: configDir([
        '# the scorecard',
        ...MODEL.map((line) =>
          line.replace('{ status: Green, minScore: 70 }', '{minScore: 70, status: Green}'),
        ),
      ]),
    }).version;
    const reweighted = loadHealthModel({ cwd: configDir(withLine(MODEL, 12, '        weight: 2')) }).version;
    const slaChanged = loadHealthModel({
      cwd: configDir(MODEL, withLine(SLA, 2, '  P1: { firstResponse: 30m, resolution: 4h }')),
    }).version;
    expect(reformatted).toBe(base);
    expect(reweighted).not.toBe(base);
    expect(slaChanged).not.toBe(base);
  });

  it('load the shipped files from any directory that has them', () => {
    const cwd = tempConfigDir();
    writeFileSync(path.join(cwd, 'config/health-model.yaml'), shipped('health-model.yaml'));
    writeFileSync(path.join(cwd, 'config/sla.yaml'), shipped('sla.yaml'));
    expect(loadHealthModel({ cwd }).version).toBe(loadHealthModel({ cwd: repoRoot }).version);
  });
});
