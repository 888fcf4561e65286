/** An org's alerts as configured: episodes in Redis, and the webhook when one is configured. */
import type { Redis } from 'ioredis';

import { createAlertStore } from '../alerts/alert-store.js';
import { createOrgAlerts, type OrgAlerts } from '../alerts/org-alerts.js';
import { createWebhookSender } from '../alerts/webhook-sender.js';
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import { privateHostsOf } from './private-hosts.js';

export function openOrgAlerts(config: Config, redis: Redis, orgName: string, logger: Logger): OrgAlerts {
  const { webhookUrl, webhookTimeout, staleAfter } = config.alerts;
  return createOrgAlerts({
    orgName,
    store: createAlertStore(redis, orgName),
    sender: webhookUrl
      ? createWebhookSender({
          url: webhookUrl,
          timeoutMs: webhookTimeout,
          privateHosts: privateHostsOf(config),
          logger,
        })
      : undefined,
    staleAfterMs: staleAfter,
    now: () => new Date(),
    logger,
  });
}
