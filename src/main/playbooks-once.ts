/**
 * `pulse playbooks --org NAME`: with `--dry-run`, what would fire now and why, from the snapshot
 * and the stored episodes, with no call to Salesforce and nothing written; without it, one tick
 * now (what fell due goes out, as the org's switches allow).
 */
import type { Config, OrgConfig } from '../config/index.js';
import { calendarForAccount, evaluateAccount } from '../health/index.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { accountView, type AccountView } from '../success/account-view.js';
import { createEpisodeStore } from '../success/episode-store.js';
import { cachedOwners } from '../success/owner-directory.js';
import { withOwners } from '../success/owners.js';
import { byPlaybookThenAccount, planPlaybooks, type PlannedEpisode } from '../success/plan-playbooks.js';
import type { TickReport } from '../success/run-tick.js';
import { toHealthSnapshot } from '../sync/score/to-health-snapshot.js';
import { createSnapshotStore } from '../sync/snapshot/snapshot-store.js';
import { createWriteSwitch } from '../sync/write/write-switch.js';
import { createRedis } from './create-redis.js';
import { loadHealthModel } from './load-health-model.js';
import { openOrg, orgOrFail } from './open-org.js';
import { loadConfiguredPlaybooks, openOrgPlaybooks } from './open-playbooks.js';

const CHUNK = 200;

export interface PlaybooksWiring {
  readonly logger: Logger;
  readonly redactor: Redactor;
  readonly cwd: string;
  readonly now?: Date;
  /** An org given in full instead of by name from the configuration. */
  readonly org?: OrgConfig;
}

export async function planPlaybooksOnce(
  config: Config,
  orgName: string,
  wiring: PlaybooksWiring,
): Promise<PlannedEpisode[]> {
  const org = wiring.org ?? orgOrFail(config, orgName);
  const model = loadHealthModel({ cwd: wiring.cwd });
  const playbooks = loadConfiguredPlaybooks(config, wiring.cwd, model);
  const now = wiring.now ?? new Date();
  const redis = createRedis(config.redis, wiring.logger);
  try {
    const store = createSnapshotStore(redis, orgName);
    const episodes = createEpisodeStore(redis, orgName);
    const ids = await store.accountIds();
    const baselined = await episodes.baselined();
    // Owners as workers last read them; without them, owner-role playbooks are left undecided.
    const owners = await cachedOwners(redis, orgName);
    const plan: PlannedEpisode[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const views: AccountView[] = [];
      for (const stored of (await store.readAccounts(chunk)).values()) {
        const snapshot = toHealthSnapshot(stored, org.fieldMapping, model);
        const result = evaluateAccount(snapshot, model, now);
        views.push(accountView(result, stored, calendarForAccount(snapshot.account, model.sla).name));
      }
      const stored = await episodes.read(chunk);
      const named = owners ? withOwners(views, owners) : views;
      plan.push(...planPlaybooks({ playbooks, views: named, stored, baselined, model, now }));
    }
    return plan.sort(byPlaybookThenAccount);
  } finally {
    redis.disconnect();
  }
}

export async function tickPlaybooksOnce(
  config: Config,
  orgName: string,
  wiring: PlaybooksWiring,
): Promise<TickReport> {
  const model = loadHealthModel({ cwd: wiring.cwd });
  const playbooks = loadConfiguredPlaybooks(config, wiring.cwd, model);
  const opened = await openOrg(config, orgName, wiring);
  try {
    const orgPlaybooks = openOrgPlaybooks(config, orgName, {
      org: opened.org,
      playbooks,
      redis: opened.redis,
      client: opened.client,
      model,
      writeSwitch: createWriteSwitch(opened.redis, orgName),
      logger: wiring.logger,
      presentAccounts: (ids) => opened.store.presentAccounts(ids),
    });
    if (!orgPlaybooks)
      throw new Error('no playbook is loaded (success.enabled is off, or the folder is empty)');
    return await orgPlaybooks.tick(wiring.now ?? new Date());
  } finally {
    await opened.close();
  }
}
