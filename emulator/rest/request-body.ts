/** Reads a JSON request body as Salesforce does: malformed JSON is JSON_PARSER_ERROR, 400. */
import type { EmulatorRequest } from '../server/http-types.js';
import { jsonParserError } from '../server/salesforce-errors.js';

export function jsonBody(request: EmulatorRequest): unknown {
  const text = request.body.toString('utf8');
  if (text.trim() === '') throw jsonParserError('The request body is empty.');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw jsonParserError(`Unexpected character in the request body: ${(error as Error).message}`);
  }
}

export function jsonObjectBody(request: EmulatorRequest): Record<string, unknown> {
  const body = jsonBody(request);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw jsonParserError('Cannot deserialize instance of SObject from a value that is not a JSON object');
  }
  return body as Record<string, unknown>;
}
