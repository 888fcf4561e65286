/**
 * Clauses the emulator refuses on purpose (GROUP BY, HAVING, FOR, WITH, USING SCOPE, object aliases):
 * a MALFORMED_QUERY naming the construct, with the caret on its keyword.
 */
import type { Query, Subquery } from '@jetstreamapp/soql-parser-js';

import { fail, type CompileContext } from './compile-context.js';
import { notSupportedText } from './soql-error.js';

export function rejectUnsupportedClauses(ctx: CompileContext, query: Query | Subquery): void {
  const { locator } = ctx;
  const refuse = (construct: string, keyword: string): never =>
    fail(ctx, 'MALFORMED_QUERY', locator.keywordOffset(keyword), notSupportedText(construct));

  if (query.sObjectAlias !== undefined) {
    const offset = locator.find(query.sObjectAlias, { after: 'FROM' });
    fail(ctx, 'MALFORMED_QUERY', offset, notSupportedText(`The object alias '${query.sObjectAlias}'`));
  }
  if (query.usingScope !== undefined) refuse('USING SCOPE', 'USING');
  if (query.withSecurityEnforced === true) refuse('WITH SECURITY_ENFORCED', 'WITH');
  if (query.withAccessLevel !== undefined) refuse(`WITH ${query.withAccessLevel}`, 'WITH');
  if (query.withDataCategory !== undefined) refuse('WITH DATA CATEGORY', 'WITH');
  if (query.groupBy !== undefined) refuse('GROUP BY', 'GROUP');
  if (query.having !== undefined) refuse('HAVING', 'HAVING');
  if (query.for !== undefined) refuse(`FOR ${query.for}`, 'FOR');
  if (query.update !== undefined) refuse(`UPDATE ${query.update}`, 'UPDATE');
}
