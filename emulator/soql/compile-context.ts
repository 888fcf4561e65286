/**
 * What every compile step of one query scope (the main query or a subquery) needs: the org, the
 * queryAll flag, and the locator that places error carets in the query text.
 */
import type { OrgView, StoredRecord, WireValue } from '../org/types.js';

import { positionedError, type SoqlErrorCode } from './soql-error.js';
import type { ScopeLocator } from './source-text.js';

export interface CompileContext {
  readonly org: OrgView;
  readonly includeDeleted: boolean;
  readonly locator: ScopeLocator;
}

export type RowPredicate = (record: StoredRecord) => boolean;
export type RowReader = (record: StoredRecord) => WireValue;

/** Throws a positioned SoqlError at `offset` of the query text. */
export function fail(ctx: CompileContext, code: SoqlErrorCode, offset: number, text: string): never {
  throw positionedError(code, ctx.locator.soql, offset, text);
}
