/**
 * Compiles one WHERE field expression (`Amount > 5`, `Id IN (...)`, `Name LIKE 'a%'`, `Tags__c INCLUDES
 * ('a;b')`) into a closure over records, with SOQL's null rules (`!=` and `NOT IN` keep nulls).
 */
import { canonicalId } from '../org/ids.js';
import type { WireValue } from '../org/types.js';
import { formatDateTime, parseDateTime } from '../org/wire-format.js';

import { fail, type CompileContext, type RowPredicate, type RowReader } from './compile-context.js';
import type { ResolvedPath } from './field-paths.js';
import {
  kindOf,
  likePattern,
  selectionKey,
  toOperand,
  type Comparable,
  type Operand,
  type RawLiteral,
  type ValueKind,
} from './literals.js';

export interface FieldCondition {
  readonly path: ResolvedPath;
  /** Upper-case, `<>` already turned into `!=`. */
  readonly operator: string;
  readonly literals: readonly RawLiteral[];
  readonly isList: boolean;
  /** Where the field starts in the query text. */
  readonly offset: number;
}

type Normalise = (value: WireValue) => Comparable | null;

const NORMALISERS: Readonly<Record<ValueKind, Normalise>> = {
  string: (v) => (v === null || v === '' ? null : String(v).toLowerCase()),
  multipicklist: (v) => (typeof v === 'string' && v !== '' ? selectionKey(v) : null),
  id: (v) => (typeof v === 'string' && v !== '' ? (v.length === 18 ? v : canonicalId(v)) : null),
  number: (v) => (typeof v === 'number' ? v : null),
  boolean: (v) => (typeof v === 'boolean' ? v : v === null ? false : null),
  date: (v) => (typeof v === 'string' ? v : null),
  datetime: (v) => (typeof v === 'string' ? canonicalDateTime(v) : null),
};

/** Stored datetimes are `…T09:30:00.000+0000`; anything else is brought to that form to compare as text. */
function canonicalDateTime(value: string): string {
  if (value.length === 28 && value.endsWith('+0000')) return value;
  const date = parseDateTime(value);
  return date === undefined ? value : formatDateTime(date);
}

function equalsOperand(norm: Normalise, read: RowReader, operand: Operand): RowPredicate {
  switch (operand.kind) {
    case 'null':
      return (r) => norm(read(r)) === null;
    case 'value': {
      const { value } = operand;
      return (r) => norm(read(r)) === value;
    }
    case 'range': {
      const { from, to } = operand;
      return (r) => {
        const v = norm(read(r));
        return v !== null && v >= from && v < to;
      };
    }
  }
}

function compareOperand(norm: Normalise, read: RowReader, operator: string, operand: Operand): RowPredicate {
  if (operand.kind === 'null') return () => false;
  // Against a range, `<` means before it starts and `>` after it ends.
  const low = operand.kind === 'range' ? operand.from : operand.value;
  const high = operand.kind === 'range' ? operand.to : operand.value;
  const test = (v: Comparable | null): boolean => {
    if (v === null) return false;
    switch (operator) {
      case '<':
        return v < low;
      case '<=':
        return operand.kind === 'range' ? v < high : v <= high;
      case '>':
        return operand.kind === 'range' ? v >= high : v > high;
      default:
        return v >= low;
    }
  };
  return (r) => test(norm(read(r)));
}

function inList(norm: Normalise, read: RowReader, operands: readonly Operand[]): RowPredicate {
  const values = new Set<Comparable>();
  const ranges: { from: string; to: string }[] = [];
  let hasNull = false;
  for (const operand of operands) {
    if (operand.kind === 'null') hasNull = true;
    else if (operand.kind === 'value') values.add(operand.value);
    else ranges.push(operand);
  }
  return (r) => {
    const v = norm(read(r));
    if (v === null) return hasNull;
    return values.has(v) || ranges.some(({ from, to }) => v >= from && v < to);
  };
}

/** INCLUDES ('a;b', 'c'): the selection holds both a and b, or holds c. */
function includes(read: RowReader, operands: readonly Operand[]): RowPredicate {
  const terms = operands.flatMap((operand) =>
    operand.kind === 'value' ? [String(operand.value).split(';')] : [],
  );
  return (r) => {
    const v = read(r);
    if (typeof v !== 'string' || v === '') return false;
    const selected = new Set(selectionKey(v).split(';'));
    return terms.some((term) => term.every((value) => selected.has(value)));
  };
}

function badOperator(ctx: CompileContext, condition: FieldCondition, text: string): never {
  return fail(ctx, 'INVALID_QUERY_FILTER_OPERATOR', condition.offset, text);
}

function checkOperator(ctx: CompileContext, condition: FieldCondition, kind: ValueKind): void {
  const { operator, path } = condition;
  const listOperator = ['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(operator);
  if (listOperator !== condition.isList) {
    const literal = condition.literals[0];
    fail(
      ctx,
      'MALFORMED_QUERY',
      literal?.offset ?? condition.offset,
      `unexpected token: '${literal?.text ?? ''}'`,
    );
  }
  if ((operator === 'INCLUDES' || operator === 'EXCLUDES') && kind !== 'multipicklist') {
    badOperator(ctx, condition, 'includes or excludes operator only valid on multipicklist field');
  }
  if (operator === 'LIKE' && kind !== 'string') {
    badOperator(ctx, condition, `invalid operator on ${kind === 'id' ? 'id' : path.field.type} field`);
  }
  const ordering = ['<', '<=', '>', '>='].includes(operator);
  if (ordering && (kind === 'boolean' || kind === 'multipicklist')) {
    badOperator(ctx, condition, `invalid operator on ${path.field.type} field`);
  }
}

export function compileCondition(ctx: CompileContext, condition: FieldCondition): RowPredicate {
  const { path, operator } = condition;
  const kind = kindOf(path.field.type);
  checkOperator(ctx, condition, kind);
  const operands = condition.literals.map((literal) => toOperand(ctx, path.field, literal));
  const norm = NORMALISERS[kind];
  const read = path.read;
  const single = operands[0] ?? { kind: 'null' };
  switch (operator) {
    case '=':
      return equalsOperand(norm, read, single);
    case '!=': {
      const equals = equalsOperand(norm, read, single);
      return (r) => !equals(r);
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compareOperand(norm, read, operator, single);
    case 'IN':
      return inList(norm, read, operands);
    case 'NOT IN': {
      const within = inList(norm, read, operands);
      return (r) => !within(r);
    }
    case 'LIKE': {
      if (single.kind !== 'value') return () => false;
      const pattern = likePattern(condition.literals[0]?.text ?? "''");
      return (r) => {
        const v = read(r);
        return typeof v === 'string' && pattern.test(v);
      };
    }
    case 'INCLUDES':
      return includes(read, operands);
    case 'EXCLUDES': {
      const included = includes(read, operands);
      return (r) => !included(r);
    }
    default:
      return fail(ctx, 'MALFORMED_QUERY', condition.offset, `unexpected token: '${operator}'`);
  }
}
