/**
 * An org's alerts: conditions raised and cleared where they are seen (a job's auth or limit error,
 * a completed run) and a periodic check for staleness. Each episode is announced once when it
 * begins and once when it ends; a notification the webhook did not take is retried by the check.
 */
import type { Logger } from '../logging/logger.js';
import { alertMessage } from './alert-message.js';
import { ALERT_KINDS, type AlertKind, type AlertStore } from './alert-store.js';
import type { WebhookSender } from './webhook-sender.js';

export interface OrgAlerts {
  raise(kind: AlertKind, detail: string): Promise<void>;
  clear(kind: AlertKind): Promise<void>;
  /** After a completed run: every condition it disproves ends. */
  runCompleted(): Promise<void>;
  /** Raises or clears `stale` from when the org last synced, and redelivers what did not get out. */
  check(lastSuccessAt: Date | undefined): Promise<void>;
}

export interface OrgAlertsOptions {
  readonly orgName: string;
  readonly store: AlertStore;
  /** Absent when no webhook is configured: episodes still show in the org's status. */
  readonly sender?: WebhookSender | undefined;
  readonly staleAfterMs: number;
  readonly now: () => Date;
  readonly logger: Logger;
}

/** How long a redelivery is claimed by one worker (longer than a send with its retries). */
const DELIVERY_CLAIM_MS = 60_000;

export function createOrgAlerts(options: OrgAlertsOptions): OrgAlerts {
  const { orgName, store, sender, logger } = options;

  async function announceStart(kind: AlertKind, detail: string): Promise<void> {
    const episode = await store.raise(kind, detail, options.now());
    if (!episode) return;
    logger.warn('alert raised', { orgId: orgName, alert: kind, detail });
    if (!sender || !(await store.claimDelivery(episode, DELIVERY_CLAIM_MS))) return;
    if (await sender.send(alertMessage(orgName, episode, 'raised', options.now())))
      await store.markNotified(kind, options.now());
  }

  async function announceEnd(kind: AlertKind): Promise<void> {
    const episode = await store.clear(kind);
    if (!episode) return;
    logger.info('alert resolved', { orgId: orgName, alert: kind });
    // Nobody heard of an episode whose start was never delivered: its end would be noise.
    if (sender && episode.notifiedAt)
      await sender.send(alertMessage(orgName, episode, 'resolved', options.now()));
  }

  return {
    raise: announceStart,
    clear: announceEnd,
    async runCompleted() {
      for (const kind of ALERT_KINDS) await announceEnd(kind);
    },
    async check(lastSuccessAt) {
      const now = options.now();
      const since = lastSuccessAt ?? (await store.watchedSince(now));
      const idleMs = now.getTime() - since.getTime();
      if (idleMs >= options.staleAfterMs) {
        const what = lastSuccessAt
          ? `The last successful run ended ${since.toISOString()}`
          : 'No run has completed';
        await announceStart(
          'stale',
          `${what}; alerts after ${Math.round(options.staleAfterMs / 60_000)} min.`,
        );
      } else await announceEnd('stale');
      if (!sender) return;
      for (const episode of await store.active()) {
        if (episode.notifiedAt || !(await store.claimDelivery(episode, DELIVERY_CLAIM_MS))) continue;
        if (await sender.send(alertMessage(orgName, episode, 'raised', options.now())))
          await store.markNotified(episode.kind, options.now());
      }
    },
  };
}
