/**
 * The emulator's SOQL engine: compiles a query once against the org's describe metadata, then
 * executes it over the org's records and projects rows as the REST API returns them.
 */
import type { OrgView, StoredRecord } from '../org/types.js';

import { fail, type CompileContext } from './compile-context.js';
import { flatColumns, type FlatColumn } from './flat-columns.js';
import { parseSoql } from './parse-soql.js';
import { planQuery } from './plan-query.js';
import { projectRecord } from './select-list.js';
import { unsupportedTypeText } from './soql-error.js';
import { SourceText } from './source-text.js';

export { SoqlError, type SoqlErrorCode } from './soql-error.js';
export type { FlatColumn } from './flat-columns.js';

export interface CompiledQuery {
  /** Canonical API name, e.g. `Account`. */
  readonly objectName: string;
  /** `SELECT COUNT() FROM ...` */
  readonly isCount: boolean;
  /** Matching records in result order, after WHERE, ORDER BY, OFFSET, LIMIT. Deleted records only when includeDeleted. */
  execute(): StoredRecord[];
  /** One result row as JSON: `{attributes: {type, url}, ...selected fields in SELECT order}`. */
  project(record: StoredRecord, apiVersion: string): Record<string, unknown>;
  /** The SELECT list as flat CSV columns (Bulk API 2.0); undefined when it has child subqueries. */
  flatColumns(): FlatColumn[] | undefined;
}

export interface CompileOptions {
  /** queryAll: deleted records (`IsDeleted = true`) are returned too. */
  readonly includeDeleted: boolean;
}

/** Throws SoqlError (MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE, ...) in Salesforce's message format. */
export function compileQuery(soql: string, org: OrgView, options: CompileOptions): CompiledQuery {
  const source = new SourceText(soql);
  const query = parseSoql(soql);
  const locator = source.locator();
  const ctx: CompileContext = { org, includeDeleted: options.includeDeleted, locator };
  const objectName = query.sObject ?? '';
  const schema =
    org.schemaOf(objectName) ??
    fail(ctx, 'INVALID_TYPE', locator.fromTarget(), unsupportedTypeText(objectName));
  const plan = planQuery(ctx, schema, query, true);

  return {
    objectName: schema.name,
    isCount: plan.isCount,
    execute() {
      for (const child of plan.children) child.reset();
      return plan.window(plan.matching(org.recordsOf(schema.name), true));
    },
    project(record, apiVersion) {
      return projectRecord(org, plan.nodes, record, schema.name, apiVersion);
    },
    flatColumns: () => flatColumns(org, plan.nodes),
  };
}
