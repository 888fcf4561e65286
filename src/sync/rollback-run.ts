/**
 * `pulse rollback`: puts back the values a run overwrote, on the accounts that still hold what
 * that run wrote. An account changed since (by a person or a later run) is left alone and
 * reported, so a rollback never undoes someone else's work. What Redis holds for the run is not
 * trusted further than that: only the fields Pulse writes are put back, and only where the run
 * recorded what it wrote there.
 */
import type { FieldMapping } from '../config/index.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import { isSalesforceId, soqlIdList, soqlNames } from '../salesforce/soql.js';
import type { RunStore } from './run-store.js';
import type { SnapshotStore } from './snapshot/snapshot-store.js';
import { writeAccounts, type WriteFailure } from './write/write-accounts.js';

export interface RollbackReport {
  readonly runId: string;
  readonly restored: number;
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  readonly failed: readonly WriteFailure[];
}

export interface RollbackDeps {
  readonly client: SalesforceClient;
  /** The org's field mapping: a rollback writes back only the fields Pulse itself writes. */
  readonly mapping: FieldMapping;
  readonly runs: RunStore;
  readonly store: SnapshotStore;
  readonly logger: Logger;
}

/** Equal as Salesforce stores them: date-times compared as instants, numbers as numbers. */
function sameValue(current: unknown, written: unknown): boolean {
  if (current === written) return true;
  if (typeof current === 'string' && typeof written === 'string') {
    const [a, b] = [Date.parse(current.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')), Date.parse(written)];
    return /^\d{4}-\d{2}-\d{2}T/.test(current) && !Number.isNaN(a) && a === b;
  }
  return (
    typeof current === 'number' && typeof written === 'number' && Math.round(current) === Math.round(written)
  );
}

export async function rollbackRun(deps: RollbackDeps, runId: string): Promise<RollbackReport> {
  const overwrites = await deps.runs.overwrites(runId);
  if (overwrites.size === 0) {
    throw new AppError(
      'run_not_found',
      `No values are kept for run ${runId}: it is unknown, wrote nothing, or is older than 30 days.`,
      {
        errorClass: 'config',
      },
    );
  }
  // Every field Pulse writes, never the CSMs' override.
  const { override: _override, ...written } = deps.mapping;
  const pulseFields = new Set(Object.values(written));
  const skipped: { id: string; reason: string }[] = [];
  const usable = [...overwrites].filter(([id, overwrite]) => {
    if (!isSalesforceId(id)) {
      skipped.push({ id: id.slice(0, 40), reason: 'not a record id' });
      return false;
    }
    const keys = Object.keys(overwrite.after);
    const foreign = [...new Set([...keys, ...Object.keys(overwrite.before)])].filter(
      (field) => !pulseFields.has(field) || !keys.includes(field),
    );
    if (keys.length > 0 && foreign.length === 0) return true;
    skipped.push({
      id,
      reason: `the kept values name fields Pulse does not write: ${foreign.join(', ') || 'none at all'}`,
    });
    return false;
  });
  const ids = usable.map(([id]) => id);
  const fields = [...new Set(usable.flatMap(([, overwrite]) => Object.keys(overwrite.after)))];
  const current = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < ids.length && fields.length > 0; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const page = await deps.client.query<Record<string, unknown>>(
      `SELECT Id, ${soqlNames(fields)} FROM Account WHERE Id IN ${soqlIdList(chunk)}`,
    );
    for (const record of page.records) current.set(String(record['Id']), record);
  }
  const restores = ids.flatMap((id) => {
    const overwrite = overwrites.get(id);
    const now = current.get(id);
    if (!overwrite || !now) {
      skipped.push({ id, reason: 'the account no longer exists or is not visible' });
      return [];
    }
    const changedSince = Object.entries(overwrite.after).filter(
      ([field, value]) => !sameValue(now[field] ?? null, value),
    );
    if (changedSince.length > 0) {
      skipped.push({
        id,
        reason: `changed since the run: ${changedSince.map(([field]) => field).join(', ')}`,
      });
      return [];
    }
    return [{ id, values: overwrite.before }];
  });
  const outcome = await writeAccounts(deps.client, restores);
  for (const id of outcome.written) {
    const overwrite = overwrites.get(id);
    if (overwrite) await deps.store.updateAccountFields(id, overwrite.before);
  }
  deps.logger.info('rolled back a run', {
    runId,
    restored: outcome.written.length,
    skipped: skipped.length,
    failed: outcome.failed.length,
  });
  return { runId, restored: outcome.written.length, skipped, failed: outcome.failed };
}
