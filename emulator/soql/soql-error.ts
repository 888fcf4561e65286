/**
 * SOQL errors as Salesforce words them: the error code, and for positioned errors the query excerpt,
 * a caret under the offending token, `ERROR at Row:r:Column:c` and the explanation.
 */

export type SoqlErrorCode =
  | 'MALFORMED_QUERY'
  | 'INVALID_FIELD'
  | 'INVALID_TYPE'
  | 'INVALID_QUERY_FILTER_OPERATOR'
  | 'NUMBER_OUTSIDE_VALID_RANGE';

export class SoqlError extends Error {
  override readonly name = 'SoqlError';

  constructor(
    readonly errorCode: SoqlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Characters Salesforce shows on either side of the offending token before cutting the line. */
const EXCERPT_RADIUS = 30;
const TOKEN_CHAR = /[A-Za-z0-9_.$']/;

const isTokenChar = (char: string | undefined): boolean => char !== undefined && TOKEN_CHAR.test(char);

/**
 * The excerpt Salesforce prints: the offending line, cut about 30 characters either side of the
 * token at whole-token boundaries (real captures show long select lists cut this way).
 */
function excerpt(soql: string, offset: number): { line: string; caret: number; row: number; column: number } {
  const lineStart = soql.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = soql.indexOf('\n', offset);
  if (lineEnd === -1) lineEnd = soql.length;
  if (soql.charAt(lineEnd - 1) === '\r') lineEnd -= 1;
  const at = Math.min(offset, lineEnd);

  let start = lineStart;
  if (at - EXCERPT_RADIUS > lineStart) {
    start = at - EXCERPT_RADIUS;
    while (isTokenChar(soql[start]) && isTokenChar(soql[start - 1])) start -= 1;
    while (start < at && /\s/.test(soql.charAt(start))) start += 1;
  }
  let end = Math.min(lineEnd, at + EXCERPT_RADIUS);
  while (end < lineEnd && isTokenChar(soql[end]) && isTokenChar(soql[end - 1])) end += 1;

  let row = 1;
  for (let i = soql.indexOf('\n'); i !== -1 && i < lineStart; i = soql.indexOf('\n', i + 1)) row += 1;
  return { line: soql.slice(start, end).trimEnd(), caret: at - start, row, column: at - lineStart + 1 };
}

/** `\n<excerpt>\n<caret>\nERROR at Row:r:Column:c\n<text>`, exactly as the REST API returns it. */
export function positionedMessage(soql: string, offset: number, text: string): string {
  const { line, caret, row, column } = excerpt(soql, offset);
  return `\n${line}\n${' '.repeat(caret)}^\nERROR at Row:${row}:Column:${column}\n${text}`;
}

export function positionedError(code: SoqlErrorCode, soql: string, offset: number, text: string): SoqlError {
  return new SoqlError(code, positionedMessage(soql, offset, text));
}

export function noSuchColumnText(field: string, entity: string): string {
  return (
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to ` +
    `append the '__c' after the custom field name. Please reference your WSDL or the describe call for the ` +
    `appropriate names.`
  );
}

export function unknownRelationshipText(relationship: string): string {
  return (
    `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom ` +
    `relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL ` +
    `or the describe call for the appropriate names.`
  );
}

export function unknownChildRelationshipText(relationship: string): string {
  return (
    `Didn't understand relationship '${relationship}' in FROM part of query call. If you are attempting to use ` +
    `a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference ` +
    `your WSDL or the describe call for the appropriate names.`
  );
}

export function unsupportedTypeText(objectName: string): string {
  return (
    `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to ` +
    `append the '__c' after the entity name. Please reference your WSDL or the describe call for the ` +
    `appropriate names.`
  );
}

/** What the emulator refuses on purpose, named so a failing test says what to change. */
export function notSupportedText(construct: string): string {
  return `${construct} is not supported by the Pulse emulator`;
}
