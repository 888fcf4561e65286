/**
 * Roles and case queues in a generated org: which roles and groups exist, who gets a role, which
 * open cases wait in a queue, and that adding them changed nothing else a seed produces.
 */
import { describe, expect, it } from 'vitest';

import path from 'node:path';

import { generateOrg, type GenerateOrgOptions } from '../../../../emulator/data/generate-org.js';
import { importOrg } from '../../../../emulator/data/import-csv.js';
import { createClock } from '../../../../emulator/org/clock.js';
import { createIdFactory } from '../../../../emulator/org/ids.js';
import { createOrgStore } from '../../../../emulator/org/org-store.js';
import type { SObjectSchema, StoredRecord } from '../../../../emulator/org/types.js';
import { buildOrgSchemas, type OrgSchemaOptions } from '../../../../emulator/schema/org-schemas.js';
import { invalidValues } from './record-validity.js';

const NOW = new Date('2026-11-22T09:30:00.000Z');

function generateWith(
  schemas: ReadonlyMap<string, SObjectSchema>,
  options: Partial<GenerateOrgOptions> = {},
) {
  return generateOrg({ accounts: 200, seed: 7, now: NOW, ...options }, schemas, createIdFactory());
}

function generate(options: Partial<GenerateOrgOptions> = {}, schemaOptions: OrgSchemaOptions = {}) {
  return generateWith(buildOrgSchemas(schemaOptions), options);
}

/** The org's schemas without some objects (an org where they do not exist). */
function without(names: readonly string[], schemaOptions: OrgSchemaOptions = {}) {
  const schemas = new Map(buildOrgSchemas(schemaOptions));
  for (const name of names) schemas.delete(name);
  return schemas;
}

const list = (records: ReadonlyMap<string, readonly StoredRecord[]>, name: string): readonly StoredRecord[] =>
  records.get(name) ?? [];
const isQueueId = (value: unknown): boolean => typeof value === 'string' && value.startsWith('00G');

describe('roles', () => {
  it('creates the role hierarchy with DeveloperNames', () => {
    const roles = list(generate(), 'UserRole');
    expect(roles.map((role) => [role['Name'], role['DeveloperName']])).toEqual([
      ['Executive', 'Executive'],
      ['VP Customer Success', 'VP_Customer_Success'],
      ['Enterprise CSM', 'Enterprise_CSM'],
      ['Commercial CSM', 'Commercial_CSM'],
      ['SMB CSM', 'SMB_CSM'],
    ]);
    for (const role of roles) expect(String(role['Id'])).toMatch(/^00E/);
  });

  it('gives the admin the Executive role, and every other user a CSM-side role except about 10%', () => {
    const records = generate({ accounts: 1000 });
    const roleNames = new Map(list(records, 'UserRole').map((role) => [role['Id'], role['Name']]));
    const [admin, ...owners] = list(records, 'User');
    expect(roleNames.get(admin?.['UserRoleId'])).toBe('Executive');
    const roleless = owners.filter((user) => user['UserRoleId'] === null);
    expect(roleless.length).toBe(Math.round(owners.length * 0.1));
    const given = owners.flatMap((user) =>
      user['UserRoleId'] === null ? [] : [String(roleNames.get(user['UserRoleId']))],
    );
    expect(new Set(given)).toEqual(
      new Set(['VP Customer Success', 'Enterprise CSM', 'Commercial CSM', 'SMB CSM']),
    );
  });

  it('leaves a small org with a role-less user too (8 users, one without)', () => {
    const users = list(generate(), 'User');
    expect(users).toHaveLength(8);
    expect(users.filter((user) => user['UserRoleId'] === null)).toHaveLength(1);
  });

  it('still creates the roles, but assigns none, when User.UserRoleId is not deployed', () => {
    const schemas = buildOrgSchemas({ missingFields: ['User.UserRoleId'] });
    const records = generateWith(schemas);
    expect(list(records, 'UserRole')).toHaveLength(5);
    for (const user of list(records, 'User')) expect(user).not.toHaveProperty('UserRoleId');
    expect(schemas.get('UserRole')?.childRelationships).toEqual([]);
    expect(invalidValues(records, schemas)).toEqual([]);
  });
});

describe('queues', () => {
  it('creates three case queues and one public group', () => {
    const groups = list(generate(), 'Group');
    expect(groups.map((group) => [group['Name'], group['DeveloperName'], group['Type']])).toEqual([
      ['Tier 1 Support', 'Tier_1_Support', 'Queue'],
      ['Tier 2 Support', 'Tier_2_Support', 'Queue'],
      ['Enterprise Support', 'Enterprise_Support', 'Queue'],
      ['All CSMs', 'All_CSMs', 'Regular'],
    ]);
    for (const group of groups) expect(String(group['Id'])).toMatch(/^00G/);
    expect(groups.filter((group) => group['Type'] === 'Queue').every((group) => group['Email'])).toBe(true);
  });

  it('puts about 30% of the open cases in a queue, never a closed case, never the public group', () => {
    const records = generate({ accounts: 1000 });
    const groups = list(records, 'Group');
    const queueIds = new Set(groups.filter((group) => group['Type'] === 'Queue').map((group) => group['Id']));
    const cases = list(records, 'Case');
    const open = cases.filter((record) => record['IsClosed'] === false);
    const queued = open.filter((record) => isQueueId(record['OwnerId']));
    expect(open.length).toBeGreaterThan(100);
    expect(queued.length).toBe(Math.round(open.length * 0.3));
    expect(cases.filter((record) => record['IsClosed'] === true).some((r) => isQueueId(r['OwnerId']))).toBe(
      false,
    );
    for (const record of queued) expect(queueIds.has(record['OwnerId'])).toBe(true);
    // Every queue holds some cases.
    expect(new Set(queued.map((record) => record['OwnerId']))).toEqual(queueIds);
  });

  it('keeps every value valid, Case.OwnerId pointing at a Group or a User', () => {
    const schemas = buildOrgSchemas({ entitlements: true, multiCurrency: true });
    const records = generateWith(schemas, { currencies: ['USD', 'EUR'] });
    expect(list(records, 'Case').some((record) => isQueueId(record['OwnerId']))).toBe(true);
    expect(invalidValues(records, schemas)).toEqual([]);
  });
});

describe('determinism', () => {
  it('gives the same roles, groups and assignments for the same seed, and others for another seed', () => {
    const pick = (records: ReadonlyMap<string, readonly StoredRecord[]>) =>
      JSON.stringify({
        roles: list(records, 'UserRole'),
        groups: list(records, 'Group'),
        userRoles: list(records, 'User').map((user) => user['UserRoleId']),
        owners: list(records, 'Case').map((record) => record['OwnerId']),
      });
    const first = pick(generate());
    expect(pick(generate())).toBe(first);
    expect(pick(generate({ seed: 8 }))).not.toBe(first);
  });

  it.each([
    ['seed 7, 200 accounts', { seed: 7, accounts: 200 }, {}],
    [
      'seed 42, 500 accounts, multi-currency with Entitlements',
      { seed: 42, accounts: 500, currencies: ['USD', 'EUR'] },
      { entitlements: true, multiCurrency: true },
    ],
  ] as const)(
    'changes nothing else the seed produces (%s): same ids and values but the queued cases’ OwnerId',
    (_name, options, schemaOptions) => {
      const withObjects = generateWith(buildOrgSchemas(schemaOptions), options);
      const before = generateWith(without(['UserRole', 'Group'], schemaOptions), options);
      expect(list(before, 'UserRole')).toHaveLength(0);
      expect(list(before, 'Case').some((record) => isQueueId(record['OwnerId']))).toBe(false);

      for (const name of ['Account', 'Opportunity', 'Task', 'CaseMilestone']) {
        expect(JSON.stringify(list(withObjects, name)), name).toBe(JSON.stringify(list(before, name)));
      }
      const strip = (user: StoredRecord) => {
        const { UserRoleId: _role, ...rest } = user;
        return rest;
      };
      expect(list(withObjects, 'User').map(strip)).toEqual(list(before, 'User').map(strip));

      const cases = list(withObjects, 'Case');
      const original = list(before, 'Case');
      expect(cases.map((record) => record['Id'])).toEqual(original.map((record) => record['Id']));
      let queued = 0;
      cases.forEach((record, index) => {
        const old = original[index] ?? {};
        expect({ ...record, OwnerId: null }).toEqual({ ...old, OwnerId: null });
        if (isQueueId(record['OwnerId'])) {
          queued += 1;
          expect(record['IsClosed']).toBe(false);
          expect(String(old['OwnerId'])).toMatch(/^005/);
        } else {
          expect(record['OwnerId']).toBe(old['OwnerId']);
        }
      });
      expect(queued).toBeGreaterThan(0);
    },
  );

  it('queues no case when the org has no Group object, and still gives roles', () => {
    const records = generateWith(without(['Group']));
    expect(list(records, 'Case').some((record) => isQueueId(record['OwnerId']))).toBe(false);
    expect(list(records, 'UserRole')).toHaveLength(5);
    expect(list(records, 'User')[0]?.['UserRoleId']).toMatch(/^00E/);
  });
});

describe('User.UserType (the owner directory reads Standard users only)', () => {
  it('makes every generated and imported user Standard', () => {
    for (const user of list(generate(), 'User')) expect(user['UserType']).toBe('Standard');
    const imported = importOrg(
      {
        dir: path.resolve(import.meta.dirname, '../../../fixtures/emulator/maven-crm-small'),
        seed: 1,
        now: NOW,
      },
      buildOrgSchemas(),
      createIdFactory(),
    );
    const users = list(imported, 'User');
    expect(users.length).toBeGreaterThan(1);
    for (const user of users) expect(user['UserType']).toBe('Standard');
    for (const user of users) expect(user['UserRoleId']).toBeNull();
  });

  it('is read-only, and a user inserted without it is Standard', () => {
    const schemas = buildOrgSchemas();
    const field = schemas.get('User')?.fields.find((candidate) => candidate.name === 'UserType');
    expect(field).toMatchObject({ type: 'picklist', createable: false, updateable: false });
    const store = createOrgStore({
      schemas,
      clock: createClock(NOW),
      ids: createIdFactory(),
      deletedRetentionMs: 0,
    });
    const user = store.insert('User', { LastName: 'New', UserRoleId: null }, '005000000000000AAA');
    expect(user).toMatchObject({ UserType: 'Standard', UserRoleId: null });
    const group = store.insert('Group', { Name: 'Queue', Type: 'Queue' }, '005000000000000AAA');
    expect(String(group['Id'])).toMatch(/^00G/);
    expect(group['Email']).toBeNull();
  });
});
