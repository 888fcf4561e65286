/**
 * The SELECT list: compiles fields, parent paths, `convertCurrency()`, `COUNT()` and child subqueries
 * into a tree of nodes, and projects a record into Salesforce's JSON row (`attributes` first, parents
 * nested with their own `attributes`, keys in describe's case).
 */
import type { FieldType as SelectItem, Subquery } from '@jetstreamapp/soql-parser-js';

import type { OrgView, SObjectSchema, StoredRecord } from '../org/types.js';

import { fail, type CompileContext, type RowReader } from './compile-context.js';
import { parentRecord, resolvePath, type RelationshipHop } from './field-paths.js';
import { notSupportedText, SoqlError } from './soql-error.js';
import type { ScopeLocator } from './source-text.js';

/** A child subquery's nested QueryResult for one parent; null when the parent has no such children. */
export interface ChildResults {
  readonly key: string;
  resultFor(parent: StoredRecord, apiVersion: string): Record<string, unknown> | null;
  /** Forgets what was read from the org, so the next execution sees current data. */
  reset(): void;
}

export type CompileChild = (subquery: Subquery, locator: ScopeLocator) => ChildResults;

export type SelectNode =
  | { readonly kind: 'field'; readonly key: string; readonly read: RowReader }
  | { readonly kind: 'children'; readonly key: string; readonly child: ChildResults }
  | {
      readonly kind: 'parent';
      readonly key: string;
      readonly lookup: string;
      readonly target: SObjectSchema;
      readonly nodes: SelectNode[];
    };

export interface SelectList {
  readonly nodes: readonly SelectNode[];
  readonly isCount: boolean;
  readonly children: readonly ChildResults[];
}

function insertField(nodes: SelectNode[], hops: readonly RelationshipHop[], leaf: SelectNode): void {
  let level = nodes;
  for (const hop of hops) {
    let parent = level.find((node) => node.kind === 'parent' && node.key === hop.relationshipName);
    if (parent?.kind !== 'parent') {
      parent = {
        kind: 'parent',
        key: hop.relationshipName,
        lookup: hop.lookup.name,
        target: hop.target,
        nodes: [],
      };
      level.push(parent);
    }
    level = parent.nodes;
  }
  level.push(leaf);
}

/** `convertCurrency(Amount)`: the amount times the rate of the record's currency; unchanged without rates. */
function convertCurrency(org: OrgView, key: string, scale: number): RowReader {
  const digits = Math.min(Math.max(scale, 0), 20);
  return (record) => {
    const value = record[key] ?? null;
    if (typeof value !== 'number') return value;
    const code = record['CurrencyIsoCode'];
    const rate = typeof code === 'string' ? org.currencyRates().get(code) : undefined;
    return rate === undefined ? value : Number((value * rate).toFixed(digits));
  };
}

export function compileSelectList(
  ctx: CompileContext,
  schema: SObjectSchema,
  items: readonly SelectItem[],
  compileChild: CompileChild | undefined,
): SelectList {
  const { locator } = ctx;
  const nodes: SelectNode[] = [];
  const children: ChildResults[] = [];
  const seen = new Set<string>();
  const subqueries = locator.selectSubqueries();
  let isCount = false;
  let from = 0;
  const at = (text: string): number => {
    const offset = locator.find(text, { after: 'SELECT', from });
    from = offset + 1;
    return offset;
  };
  const refuse = (construct: string, offset: number): never =>
    fail(ctx, 'MALFORMED_QUERY', offset, notSupportedText(construct));
  const claim = (key: string, written: string): void => {
    if (seen.has(key.toLowerCase()))
      throw new SoqlError('INVALID_FIELD', `duplicate field selected: ${written}`);
    seen.add(key.toLowerCase());
  };

  for (const item of items) {
    switch (item.type) {
      case 'Field':
      case 'FieldRelationship': {
        const written =
          item.type === 'Field'
            ? item.field
            : (item.rawValue ?? [...item.relationships, item.field].join('.'));
        const offset = at(written);
        if ('alias' in item && typeof item.alias === 'string') {
          fail(
            ctx,
            'MALFORMED_QUERY',
            locator.find(item.alias, { from: offset + 1 }),
            `unexpected token: '${item.alias}'`,
          );
        }
        const path = resolvePath(ctx, schema, written, offset);
        claim([...path.hops.map((hop) => hop.relationshipName), path.field.name].join('.'), written);
        const key = path.field.name;
        insertField(nodes, path.hops, { kind: 'field', key, read: (record) => record[key] ?? null });
        break;
      }
      case 'FieldFunctionExpression': {
        const written = item.rawValue ?? `${item.functionName}()`;
        const offset = at(item.functionName);
        const [parameter] = item.parameters;
        if (item.functionName.toUpperCase() === 'COUNT' && item.parameters.length === 0) {
          if (compileChild === undefined) refuse('COUNT() in a subquery', offset);
          if (items.length > 1)
            fail(ctx, 'MALFORMED_QUERY', offset, 'COUNT() must be the only element of the SELECT list');
          isCount = true;
        } else if (item.functionName.toLowerCase() === 'convertcurrency' && typeof parameter === 'string') {
          const path = resolvePath(ctx, schema, parameter, locator.find(parameter, { from: offset }));
          if (path.hops.length > 0) refuse(`convertCurrency() of a parent field (${parameter})`, offset);
          if (path.field.type !== 'currency')
            refuse(`convertCurrency() of a ${path.field.type} field`, offset);
          const key = item.alias ?? path.field.name;
          claim(key, written);
          nodes.push({
            kind: 'field',
            key,
            read: convertCurrency(ctx.org, path.field.name, path.field.scale),
          });
        } else {
          refuse(item.isAggregateFn === true ? `Aggregate function ${written}` : written, offset);
        }
        break;
      }
      case 'FieldSubquery': {
        const scope = subqueries[children.length];
        if (compileChild === undefined || scope === undefined) {
          return refuse('A nested subquery', scope?.start ?? locator.start);
        }
        const child = compileChild(item.subquery, scope);
        claim(child.key, item.subquery.relationshipName);
        children.push(child);
        nodes.push({ kind: 'children', key: child.key, child });
        break;
      }
      case 'FieldTypeof':
        refuse('TYPEOF', at('TYPEOF'));
    }
  }
  return { nodes, isCount, children };
}

/** One result row: `{attributes: {type, url}, ...selected fields in SELECT order}`. */
export function projectRecord(
  org: OrgView,
  nodes: readonly SelectNode[],
  record: StoredRecord,
  type: string,
  apiVersion: string,
): Record<string, unknown> {
  const id = typeof record['Id'] === 'string' ? record['Id'] : '';
  const row: Record<string, unknown> = {
    attributes: { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${id}` },
  };
  for (const node of nodes) {
    switch (node.kind) {
      case 'field':
        row[node.key] = node.read(record);
        break;
      case 'parent': {
        const parent = parentRecord(org, record, node.lookup);
        row[node.key] =
          parent === undefined ? null : projectRecord(org, node.nodes, parent, node.target.name, apiVersion);
        break;
      }
      case 'children':
        row[node.key] = node.child.resultFor(record, apiVersion);
        break;
    }
  }
  return row;
}
