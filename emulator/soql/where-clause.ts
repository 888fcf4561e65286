/**
 * Compiles a WHERE clause into one closure. The parser gives a right-leaning chain with parenthesis
 * counts on the conditions; it is flattened and re-parsed here, refusing AND and OR mixed without
 * parentheses as Salesforce does.
 */
import type { ConditionWithValueQuery, NegationCondition, WhereClause } from '@jetstreamapp/soql-parser-js';

import type { SObjectSchema } from '../org/types.js';

import { fail, type CompileContext, type RowPredicate } from './compile-context.js';
import { compileCondition } from './conditions.js';
import { resolvePath } from './field-paths.js';
import type { RawLiteral } from './literals.js';
import { notSupportedText } from './soql-error.js';

type Item =
  | { readonly kind: '(' | ')' | 'NOT' }
  | { readonly kind: 'AND' | 'OR'; readonly ordinal: number }
  | { readonly kind: 'COND'; readonly condition: Exclude<ConditionWithValueQuery, NegationCondition> };

function isNegation(condition: ConditionWithValueQuery | NegationCondition): condition is NegationCondition {
  return !('field' in condition) && !('fn' in condition);
}

function flatten(where: WhereClause): Item[] {
  const items: Item[] = [];
  const repeat = (kind: '(' | ')', count: number | undefined): void => {
    for (let i = 0; i < (count ?? 0); i += 1) items.push({ kind });
  };
  let ordinal = 0;
  let node: WhereClause | undefined = where;
  while (node !== undefined) {
    const left: ConditionWithValueQuery | NegationCondition | null = node.left;
    if (left !== null && isNegation(left)) {
      repeat('(', left.openParen);
    } else if (left !== null) {
      repeat('(', left.openParen);
      items.push({ kind: 'COND', condition: left });
      repeat(')', left.closeParen);
    }
    const operator = 'operator' in node ? node.operator.toUpperCase() : undefined;
    if (operator === 'NOT') items.push({ kind: 'NOT' });
    if (operator === 'AND' || operator === 'OR') items.push({ kind: operator, ordinal: (ordinal += 1) - 1 });
    node = 'right' in node ? node.right : undefined;
  }
  return items;
}

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

class WhereCompiler {
  private index = 0;
  /** Text offset of the last condition compiled: conditions come in text order. */
  private cursor = 0;

  constructor(
    private readonly ctx: CompileContext,
    private readonly schema: SObjectSchema,
    private readonly items: readonly Item[],
  ) {}

  compile(): RowPredicate {
    const predicate = this.expression();
    const extra = this.items[this.index];
    if (extra !== undefined) this.unexpected(extra.kind);
    return predicate;
  }

  private unexpected(token: string, offset = this.ctx.locator.keywordOffset('WHERE')): never {
    return fail(this.ctx, 'MALFORMED_QUERY', offset, `unexpected token: '${token}'`);
  }

  private expression(): RowPredicate {
    const parts = [this.unary()];
    let joiner: 'AND' | 'OR' | undefined;
    for (let item = this.items[this.index]; item?.kind === 'AND' || item?.kind === 'OR';) {
      if (joiner !== undefined && item.kind !== joiner) {
        this.unexpected(item.kind, this.ctx.locator.logicalOperator(item.ordinal));
      }
      joiner = item.kind;
      this.index += 1;
      parts.push(this.unary());
      item = this.items[this.index];
    }
    const [first, second] = parts;
    if (parts.length === 1 && first !== undefined) return first;
    if (parts.length === 2 && first !== undefined && second !== undefined) {
      return joiner === 'AND' ? (r) => first(r) && second(r) : (r) => first(r) || second(r);
    }
    return joiner === 'AND' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r));
  }

  private unary(): RowPredicate {
    const item = this.items[this.index];
    this.index += 1;
    if (item === undefined) return this.unexpected('<EOF>');
    if (item.kind === 'NOT') {
      const inner = this.unary();
      return (r) => !inner(r);
    }
    if (item.kind === '(') {
      const inner = this.expression();
      const close = this.items[this.index];
      if (close?.kind !== ')') return this.unexpected(close?.kind ?? '<EOF>');
      this.index += 1;
      return inner;
    }
    if (item.kind === 'COND') return this.condition(item.condition);
    return this.unexpected(item.kind);
  }

  private condition(condition: Exclude<ConditionWithValueQuery, NegationCondition>): RowPredicate {
    const { ctx } = this;
    const locator = ctx.locator;
    if ('fn' in condition) {
      const name = condition.fn.functionName ?? condition.fn.rawValue ?? 'function';
      const offset = locator.find(name, { after: 'WHERE', from: this.cursor });
      return fail(
        ctx,
        'MALFORMED_QUERY',
        offset,
        notSupportedText(`${condition.fn.rawValue ?? name} in WHERE`),
      );
    }
    if ('valueQuery' in condition) {
      const offset = locator.firstFilterSubquery()?.start ?? locator.keywordOffset('WHERE');
      return fail(ctx, 'MALFORMED_QUERY', offset, notSupportedText('A semi-join (IN (SELECT ...))'));
    }
    const offset = locator.find(condition.field, { after: 'WHERE', from: this.cursor });
    this.cursor = offset + 1;
    const path = resolvePath(ctx, this.schema, condition.field, offset);
    if (!path.field.filterable) {
      fail(ctx, 'INVALID_FIELD', offset, `field '${path.field.name}' can not be filtered in a query call`);
    }
    const types = asArray<string>(condition.literalType);
    const variables = 'dateLiteralVariable' in condition ? asArray(condition.dateLiteralVariable) : [];
    let from = offset;
    const literals = asArray(condition.value).map((text, i): RawLiteral => {
      const type = (types.length === 1 ? types[0] : types[i]) ?? 'STRING';
      if (type === 'APEX_BIND_VARIABLE') this.unexpected(`:${text}`, offset);
      const at = locator.find(text, { after: 'WHERE', from });
      from = at + 1;
      return { text, type, n: variables[i] ?? undefined, offset: at };
    });
    const operator = condition.operator.toUpperCase().replace(/\s+/g, ' ');
    return compileCondition(ctx, {
      path,
      operator: operator === '<>' ? '!=' : operator,
      literals,
      isList: Array.isArray(condition.value),
      offset,
    });
  }
}

/** The WHERE clause as a predicate; undefined when there is none. */
export function compileWhere(
  ctx: CompileContext,
  schema: SObjectSchema,
  where: WhereClause | undefined,
): RowPredicate | undefined {
  return where === undefined ? undefined : new WhereCompiler(ctx, schema, flatten(where)).compile();
}
