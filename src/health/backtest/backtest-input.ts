/**
 * Backtest input rows, validated: point-in-time snapshots with a churned label, from JSON Lines
 * (a whole AccountSnapshot, or precomputed signals) or CSV (one column per signal). The caller
 * reads and splits the file; this names each bad row by its line.
 */
import { z } from 'zod';

import { AppError } from '../../errors/app-error.js';
import { parseInstant } from '../business-time/wall-clock.js';
import type { HealthModel } from '../model/health-model.js';
import { isBuiltinSignal, type SignalValue, type Signals } from '../signals/signal-catalog.js';
import { AccountSnapshot, FieldValue, IsoInstant } from '../snapshot.js';

export interface BacktestRecord {
  readonly line: number;
  readonly accountId: string;
  readonly asOfMs: number;
  readonly churned: boolean;
  readonly synthetic: boolean;
  /** Scored in full (escalation, flags and all) at `asOf`... */
  readonly snapshot?: AccountSnapshot;
  /** ...or, for precomputed inputs, scored on these signals alone. */
  readonly signals?: Signals;
}

export interface InputRow<T> {
  /** 1-based line in the file, for messages. */
  readonly line: number;
  readonly value: T;
}

const JsonRow = z
  .object({
    accountId: z.string().min(1).optional(),
    asOf: IsoInstant,
    churned: z.boolean(),
    /** Labels made from the same signals the model scores (a demo or test set). */
    synthetic: z.boolean().default(false),
    snapshot: AccountSnapshot.optional(),
    signals: z.record(z.string(), FieldValue).optional(),
  })
  .strict()
  .refine((row) => (row.snapshot === undefined) !== (row.signals === undefined), {
    error: 'expected exactly one of "snapshot" or "signals"',
  });

const MAX_REPORTED = 10;

function fail(problems: readonly string[]): never {
  const shown = problems.slice(0, MAX_REPORTED);
  const more = problems.length > MAX_REPORTED ? [`  ... and ${problems.length - MAX_REPORTED} more`] : [];
  throw new AppError(
    'backtest_input_invalid',
    ['The backtest input has problems:', ...shown.map((problem) => `  - ${problem}`), ...more].join('\n'),
    { errorClass: 'data' },
  );
}

function describeZodIssue(line: number, issue: z.core.$ZodIssue): string {
  const key = issue.path.map(String).join('.');
  return `line ${line}${key === '' ? '' : `, ${key}`}: ${issue.message}`;
}

export function parseJsonRows(rows: readonly InputRow<unknown>[]): BacktestRecord[] {
  const problems: string[] = [];
  const records: BacktestRecord[] = [];
  for (const { line, value } of rows) {
    const parsed = JsonRow.safeParse(value);
    if (!parsed.success) {
      problems.push(...parsed.error.issues.map((issue) => describeZodIssue(line, issue)));
      continue;
    }
    const row = parsed.data;
    const accountId = row.accountId ?? row.snapshot?.account.Id ?? `line ${line}`;
    const base = {
      line,
      accountId,
      asOfMs: parseInstant(row.asOf),
      churned: row.churned,
      synthetic: row.synthetic,
    };
    records.push(
      row.snapshot ? { ...base, snapshot: row.snapshot } : { ...base, signals: row.signals ?? {} },
    );
  }
  if (problems.length > 0) fail(problems);
  return records;
}

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);
const CSV_FIXED = ['accountId', 'asOf', 'churned', 'synthetic'];

function csvValue(text: string): SignalValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const lower = trimmed.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

/** CSV rows keyed by header: `accountId`, `asOf`, `churned`, optional `synthetic`, then one column per signal. */
export function parseCsvRows(
  rows: readonly InputRow<Readonly<Record<string, string>>>[],
  model: HealthModel,
): BacktestRecord[] {
  const problems: string[] = [];
  const header = Object.keys(rows[0]?.value ?? {});
  for (const column of header) {
    if (
      !CSV_FIXED.includes(column) &&
      !isBuiltinSignal(column) &&
      !Object.hasOwn(model.config.inputs, column)
    ) {
      problems.push(
        `line 1: unknown column "${column}" (expected accountId, asOf, churned, synthetic or a signal name)`,
      );
    }
  }
  for (const required of ['asOf', 'churned']) {
    if (rows.length > 0 && !header.includes(required)) problems.push(`line 1: missing column "${required}"`);
  }
  if (problems.length > 0) fail(problems);

  const records: BacktestRecord[] = [];
  for (const { line, value } of rows) {
    const asOf = value['asOf'] ?? '';
    const churned = (value['churned'] ?? '').trim().toLowerCase();
    const asOfMs = parseInstant(asOf);
    if (Number.isNaN(asOfMs))
      problems.push(`line ${line}, asOf: expected an ISO date-time with its offset, found "${asOf}"`);
    if (!TRUE.has(churned) && !FALSE.has(churned))
      problems.push(`line ${line}, churned: expected true or false, found "${churned}"`);
    const signals: Record<string, SignalValue> = {};
    for (const [column, text] of Object.entries(value)) {
      if (!CSV_FIXED.includes(column)) signals[column] = csvValue(text);
    }
    records.push({
      line,
      accountId: value['accountId']?.trim() || `line ${line}`,
      asOfMs,
      churned: TRUE.has(churned),
      synthetic: TRUE.has((value['synthetic'] ?? '').trim().toLowerCase()),
      signals,
    });
  }
  if (problems.length > 0) fail(problems);
  return records;
}
