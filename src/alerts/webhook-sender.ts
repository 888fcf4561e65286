/**
 * Posts alerts to the configured webhook (post-json.ts: timeouts, retries, no redirects); a
 * delivery that fails after the retries is logged by the webhook's host only, never its URL.
 */
import type { Logger } from '../logging/logger.js';
import type { AlertMessage } from './alert-message.js';
import { postJson } from './post-json.js';

export interface WebhookSender {
  /** True once the webhook accepted the message (2xx); false after the retries. */
  send(message: AlertMessage): Promise<boolean>;
}

export interface WebhookOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly attempts?: number;
  readonly minBackoffMs?: number;
  /** Host names allowed to resolve to private or loopback addresses (`network.privateHosts`). */
  readonly privateHosts?: ReadonlySet<string>;
  readonly logger: Logger;
}

export function createWebhookSender(options: WebhookOptions): WebhookSender {
  const host = new URL(options.url).host;
  return {
    async send(message) {
      try {
        await postJson(options, message);
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
