/**
 * `npm run reliability [-- --profile small|full] [--only NAME]`: runs the whole-system scenarios
 * under test/reliability/ (vitest's `reliability` project; `--only` picks test files by name) and
 * keeps each scenario's latest result, with its date and profile, in RELIABILITY.json; then writes
 * RELIABILITY.md from all of them. `small` is what CI runs inside `npm test`; `full` is run by
 * hand, a scenario at a time if need be (the full profile takes a while).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { ScenarioResult } from './support/scenario.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const recordsFile = path.join(repoRoot, 'RELIABILITY.json');

interface KeptResult extends ScenarioResult {
  readonly profile: string;
  /** When the run started, ISO. */
  readonly at: string;
  readonly machine: string;
}

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    only: { type: 'string' },
    /** Only write RELIABILITY.md from what RELIABILITY.json keeps. */
    'render-only': { type: 'boolean', default: false },
  },
});
const profile = values.profile === 'small' ? 'small' : 'full';
const resultsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'pulse-reliability-')), 'results.jsonl');
writeFileSync(resultsFile, '');

const startedAt = new Date();
const run = values['render-only']
  ? { status: 0 }
  : spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/vitest/vitest.mjs'),
        'run',
        '--project',
        'reliability',
        ...(values.only ? [values.only] : []),
      ],
      {
        cwd: repoRoot,
        stdio: 'inherit',
        env: { ...process.env, RELIABILITY_PROFILE: profile, RELIABILITY_OUT: resultsFile },
      },
    );
const machine = `${os.cpus().length} cores, Node ${process.version}, ${os.platform()}`;
const fresh = readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => ({
    ...(JSON.parse(line) as ScenarioResult),
    profile,
    at: startedAt.toISOString(),
    machine,
  }));

const kept: Record<string, KeptResult> = existsSync(recordsFile)
  ? (JSON.parse(readFileSync(recordsFile, 'utf8')) as Record<string, KeptResult>)
  : {};
for (const result of fresh) kept[result.name] = result;
writeFileSync(recordsFile, `${JSON.stringify(kept, null, 2)}\n`);

const cell = (text: string | number): string => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const when = (result: KeptResult): string =>
  `${result.at.slice(0, 16).replace('T', ' ')} UTC, ${result.profile}, ${result.machine}`;
const lines = [
  '# Reliability',
  '',
  'Whole-system scenarios against real Redis, the emulator and real worker processes: what each',
  'injected, what it counted and the outcome, each as last run. Written by',
  '`npm run reliability -- --profile full [--only NAME]` from RELIABILITY.json; do not edit by hand.',
  'The small profile of every scenario runs inside `npm test`.',
  '',
  '| scenario | run | injected | counted | outcome |',
  '| --- | --- | --- | --- | --- |',
  ...Object.values(kept).map(
    (result) =>
      `| ${cell(result.name)} | ${cell(when(result))} | ${cell(result.injected)} | ${Object.entries(
        result.counted,
      )
        .map(([label, value]) => `${cell(label)}: **${cell(value)}**`)
        .join('<br>')} | ${cell(result.outcome)} |`,
  ),
  '',
];
writeFileSync(path.join(repoRoot, 'RELIABILITY.md'), lines.join('\n'));
console.log(
  `RELIABILITY.md: ${fresh.length} scenarios run now (${fresh.filter((r) => r.passed).length} passed), ${Object.keys(kept).length} kept`,
);
process.exit(run.status ?? 1);
