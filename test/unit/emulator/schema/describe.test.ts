/**
 * describeSObject against a real describe payload (sobject-describe-custom-object.json): the same
 * top-level keys, urls and record types, and every key of every real field entry with the same
 * kind of value.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { describeSObject } from '../../../../emulator/schema/describe.js';
import { buildOrgSchemas } from '../../../../emulator/schema/org-schemas.js';

type Json = Record<string, unknown>;

const FIXTURE = path.resolve(
  import.meta.dirname,
  '../../../../../shared/reference/salesforce-payloads/sobject-describe-custom-object.json',
);
const real = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json & {
  fields: Json[];
  childRelationships: Json[];
  urls: Json;
};

const kind = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** The kinds of value the real payload shows per key, across all its entries. */
function kindsByKey(entries: readonly Json[]): Map<string, Set<string>> {
  const kinds = new Map<string, Set<string>>();
  for (const entry of entries) {
    for (const [key, value] of Object.entries(entry))
      kinds.set(key, (kinds.get(key) ?? new Set()).add(kind(value)));
  }
  return kinds;
}

/** Keys the real payload only shows as null but which hold text when set (a formula, help text...). */
const NULLABLE_TEXT = new Set([
  'calculatedFormula',
  'inlineHelpText',
  'controllerName',
  'defaultValueFormula',
  'relationshipName',
]);

const schemas = buildOrgSchemas({ entitlements: true, multiCurrency: true });
const describes = [...schemas.values()].map((schema) =>
  describeSObject(schema, '64.0', 'https://emulator.test'),
);

describe('describeSObject', () => {
  it('renders every object the org has', () => {
    expect(describes.map((result) => result.name)).toEqual([
      'User',
      'UserRole',
      'Group',
      'Account',
      'Opportunity',
      'Case',
      'Task',
      'CaseMilestone',
      'PermissionSet',
      'PermissionSetAssignment',
      'ObjectPermissions',
      'UserPermissionAccess',
    ]);
  });

  it('has exactly the top-level keys of the real payload, with the same kinds of value', () => {
    for (const result of describes) {
      const json = JSON.parse(JSON.stringify(result)) as Json;
      expect(Object.keys(json).sort(), result.name).toEqual(Object.keys(real).sort());
      for (const [key, value] of Object.entries(real))
        expect(kind(json[key]), `${result.name}.${key}`).toBe(kind(value));
    }
  });

  it('builds urls for the requested version and instance', () => {
    const account = describes.find((result) => result.name === 'Account');
    expect(Object.keys(account?.urls ?? {}).sort()).toEqual(Object.keys(real.urls).sort());
    expect(account?.urls).toMatchObject({
      sobject: '/services/data/v64.0/sobjects/Account',
      describe: '/services/data/v64.0/sobjects/Account/describe',
      rowTemplate: '/services/data/v64.0/sobjects/Account/{ID}',
      uiDetailTemplate: 'https://emulator.test/{ID}',
      uiEditTemplate: 'https://emulator.test/{ID}/e',
      uiNewRecord: 'https://emulator.test/001/e',
    });
    const relative = describeSObject(schemas.get('Case') ?? [...schemas.values()][0]!, '58.0');
    expect(relative.urls['uiNewRecord']).toBe('/500/e');
    expect(relative.urls['sobject']).toBe('/services/data/v58.0/sobjects/Case');
  });

  it('has the Master record type of the real payload', () => {
    for (const result of describes) expect(result.recordTypeInfos).toEqual(real['recordTypeInfos']);
  });

  it('gives every field every key of the real field entries, with the same kinds of value', () => {
    const kinds = kindsByKey(real.fields);
    for (const result of describes) {
      for (const field of JSON.parse(JSON.stringify(result.fields)) as Json[]) {
        for (const [key, allowed] of kinds) {
          const where = `${result.name}.${String(field['name'])}.${key}`;
          expect(field, where).toHaveProperty(key);
          const found = kind(field[key]);
          const ok =
            allowed.has(found) ||
            (found === 'string' && NULLABLE_TEXT.has(key)) ||
            (key === 'defaultValue' && found !== 'object');
          expect(ok, `${where}: ${found} not in ${[...allowed].join('/')}`).toBe(true);
        }
      }
    }
  });

  it('gives picklist entries and child relationships the keys of the real ones', () => {
    const realPicklist = real.fields.find((field) => field['name'] === 'Picklist_Field')?.[
      'picklistValues'
    ] as Json[] | undefined;
    const picklistKeys = Object.keys(realPicklist?.[0] ?? {}).sort();
    const relationshipKeys = Object.keys(real.childRelationships[0] ?? {});
    expect(picklistKeys.length).toBeGreaterThan(0);
    for (const result of describes) {
      for (const field of result.fields) {
        for (const entry of field.picklistValues) expect(Object.keys(entry).sort()).toEqual(picklistKeys);
      }
      for (const relationship of result.childRelationships) {
        for (const key of relationshipKeys) expect(relationship).toHaveProperty(key);
      }
    }
  });

  it('returns copies: changing a describe leaves the schema alone', () => {
    const schema = schemas.get('Account');
    if (!schema) throw new Error('no Account');
    const result = describeSObject(schema, '64.0');
    result.fields.length = 0;
    (result.childRelationships[0] as { relationshipName: string | null }).relationshipName = 'Changed';
    expect(schema.fields.length).toBeGreaterThan(0);
    expect(schema.childRelationships[0]?.relationshipName).not.toBe('Changed');
  });

  it('reports object capabilities: CaseMilestone cannot be created or deleted through the API', () => {
    const milestone = describes.find((result) => result.name === 'CaseMilestone');
    expect(milestone).toMatchObject({
      createable: false,
      deletable: false,
      updateable: true,
      queryable: true,
    });
    const account = describes.find((result) => result.name === 'Account');
    expect(account).toMatchObject({
      createable: true,
      updateable: true,
      deletable: true,
      mergeable: true,
      custom: false,
    });
  });
});
