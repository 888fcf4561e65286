/**
 * Posts JSON to a configured webhook: a timeout per attempt, a few retries with backoff on network
 * errors, 429 and 5xx, never following a redirect (the only address Pulse posts to is the
 * configured one). The URL is a secret (a Slack webhook URL is its own credential): errors name
 * its host only.
 */
import pRetry, { AbortError } from 'p-retry';

export interface JsonPostOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly attempts?: number;
  readonly minBackoffMs?: number;
}

/** Resolves once the webhook accepted the body (2xx); rejects after the retries. */
export async function postJson(options: JsonPostOptions, body: unknown): Promise<void> {
  const host = new URL(options.url).host;
  const post = async (): Promise<void> => {
    let response: Response;
    try {
      response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      // fetch's own error may quote the URL (a secret): it is not kept as the cause.
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      const cause = typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
      // eslint-disable-next-line preserve-caught-error -- the cause may hold the secret URL
      throw new Error(`the webhook at ${host} could not be reached (${cause})`);
    }
    await response.body?.cancel();
    if (response.ok) return;
    const error = new Error(`the webhook at ${host} answered ${response.status}`);
    // A 4xx other than 429 will not change on a retry (a revoked or mistyped webhook).
    if (response.status < 500 && response.status !== 429) throw new AbortError(error);
    throw error;
  };
  await pRetry(post, {
    retries: (options.attempts ?? 4) - 1,
    minTimeout: options.minBackoffMs ?? 1000,
    factor: 2,
  });
}
