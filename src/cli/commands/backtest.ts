/**
 * `pulse backtest --input FILE`: scores point-in-time snapshots with known outcomes and reports how
 * well the score ranks churn. Reads the file and the model; the metrics live in src/health/backtest.
 */
import { readFileSync } from 'node:fs';

import { InvalidArgumentError, Option, type Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';

import { AppError } from '../../errors/app-error.js';
import {
  formatBacktest,
  parseCsvRows,
  parseJsonRows,
  runBacktest,
  type BacktestRecord,
  type HealthModel,
  type InputRow,
} from '../../health/index.js';
import type { CliContext } from '../cli-context.js';

const INPUT_FORMAT = `
Input (CSV or JSON Lines, by extension: .csv, else .jsonl/.ndjson/.json; one row per account and date):
  JSON Lines, one object per line:
    {"asOf": "2025-06-30T00:00:00Z", "churned": true, "snapshot": {...}, "synthetic": true}
      snapshot: an AccountSnapshot (account, opportunities, cases, history), scored in full as of asOf
    {"accountId": "001...", "asOf": "...", "churned": false, "signals": {"openP1Cases": 0, "nps": 8}}
      signals: precomputed signal values (null = no data), scored by the scorecard alone
  CSV with a header row: accountId, asOf, churned (true/false), optional synthetic (true/false),
    then one column per signal name (e.g. openP1Cases, daysSinceLastActivity, nps, arr, accountType);
    an empty cell is "no data". Lines starting with # are comments.
  "synthetic": true on any row marks the input as made up (labels drawn from the scored signals):
    the report then says the figures prove the plumbing, not the model.

Output: AUC with a seeded bootstrap interval (the same input and seed print the same figures),
lift in the lowest-scored decile, churn rate per status band, and the measures that separate best.
`;

interface BacktestOptions {
  input: string;
  json?: boolean;
  seed: number;
  bootstrap: number;
  model: string;
  sla: string;
}

function wholeNumber(name: string, min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) {
      throw new InvalidArgumentError(`--${name} expects a whole number of at least ${min}`);
    }
    return value;
  };
}

function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new AppError('backtest_input_unreadable', `Cannot read ${file} (${code})`, {
      errorClass: 'data',
      cause: error,
    });
  }
}

function jsonLines(text: string): InputRow<unknown>[] {
  return text.split(/\r?\n/).flatMap((line, index) => {
    if (line.trim() === '') return [];
    try {
      return [{ line: index + 1, value: JSON.parse(line) as unknown }];
    } catch (error) {
      throw new AppError(
        'backtest_input_invalid',
        `line ${index + 1}: not JSON (${(error as Error).message})`,
        {
          errorClass: 'data',
          cause: error,
        },
      );
    }
  });
}

interface CsvRecord {
  readonly record: Record<string, string>;
  readonly info: { readonly lines: number };
}

function csvRows(text: string): InputRow<Record<string, string>>[] {
  try {
    const parsed = parseCsv<CsvRecord>(text, {
      columns: true,
      skip_empty_lines: true,
      trim: true,
      comment: '#',
      info: true,
    });
    return parsed.map(({ record, info }) => ({ line: info.lines, value: record }));
  } catch (error) {
    throw new AppError('backtest_input_invalid', `not valid CSV: ${(error as Error).message}`, {
      errorClass: 'data',
      cause: error,
    });
  }
}

export function readBacktestRecords(file: string, model: HealthModel): BacktestRecord[] {
  const text = readInput(file);
  return /\.csv$/i.test(file) ? parseCsvRows(csvRows(text), model) : parseJsonRows(jsonLines(text));
}

export function registerBacktest(
  program: Command,
  context: Pick<CliContext, 'stdout' | 'loadHealthModel'>,
): void {
  program
    .command('backtest')
    .description('Measure how well the health score ranks churn on past snapshots with known outcomes')
    .requiredOption('--input <file>', 'CSV or JSON Lines of point-in-time snapshots with a churned label')
    .option('--json', 'print the report as JSON')
    .addOption(
      new Option('--seed <n>', 'seed of the bootstrap resampling')
        .argParser(wholeNumber('seed', 0))
        .default(42),
    )
    .addOption(
      new Option('--bootstrap <n>', 'bootstrap resamples')
        .argParser(wholeNumber('bootstrap', 1))
        .default(1000),
    )
    .option('--model <file>', 'the health model', 'config/health-model.yaml')
    .option('--sla <file>', 'the SLA configuration', 'config/sla.yaml')
    .addHelpText('after', INPUT_FORMAT)
    .action((options: BacktestOptions) => {
      const model = context.loadHealthModel({ modelFile: options.model, slaFile: options.sla });
      const records = readBacktestRecords(options.input, model);
      const report = runBacktest(records, model, { seed: options.seed, bootstrapSamples: options.bootstrap });
      context.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatBacktest(report));
    });
}
