/** An org's stores as the API reads them, and the configured org a path names. */
import type { Redis } from 'ioredis';

import { createAlertStore } from '../alerts/alert-store.js';
import type { OrgConfig } from '../config/index.js';
import { createRunStore } from '../sync/run-store.js';
import { createRunState } from '../sync/run/run-state.js';
import { createSnapshotStore } from '../sync/snapshot/snapshot-store.js';
import { createWriteSwitch } from '../sync/write/write-switch.js';
import { HttpError } from './http-error.js';
import type { HttpDeps, OrgAccess } from './http-deps.js';

/** @param redis a client with Pulse's key prefix */
export function createOrgAccess(redis: Redis, name: string, config: OrgConfig): OrgAccess {
  return {
    config,
    runs: createRunStore(redis, name),
    store: createSnapshotStore(redis, name, { ignoredFields: [config.fieldMapping.updatedAt] }),
    writeSwitch: createWriteSwitch(redis, name),
    runState: (runId) => createRunState(redis, name, runId),
    alerts: createAlertStore(redis, name),
  };
}

/** The org's stores, or 404 when no org of that name is configured. */
export function orgAccess(deps: HttpDeps, name: string): OrgAccess {
  const access = deps.orgs.get(name);
  if (!access) throw new HttpError(404, 'not_found', `no org named "${name}" is configured`);
  return access;
}
