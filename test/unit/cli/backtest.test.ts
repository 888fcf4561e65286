/**
 * `pulse backtest`: reads the shipped fixtures (JSON Lines of snapshots, CSV of signals), prints a
 * reproducible report that owns up to synthetic labels, `--json` for machines, documented `--help`.
 */
import path from 'node:path';

import { Command, type CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';

import type { CliContext } from '../../../src/cli/cli-context.js';
import { registerBacktest } from '../../../src/cli/commands/backtest.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import type { AppError } from '../../../src/errors/app-error.js';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const fixture = (name: string) => path.join(repoRoot, 'test/fixtures/health', name);
const modelFiles = [
  '--model',
  path.join(repoRoot, 'config/health-model.yaml'),
  '--sla',
  path.join(repoRoot, 'config/sla.yaml'),
];

async function run(argv: string[]): Promise<{ stdout: string; stderr: string; error?: unknown }> {
  let stdout = '';
  let stderr = '';
  const context: Pick<CliContext, 'stdout' | 'loadHealthModel'> = {
    stdout: { write: (text: string) => (stdout += text) },
    loadHealthModel: (files) => loadHealthModel({ cwd: repoRoot, ...files }),
  };
  const program = new Command('pulse').exitOverride().configureOutput({
    writeOut: (text) => (stdout += text),
    writeErr: (text) => (stderr += text),
  });
  registerBacktest(program, context);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return { stdout, stderr };
  } catch (error) {
    return { stdout, stderr, error };
  }
}

describe('pulse backtest', () => {
  it('reports on the JSON Lines fixture, and says synthetic labels prove only the plumbing', async () => {
    const { stdout, error } = await run([
      'backtest',
      '--input',
      fixture('backtest-synthetic.jsonl'),
      ...modelFiles,
    ]);
    expect(error).toBeUndefined();
    expect(stdout).toMatch(/^Backtest: 48 snapshots, 19 churned \(39\.6%\), model [0-9a-f]{12}$/m);
    expect(stdout).toContain('NOTE: This input says it is synthetic');
    expect(stdout).toContain('prove the plumbing works, not that the model predicts churn');
    expect(stdout).toMatch(
      /^AUC 0\.\d{3} {2}\(95% bootstrap interval 0\.\d{3}-[01]\.\d{3}; 1000 resamples, seed 42\)$/m,
    );
    expect(stdout).toMatch(/^Lowest-scored decile: 5 snapshots, \d churned/m);
    expect(stdout).toContain('Churn by status:');
    expect(stdout).toContain('Measures that separate best');
  });

  it('prints the same figures every run, and other figures for another seed', async () => {
    const argv = [
      'backtest',
      '--input',
      fixture('backtest-synthetic.jsonl'),
      ...modelFiles,
      '--bootstrap',
      '200',
    ];
    const first = await run(argv);
    expect((await run(argv)).stdout).toBe(first.stdout);
    const reseeded = await run([...argv, '--seed', '7']);
    expect(reseeded.stdout).not.toBe(first.stdout);
  });

  it('reads the CSV fixture', async () => {
    const { stdout, error } = await run([
      'backtest',
      '--input',
      fixture('backtest-synthetic.csv'),
      ...modelFiles,
    ]);
    expect(error).toBeUndefined();
    expect(stdout).toMatch(/^Backtest: 30 snapshots, 10 churned/m);
  });

  it('prints JSON with --json', async () => {
    const { stdout } = await run([
      'backtest',
      '--input',
      fixture('backtest-synthetic.csv'),
      '--json',
      '--bootstrap',
      '50',
    ]);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      snapshots: 30,
      churned: 10,
      synthetic: true,
      auc: { bootstrapSamples: 50, seed: 42 },
    });
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['auc', 'lowestDecile', 'bands', 'measures', 'notes', 'modelVersion']),
    );
  });

  it('documents the input format in --help', async () => {
    const { stdout, error } = await run(['backtest', '--help']);
    expect((error as CommanderError).code).toBe('commander.helpDisplayed');
    expect(stdout).toContain('--input <file>');
    expect(stdout).toContain('JSON Lines, one object per line');
    expect(stdout).toContain('CSV with a header row: accountId, asOf, churned');
    expect(stdout).toContain('"synthetic": true');
  });

  it('requires --input', async () => {
    const { error, stderr } = await run(['backtest']);
    expect((error as CommanderError).code).toBe('commander.missingMandatoryOptionValue');
    expect(stderr).toContain("required option '--input <file>' not specified");
  });

  it('refuses a file it cannot read, and a bad --seed', async () => {
    const missing = await run(['backtest', '--input', fixture('nope.jsonl'), ...modelFiles]);
    expect((missing.error as AppError).code).toBe('backtest_input_unreadable');
    const seed = await run(['backtest', '--input', fixture('backtest-synthetic.csv'), '--seed', 'x']);
    expect((seed.error as CommanderError).code).toBe('commander.invalidArgument');
    expect(seed.stderr).toContain('--seed expects a whole number of at least 0');
  });
});
