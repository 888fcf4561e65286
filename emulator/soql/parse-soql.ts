/**
 * Parses SOQL with @jetstreamapp/soql-parser-js and turns its failures into Salesforce's
 * `MALFORMED_QUERY` `unexpected token: 'X'`, with the caret on the token the parser stopped at.
 */
import { parseQuery, type Query } from '@jetstreamapp/soql-parser-js';

import { positionedError, type SoqlError } from './soql-error.js';

const FOUND_PATTERNS = [/but found: '(.*)'$/s, /but found --> '(.*)' <--$/s, /but found: (.*)$/s];
const LEXING_ERROR = /unexpected character: ->(.*)<- at offset: (\d+)/s;

function errorText(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

/** The token image the parser reports it found, or undefined when the message names none. */
function foundImage(message: string): string | undefined {
  for (const pattern of FOUND_PATTERNS) {
    const match = pattern.exec(message);
    if (match) return match[1] ?? '';
  }
  return undefined;
}

/**
 * Where the parser stopped. Its errors carry the token's text but not its position, so each
 * occurrence of that text is tried: the right one is the first whose prefix (up to and including it)
 * fails with the same message, since the parser stops at the first error.
 */
function locateFailure(soql: string, image: string, message: string): number {
  const candidates: number[] = [];
  for (let i = soql.indexOf(image); i !== -1 && candidates.length < 50; i = soql.indexOf(image, i + 1)) {
    candidates.push(i);
  }
  const failsAlike = (end: number, sameMessage: boolean): boolean => {
    try {
      parseQuery(soql.slice(0, end));
      return false;
    } catch (error) {
      const prefixMessage = errorText(error).message;
      return sameMessage ? prefixMessage === message : foundImage(prefixMessage) === image;
    }
  };
  const exact = candidates.find((start) => failsAlike(start + image.length, true));
  const similar = exact ?? candidates.find((start) => failsAlike(start + image.length, false));
  return similar ?? candidates[0] ?? 0;
}

function toSoqlError(error: unknown, soql: string): SoqlError {
  const { name, message } = errorText(error);
  if (name === 'LexingError') {
    const match = LEXING_ERROR.exec(message);
    const offset = Number(match?.[2] ?? 0);
    return positionedError('MALFORMED_QUERY', soql, offset, `unexpected token: '${match?.[1] ?? ''}'`);
  }
  const image = foundImage(message);
  if (image === undefined || image === '') {
    const end = soql.trimEnd().length;
    return positionedError('MALFORMED_QUERY', soql, end, "unexpected token: '<EOF>'");
  }
  return positionedError(
    'MALFORMED_QUERY',
    soql,
    locateFailure(soql, image, message),
    `unexpected token: '${image}'`,
  );
}

/** The parsed query; throws SoqlError MALFORMED_QUERY when the text is not SOQL. */
export function parseSoql(soql: string): Query {
  try {
    return parseQuery(soql);
  } catch (error) {
    throw toSoqlError(error, soql);
  }
}
