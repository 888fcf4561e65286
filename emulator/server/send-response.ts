/**
 * Writes an EmulatorResponse to node:http with Salesforce's usual headers: JSON bodies as
 * `application/json;charset=UTF-8`, strings and buffers with their own content type. A fault may
 * cut the payload short (the content-length then matches what is sent, so the client sees a
 * complete but malformed answer).
 */
import type { ServerResponse } from 'node:http';

import { truncated } from '../faults/fault-responses.js';
import type { EmulatorResponse } from './http-types.js';

const BASE_HEADERS = {
  server: 'sfdcedge',
  'cache-control': 'no-cache,must-revalidate,max-age=0,no-store,private',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'none',
  vary: 'Accept-Encoding',
};

export interface SendOptions {
  /** Send only the first half of the body (the truncated-response fault). */
  readonly truncate?: boolean;
}

/** True when the response has a body to send (a truncation fault needs one). */
export function hasBody(result: EmulatorResponse): boolean {
  if (result.body === undefined || result.status === 204 || result.status === 304) return false;
  if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) return result.body.length > 0;
  return true;
}

export function send(
  response: ServerResponse,
  result: EmulatorResponse,
  extraHeaders: Record<string, string>,
  options: SendOptions = {},
): void {
  if (response.destroyed || response.headersSent) return;
  const headers: Record<string, string> = { ...BASE_HEADERS, ...extraHeaders, ...result.headers };
  let payload: string | Buffer | undefined;
  if (result.body === undefined || result.status === 204 || result.status === 304) {
    payload = undefined;
  } else if (typeof result.body === 'string' || Buffer.isBuffer(result.body)) {
    payload = result.body;
    headers['content-type'] = result.contentType ?? 'text/plain;charset=UTF-8';
  } else {
    payload = JSON.stringify(result.body);
    headers['content-type'] = result.contentType ?? 'application/json;charset=UTF-8';
  }
  if (payload !== undefined && options.truncate) payload = truncated(payload);
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(result.status, headers);
  response.end(payload);
}

/** A 500 UNKNOWN_EXCEPTION with an ErrorId, the stack written to stderr. */
export function unexpected(error: unknown): EmulatorResponse {
  const errorId = `${String(Math.floor(Math.random() * 1e9))}-${String(Math.floor(Math.random() * 1e6))}`;
  process.stderr.write(`emulator: unexpected error ${errorId}: ${(error as Error).stack ?? String(error)}\n`);
  return {
    status: 500,
    body: [
      {
        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
        errorCode: 'UNKNOWN_EXCEPTION',
      },
    ],
  };
}
