/**
 * `npm run reliability [-- --profile small|full]`: runs the whole-system scenarios under
 * test/reliability/ (vitest's `reliability` project) at the chosen size and writes RELIABILITY.md
 * from what each one injected, counted and concluded. `small` is what CI runs inside `npm test`;
 * `full` is run by hand and its figures kept with the date.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import type { ScenarioResult } from './support/scenario.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'full' },
    out: { type: 'string', default: 'RELIABILITY.md' },
  },
});
const profile = values.profile === 'small' ? 'small' : 'full';
const resultsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'pulse-reliability-')), 'results.jsonl');
writeFileSync(resultsFile, '');

const startedAt = new Date();
const run = spawnSync(
  process.execPath,
  [path.join(repoRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'reliability'],
  {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, RELIABILITY_PROFILE: profile, RELIABILITY_OUT: resultsFile },
  },
);
const results = readFileSync(resultsFile, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as ScenarioResult);

const cell = (text: string | number): string => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const lines = [
  '# Reliability',
  '',
  'Whole-system scenarios against real Redis, the emulator and real worker processes: what each',
  'injected, what it counted and the outcome. Produced by one command; do not edit by hand.',
  '',
  `- Command: \`npm run reliability -- --profile ${profile}\``,
  `- Profile: **${profile}**${profile === 'small' ? ' (what CI runs inside `npm test`)' : ' (run by hand)'}`,
  `- Run: ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round((Date.now() - startedAt.getTime()) / 1000)} s in all`,
  `- Machine: ${os.cpus().length} cores, Node ${process.version}, ${os.platform()}`,
  '',
  '| scenario | injected | counted | outcome |',
  '| --- | --- | --- | --- |',
  ...results.map(
    (result) =>
      `| ${cell(result.name)} | ${cell(result.injected)} | ${Object.entries(result.counted)
        .map(([label, value]) => `${cell(label)}: **${cell(value)}**`)
        .join('<br>')} | ${cell(result.outcome)} |`,
  ),
  '',
];
if (results.length === 0) lines.push('No scenario reported a result: see the test output above.', '');
writeFileSync(path.resolve(repoRoot, values.out), lines.join('\n'));
console.log(
  `wrote ${values.out}: ${results.length} scenarios, ${results.filter((r) => r.passed).length} passed`,
);
process.exit(run.status ?? 1);
