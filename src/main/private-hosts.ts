/** `network.privateHosts` as the webhook senders compare it: lowercased. */
import type { Config } from '../config/index.js';

export const privateHostsOf = (config: Config): ReadonlySet<string> =>
  new Set(config.network.privateHosts.map((host) => host.toLowerCase()));
