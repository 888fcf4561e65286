/**
 * Salesforce clients for replays in `pulse serve` and `pulse replay`: each org is opened on first
 * use (through openOrg, so a replay's calls are counted and stored like any other) and kept
 * until close.
 */
import type { Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import { openOrg, type OpenOrg } from './open-org.js';

export interface ReplayClients {
  readonly client: (org: string) => Promise<SalesforceClient>;
  close(): Promise<void>;
}

export function createReplayClients(config: Config, logger: Logger, redactor: Redactor): ReplayClients {
  const opened = new Map<string, Promise<OpenOrg>>();
  return {
    client: async (org) => {
      let opening = opened.get(org);
      if (!opening) {
        opening = openOrg(config, org, { logger, redactor });
        opened.set(org, opening);
        // A failed open is not cached: the next replay tries again.
        opening.catch(() => opened.delete(org));
      }
      return (await opening).client;
    },
    async close() {
      for (const opening of opened.values()) await (await opening.catch(() => undefined))?.close();
      opened.clear();
    },
  };
}
