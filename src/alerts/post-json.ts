/**
 * Posts JSON to a configured webhook: a timeout per attempt, a few retries with backoff on network
 * errors, 429 and 5xx, never following a redirect (the only address Pulse posts to is the
 * configured one). A host name must resolve to public addresses (src/net/guarded-lookup.ts) unless
 * it is listed in `network.privateHosts`; an IP literal is taken as configured. The URL is a secret
 * (a Slack webhook URL is its own credential): errors name its host only.
 */
import http from 'node:http';
import https from 'node:https';

import pRetry, { AbortError } from 'p-retry';

import { guardedLookup } from '../net/guarded-lookup.js';

export interface JsonPostOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly attempts?: number;
  readonly minBackoffMs?: number;
  /** Lowercased host names allowed to resolve to private or loopback addresses. */
  readonly privateHosts?: ReadonlySet<string>;
}

/** One POST; resolves with the status code (the body is read and dropped). */
function send(url: URL, payload: string, options: JsonPostOptions): Promise<number> {
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        lookup: guardedLookup(options.privateHosts ?? new Set()),
        signal: AbortSignal.timeout(options.timeoutMs),
        // One socket per attempt: no pooled connection outlives the check of its address.
        agent: false,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          resolve(response.statusCode ?? 0);
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

function causeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRREFUSED' && error instanceof Error) return error.message;
  if (typeof code === 'string') return code === 'ABORT_ERR' ? 'timed out' : code;
  return error instanceof Error ? error.name : 'error';
}

/** Resolves once the webhook accepted the body (2xx); rejects after the retries. */
export async function postJson(options: JsonPostOptions, body: unknown): Promise<void> {
  const url = new URL(options.url);
  const { host } = url;
  const payload = JSON.stringify(body);
  const post = async (): Promise<void> => {
    let status: number;
    try {
      status = await send(url, payload, options);
    } catch (error) {
      const cause = causeOf(error);
      // The socket's own error may quote the URL (a secret): it is not kept as the cause.
      const failure = new Error(`the webhook at ${host} could not be reached (${cause})`);
      // A refused address will not change on a retry.
      if ((error as { code?: unknown }).code === 'EADDRREFUSED') throw new AbortError(failure);
      throw failure;
    }
    if (status >= 200 && status < 300) return;
    if (status >= 300 && status < 400)
      throw new AbortError(`the webhook at ${host} answered ${status}: redirects are not followed`);
    const error = new Error(`the webhook at ${host} answered ${status}`);
    // A 4xx other than 429 will not change on a retry (a revoked or mistyped webhook).
    if (status < 500 && status !== 429) throw new AbortError(error);
    throw error;
  };
  await pRetry(post, {
    retries: (options.attempts ?? 4) - 1,
    minTimeout: options.minBackoffMs ?? 1000,
    factor: 2,
  });
}
