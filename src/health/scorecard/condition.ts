/**
 * Conditions over signals, as written in the model (risk flags, segment rules): `all`, `any`,
 * `not`, or one signal compared. A signal with no data satisfies only `missing: true`.
 */
import { z } from 'zod';

import type { SignalValue, Signals } from '../signals/signal-catalog.js';

export interface Condition {
  readonly all?: readonly Condition[] | undefined;
  readonly any?: readonly Condition[] | undefined;
  readonly not?: Condition | undefined;
  readonly signal?: string | undefined;
  readonly lt?: number | undefined;
  readonly lte?: number | undefined;
  readonly gt?: number | undefined;
  readonly gte?: number | undefined;
  readonly eq?: string | number | boolean | undefined;
  readonly in?: readonly (string | number)[] | undefined;
  readonly missing?: boolean | undefined;
}

const COMPARATORS = ['lt', 'lte', 'gt', 'gte', 'eq', 'in', 'missing'] as const;
const SHAPES = ['all', 'any', 'not', 'signal'] as const;

export const Condition: z.ZodType<Condition> = z
  .object({
    get all() {
      return z.array(Condition).min(1).optional();
    },
    get any() {
      return z.array(Condition).min(1).optional();
    },
    get not() {
      return Condition.optional();
    },
    signal: z.string().min(1).optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    eq: z.union([z.string(), z.number(), z.boolean()]).optional(),
    in: z
      .array(z.union([z.string(), z.number()]))
      .min(1)
      .optional(),
    missing: z.boolean().optional(),
  })
  .strict()
  .superRefine((condition, ctx) => {
    const shapes = SHAPES.filter((key) => condition[key] !== undefined);
    const comparators = COMPARATORS.filter((key) => condition[key] !== undefined);
    if (shapes.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected exactly one of "all", "any", "not" or "signal"',
        input: condition,
      });
    } else if (shapes[0] === 'signal' && comparators.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['signal'],
        message: 'expected a comparison beside the signal: lt, lte, gt, gte, eq, in or missing',
        input: condition.signal,
      });
    } else if (shapes[0] !== 'signal' && comparators.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: [comparators[0] ?? 'eq'],
        message: 'expected a comparison only beside "signal"',
        input: condition[comparators[0] ?? 'eq'],
      });
    }
  });

/** Every signal a condition reads, with the path of its `signal` key (for validating names). */
export function signalReferences(
  condition: Condition,
  path: readonly (string | number)[] = [],
): { signal: string; path: (string | number)[] }[] {
  const found: { signal: string; path: (string | number)[] }[] = [];
  if (condition.signal !== undefined) found.push({ signal: condition.signal, path: [...path, 'signal'] });
  condition.all?.forEach((inner, index) => found.push(...signalReferences(inner, [...path, 'all', index])));
  condition.any?.forEach((inner, index) => found.push(...signalReferences(inner, [...path, 'any', index])));
  if (condition.not) found.push(...signalReferences(condition.not, [...path, 'not']));
  return found;
}

function asNumber(value: SignalValue): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

function same(a: SignalValue, b: string | number | boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string')
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  if (typeof a === 'boolean' || typeof b === 'boolean')
    return asNumber(a) === (b === true ? 1 : b === false ? 0 : b);
  return a === b;
}

function compare(condition: Condition, value: SignalValue | undefined): boolean {
  const missing = value === null || value === undefined;
  if (condition.missing !== undefined && condition.missing !== missing) return false;
  if (missing) return condition.missing === true;
  const number = asNumber(value);
  const bounds: [number | undefined, (n: number, bound: number) => boolean][] = [
    [condition.lt, (n, bound) => n < bound],
    [condition.lte, (n, bound) => n <= bound],
    [condition.gt, (n, bound) => n > bound],
    [condition.gte, (n, bound) => n >= bound],
  ];
  for (const [bound, holds] of bounds) {
    if (bound !== undefined && (number === null || !holds(number, bound))) return false;
  }
  if (condition.eq !== undefined && !same(value, condition.eq)) return false;
  if (condition.in !== undefined && !condition.in.some((option) => same(value, option))) return false;
  return true;
}

export function evaluateCondition(condition: Condition, signals: Signals): boolean {
  if (condition.all) return condition.all.every((inner) => evaluateCondition(inner, signals));
  if (condition.any) return condition.any.some((inner) => evaluateCondition(inner, signals));
  if (condition.not) return !evaluateCondition(condition.not, signals);
  if (condition.signal !== undefined) return compare(condition, signals[condition.signal]);
  return false;
}
