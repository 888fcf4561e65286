/**
 * Fills an empty org store: generated records (or records imported from CSV files), the
 * integration user, and the permission objects. The same inputs and a fresh id factory always give
 * the same records and ids, which is what an org reset relies on.
 */
import type { IdFactory } from '../org/ids.js';
import type { OrgStore } from '../org/org-store.js';
import type { SObjectSchema, StoredRecord } from '../org/types.js';
import type { AccountVisibility } from '../org/visibility.js';
import { generateOrg } from './generate-org.js';
import { importOrg } from './import-csv.js';
import { seedPermissions } from './seed-permissions.js';

export interface SeedInputs {
  readonly accounts: number;
  readonly seed: number;
  readonly currencies: readonly string[];
  readonly importDir: string | undefined;
  readonly username: string;
  readonly accountVisibility: AccountVisibility;
  /** When the org was seeded: generated and imported data are relative to it. */
  readonly seededAt: Date;
}

export interface SeededOrg {
  readonly adminId: string;
  readonly apiUserId: string;
}

export function seedOrg(
  store: OrgStore,
  schemas: ReadonlyMap<string, SObjectSchema>,
  ids: IdFactory,
  inputs: SeedInputs,
): SeededOrg {
  const records: Map<string, StoredRecord[]> = inputs.importDir
    ? importOrg({ dir: inputs.importDir, seed: inputs.seed, now: inputs.seededAt }, schemas, ids)
    : generateOrg(
        { accounts: inputs.accounts, seed: inputs.seed, now: inputs.seededAt, currencies: inputs.currencies },
        schemas,
        ids,
      );
  for (const [objectName, list] of records) store.load(objectName, list);
  const adminId = String(records.get('User')?.[0]?.['Id'] ?? '');
  const apiUser = store.insert(
    'User',
    {
      FirstName: 'Pulse',
      LastName: 'Integration',
      Name: 'Pulse Integration',
      Alias: 'pulse',
      Username: inputs.username,
      Email: inputs.username,
      IsActive: true,
      TimeZoneSidKey: 'America/Los_Angeles',
    },
    adminId,
  );
  const apiUserId = String(apiUser['Id']);
  seedPermissions(store, inputs.accountVisibility, adminId, apiUserId);
  return { adminId, apiUserId };
}
