/**
 * Compiles one query scope (the main query or a child subquery) into closures: which records match,
 * in which order, which window (OFFSET/LIMIT) and how rows are projected. Nothing is re-parsed per row.
 */
import type { Query, Subquery } from '@jetstreamapp/soql-parser-js';

import { canonicalId } from '../org/ids.js';
import type { SObjectSchema, StoredRecord } from '../org/types.js';

import { fail, type CompileContext, type RowPredicate } from './compile-context.js';
import { compileOrderBy, type Sorter } from './order-by.js';
import { compileSelectList, projectRecord, type ChildResults, type SelectNode } from './select-list.js';
import { SoqlError, unknownChildRelationshipText } from './soql-error.js';
import type { ScopeLocator } from './source-text.js';
import { rejectUnsupportedClauses } from './unsupported-clauses.js';
import { compileWhere } from './where-clause.js';

const MAX_OFFSET = 2000;

export interface QueryPlan {
  readonly schema: SObjectSchema;
  readonly isCount: boolean;
  readonly nodes: readonly SelectNode[];
  readonly children: readonly ChildResults[];
  /**
   * The records that pass the filters (and the deleted-rows rule), sorted.
   * @param windowed true when only the rows `window()` will keep are needed
   */
  matching(records: Iterable<StoredRecord>, windowed?: boolean): StoredRecord[];
  /** OFFSET and LIMIT applied to matching rows. */
  window(rows: StoredRecord[]): StoredRecord[];
}

function childKey(value: unknown): string | undefined {
  return typeof value === 'string' && value.length >= 15 ? canonicalId(value) : undefined;
}

function compileChild(
  ctx: CompileContext,
  parent: SObjectSchema,
  subquery: Subquery,
  locator: ScopeLocator,
): ChildResults {
  const childCtx: CompileContext = { ...ctx, locator };
  const name = subquery.relationshipName.toLowerCase();
  const relationship = parent.childRelationships.find((r) => r.relationshipName?.toLowerCase() === name);
  const key = relationship?.relationshipName ?? undefined;
  const schema = relationship === undefined ? undefined : ctx.org.schemaOf(relationship.childSObject);
  if (relationship === undefined || key === undefined || schema === undefined) {
    return fail(
      childCtx,
      'INVALID_TYPE',
      locator.fromTarget(),
      unknownChildRelationshipText(subquery.relationshipName),
    );
  }
  const plan = planQuery(childCtx, schema, subquery, false);
  const lookup = relationship.field;
  let byParent: Map<string, StoredRecord[]> | undefined;
  const index = (): Map<string, StoredRecord[]> => {
    const groups = new Map<string, StoredRecord[]>();
    for (const record of plan.matching(ctx.org.recordsOf(schema.name))) {
      const parentId = childKey(record[lookup]);
      if (parentId === undefined) continue;
      const group = groups.get(parentId);
      if (group === undefined) groups.set(parentId, [record]);
      else group.push(record);
    }
    return groups;
  };
  return {
    key,
    reset: () => {
      byParent = undefined;
    },
    resultFor(parentRecord, apiVersion) {
      byParent ??= index();
      const rows = plan.window(byParent.get(childKey(parentRecord['Id']) ?? '') ?? []);
      if (rows.length === 0) return null;
      const records = rows.map((row) => projectRecord(ctx.org, plan.nodes, row, schema.name, apiVersion));
      return { totalSize: records.length, done: true, records };
    },
  };
}

/**
 * @param allowSubqueries true for the main query: child subqueries may appear in its SELECT list
 */
export function planQuery(
  ctx: CompileContext,
  schema: SObjectSchema,
  query: Query | Subquery,
  allowSubqueries: boolean,
): QueryPlan {
  rejectUnsupportedClauses(ctx, query);
  const child = allowSubqueries
    ? (subquery: Subquery, locator: ScopeLocator) => compileChild(ctx, schema, subquery, locator)
    : undefined;
  const select = compileSelectList(ctx, schema, query.fields ?? [], child);
  const where: RowPredicate | undefined = compileWhere(ctx, schema, query.where);
  const sort: Sorter | undefined = compileOrderBy(ctx, schema, query.orderBy);
  const offset = query.offset ?? 0;
  if (offset > MAX_OFFSET) {
    throw new SoqlError('NUMBER_OUTSIDE_VALID_RANGE', `Maximum SOQL offset allowed is ${MAX_OFFSET}`);
  }
  const limit = query.limit;
  const includeDeleted = ctx.includeDeleted;

  return {
    schema,
    isCount: select.isCount,
    nodes: select.nodes,
    children: select.children,
    matching(records, windowed = false) {
      const rows: StoredRecord[] = [];
      for (const record of records) {
        if (!includeDeleted && record['IsDeleted'] === true) continue;
        if (where === undefined || where(record)) rows.push(record);
      }
      if (sort === undefined) return rows;
      return sort(rows, windowed && limit !== undefined ? offset + limit : undefined);
    },
    window(rows) {
      if (offset === 0 && (limit === undefined || rows.length <= limit)) return rows;
      return rows.slice(offset, limit === undefined ? undefined : offset + limit);
    },
  };
}
