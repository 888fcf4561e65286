/**
 * Posts alerts to the configured webhook: JSON, a timeout per attempt, a few retries with backoff
 * on network errors, 429 and 5xx, never following a redirect (the only address Pulse posts to is
 * the configured one). The URL is a secret (a Slack webhook URL is its own credential): logs name
 * its host only.
 */
import pRetry, { AbortError } from 'p-retry';

import type { Logger } from '../logging/logger.js';
import type { AlertMessage } from './alert-message.js';

export interface WebhookSender {
  /** True once the webhook accepted the message (2xx); false after the retries. */
  send(message: AlertMessage): Promise<boolean>;
}

export interface WebhookOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly attempts?: number;
  readonly minBackoffMs?: number;
  readonly logger: Logger;
}

export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const host = new URL(options.url).host;
  async function post(message: AlertMessage): Promise<void> {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    if (response.ok) return;
    const error = new Error(`the alert webhook at ${host} answered ${response.status}`);
    // A 4xx other than 429 will not change on a retry (a revoked or mistyped webhook).
    if (response.status < 500 && response.status !== 429) throw new AbortError(error);
    throw error;
  }
  return {
    async send(message) {
      try {
        await pRetry(() => post(message), {
          retries: (options.attempts ?? 4) - 1,
          minTimeout: options.minBackoffMs ?? 1000,
          factor: 2,
        });
        return true;
      } catch (error) {
        options.logger.error('could not deliver an alert; it is retried on the next check', {
          orgId: message.org,
          alert: message.alert,
          state: message.state,
          webhookHost: host,
          error: error instanceof Error ? error.message : String(error),
        });
        return false;
      }
    },
  };
}
