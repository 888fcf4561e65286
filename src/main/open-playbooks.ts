/**
 * The customer-success playbooks as configured, and one org's view of them for its jobs: episodes
 * in Redis, Tasks through the org's Salesforce client (as the org's shadow mode, write-back setting
 * and write switch allow), notices to `success.webhookUrl`.
 */
import path from 'node:path';

import type { Redis } from 'ioredis';

import { postJson } from '../alerts/post-json.js';
import type { Config, OrgConfig } from '../config/index.js';
import type { HealthModel } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import type { OwnerRef } from '../success/account-view.js';
import { createEpisodeStore } from '../success/episode-store.js';
import { loadSuccessPlaybooks } from '../success/load-playbooks.js';
import { createOrgPlaybooks, type OrgPlaybooks } from '../success/org-playbooks.js';
import { createOwnerDirectory } from '../success/owner-directory.js';
import type { SuccessPlaybook } from '../success/playbook-schema.js';
import { writeBackMode } from '../sync/run/run-scope.js';
import type { WriteSwitch } from '../sync/write/write-switch.js';
import { packageRoot } from './package-root.js';
import { privateHostsOf } from './private-hosts.js';

/** Attempts of a playbook notice on the periodic tick (backoff 1 s, 2 s, 4 s). */
const WEBHOOK_ATTEMPTS = 4;

/** The configured playbooks; none when `success.enabled` is off. @throws SuccessPlaybookError */
export function loadConfiguredPlaybooks(config: Config, cwd: string, model: HealthModel): SuccessPlaybook[] {
  if (!config.success.enabled) return [];
  const { playbooksDir } = config.success;
  return loadSuccessPlaybooks({
    packageRoot: packageRoot(),
    ...(playbooksDir === undefined ? {} : { dir: path.resolve(cwd, playbooksDir) }),
    model,
  }).map((loaded) => loaded.playbook);
}

export function openOrgPlaybooks(
  config: Config,
  orgName: string,
  deps: {
    readonly org: OrgConfig;
    readonly playbooks: readonly SuccessPlaybook[];
    /** Pulse's client, with the key prefix. */
    readonly redis: Redis;
    readonly client: SalesforceClient;
    readonly model: HealthModel;
    readonly writeSwitch: WriteSwitch;
    readonly logger: Logger;
    /** Which accounts the snapshot still holds. */
    readonly presentAccounts?: (accountIds: readonly string[]) => Promise<Set<string>>;
    /** The first wait between webhook attempts (tests shorten it). */
    readonly webhookBackoffMs?: number;
  },
): OrgPlaybooks | undefined {
  if (deps.playbooks.length === 0) return undefined;
  const { webhookUrl, webhookTimeout, queueRoutes } = config.success;
  const routeOf = (queue: OwnerRef | undefined): string | undefined => {
    const names = [queue?.name, queue?.developerName].flatMap((name) => (name ? [name.toLowerCase()] : []));
    const route = queueRoutes.find((candidate) => names.includes(candidate.queue.toLowerCase()));
    return route?.webhookUrl ?? webhookUrl;
  };
  const client = () => Promise.resolve(deps.client);
  const privateHosts = privateHostsOf(config);
  return createOrgPlaybooks({
    orgName,
    playbooks: deps.playbooks,
    store: createEpisodeStore(deps.redis, orgName),
    model: deps.model,
    client,
    owners: createOwnerDirectory({ redis: deps.redis, orgName, client, logger: deps.logger }),
    ...(webhookUrl === undefined && queueRoutes.length === 0
      ? {}
      : {
          postWebhook: (body, attempts, queue) => {
            const url = routeOf(queue);
            if (url === undefined) {
              const which =
                queue === undefined ? '' : ` and no success.queueRoutes entry names queue "${queue.name}"`;
              return Promise.reject(new Error(`no success.webhookUrl is configured${which}`));
            }
            return postJson(
              {
                url,
                timeoutMs: webhookTimeout,
                privateHosts,
                attempts: attempts === 'once' ? 1 : WEBHOOK_ATTEMPTS,
                ...(deps.webhookBackoffMs === undefined ? {} : { minBackoffMs: deps.webhookBackoffMs }),
              },
              body,
            );
          },
        }),
    taskMode: async () => {
      const mode = writeBackMode(deps.org);
      if (mode !== 'on') return mode;
      return (await deps.writeSwitch.paused()) ? 'paused' : 'on';
    },
    logger: deps.logger,
    ...(deps.presentAccounts ? { presentAccounts: deps.presentAccounts } : {}),
  });
}
