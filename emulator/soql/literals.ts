/**
 * WHERE literals: checks each against the field's type as Salesforce does (a date literal only on a
 * date field...) and converts it to the comparable form the evaluator uses for that field.
 */
import { canonicalId, isWellFormedId } from '../org/ids.js';
import type { FieldDescribe, FieldType } from '../org/types.js';
import { formatDate, formatDateTime, parseDate, parseDateTime } from '../org/wire-format.js';

import { fail, type CompileContext } from './compile-context.js';
import { relativeDateRange } from './date-ranges.js';
import { notSupportedText } from './soql-error.js';

/** How values of a field compare. */
export type ValueKind = 'string' | 'id' | 'number' | 'boolean' | 'date' | 'datetime' | 'multipicklist';

export function kindOf(type: FieldType): ValueKind {
  switch (type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'double':
    case 'int':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'multipicklist':
      return 'multipicklist';
    case 'string':
    case 'textarea':
    case 'picklist':
    case 'email':
    case 'phone':
    case 'url':
      return 'string';
  }
}

/** A literal as the parser gives it: raw text (strings keep their quotes) and its literal type. */
export interface RawLiteral {
  readonly text: string;
  readonly type: string;
  readonly n: number | undefined;
  /** Where the literal starts in the query text. */
  readonly offset: number;
}

/** Comparable values: lower-cased text, 18-character ids, numbers, booleans, wire-format dates. */
export type Comparable = string | number | boolean;

export type Operand =
  | { readonly kind: 'null' }
  | { readonly kind: 'value'; readonly value: Comparable }
  /** A relative date literal: `[from, to)` in the field's wire format. */
  | { readonly kind: 'range'; readonly from: string; readonly to: string };

/** A multi-select value in a canonical form: `B; a` and `a;b` are the same selection (`a;b`). */
export function selectionKey(value: string): string {
  return value
    .toLowerCase()
    .split(';')
    .map((term) => term.trim())
    .sort()
    .join(';');
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** The text of a quoted SOQL string literal with its escapes resolved (`\%` and `\_` become `%` and `_`). */
export function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/gs, (_match, char: string) => ESCAPES[char] ?? char);
}

/** `'a\_b%'` -> a case-insensitive, anchored RegExp (`%` any run, `_` one character). */
export function likePattern(text: string): RegExp {
  let source = '';
  const body = text.slice(1, -1);
  for (let i = 0; i < body.length; i += 1) {
    const char = body.charAt(i);
    if (char === '\\' && i + 1 < body.length) {
      i += 1;
      const escaped = body.charAt(i);
      source += (ESCAPES[escaped] ?? escaped).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    } else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

const TYPE_WORDS: Readonly<Record<ValueKind, string>> = {
  string: 'string',
  id: 'string',
  multipicklist: 'string',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'dateTime',
};

function wrongType(ctx: CompileContext, field: FieldDescribe, kind: ValueKind, offset: number): never {
  const word = field.type === 'int' ? 'int' : TYPE_WORDS[kind];
  const quoting = word === 'string' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
  const text = `value of filter criterion for field '${field.name}' must be of type ${word} and ${quoting}`;
  return fail(ctx, 'INVALID_QUERY_FILTER_OPERATOR', offset, text);
}

function dateRange(ctx: CompileContext, literal: RawLiteral, format: (date: Date) => string): Operand {
  const found = relativeDateRange(literal.text, literal.n, ctx.org.now());
  if (found === undefined) {
    return fail(ctx, 'MALFORMED_QUERY', literal.offset, notSupportedText(`Date literal ${literal.text}`));
  }
  return { kind: 'range', from: format(found.from), to: format(found.to) };
}

/** The literal as an operand for `field`, or a Salesforce error when its type does not fit. */
export function toOperand(ctx: CompileContext, field: FieldDescribe, literal: RawLiteral): Operand {
  const kind = kindOf(field.type);
  const { type, text, offset } = literal;
  if (type === 'NULL') return { kind: 'null' };
  if (type === 'INTEGER_WITH_CURRENCY_PREFIX' || type === 'DECIMAL_WITH_CURRENCY_PREFIX') {
    return fail(ctx, 'MALFORMED_QUERY', offset, notSupportedText(`Currency-prefixed literal ${text}`));
  }
  switch (kind) {
    case 'string': {
      if (type !== 'STRING') return wrongType(ctx, field, kind, offset);
      const value = unquote(text);
      return value === '' ? { kind: 'null' } : { kind: 'value', value: value.toLowerCase() };
    }
    case 'multipicklist': {
      if (type !== 'STRING') return wrongType(ctx, field, kind, offset);
      const value = unquote(text);
      return value === '' ? { kind: 'null' } : { kind: 'value', value: selectionKey(value) };
    }
    case 'id': {
      if (type !== 'STRING') return wrongType(ctx, field, kind, offset);
      const value = unquote(text);
      if (value === '') return { kind: 'null' };
      if (!isWellFormedId(value)) {
        return fail(ctx, 'INVALID_QUERY_FILTER_OPERATOR', offset, `invalid ID field: ${value}`);
      }
      return { kind: 'value', value: canonicalId(value) };
    }
    case 'number':
      if (type !== 'INTEGER' && type !== 'DECIMAL') return wrongType(ctx, field, kind, offset);
      return { kind: 'value', value: Number(text) };
    case 'boolean':
      if (type !== 'BOOLEAN') return wrongType(ctx, field, kind, offset);
      return { kind: 'value', value: text.toUpperCase() === 'TRUE' };
    case 'date': {
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') return dateRange(ctx, literal, formatDate);
      const date = type === 'DATE' ? parseDate(text) : undefined;
      return date === undefined ? wrongType(ctx, field, kind, offset) : { kind: 'value', value: text };
    }
    case 'datetime': {
      if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL')
        return dateRange(ctx, literal, formatDateTime);
      const date = type === 'DATETIME' ? parseDateTime(text) : undefined;
      return date === undefined
        ? wrongType(ctx, field, kind, offset)
        : { kind: 'value', value: formatDateTime(date) };
    }
  }
}
