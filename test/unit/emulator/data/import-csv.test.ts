/**
 * The CSV importer: the built-in Maven CRM mapping on a subset of the data set (and on the whole
 * set in ../shared), a hand-made mapping using every FieldSpec option, and errors that name the
 * file and line of the value that does not fit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { importOrg } from '../../../../emulator/data/import-csv.js';
import { createIdFactory } from '../../../../emulator/org/ids.js';
import type { StoredRecord } from '../../../../emulator/org/types.js';
import { buildOrgSchemas } from '../../../../emulator/schema/index.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/emulator');
const SHARED = path.resolve(import.meta.dirname, '../../../../../shared/data/maven-crm-sales-opportunities');
const NOW = new Date('2026-11-22T09:00:00Z');
const schemas = buildOrgSchemas();

const load = (dir: string) => importOrg({ dir, seed: 42, now: NOW }, schemas, createIdFactory());
const byName = (records: readonly StoredRecord[] | undefined, name: string) =>
  records?.find((record) => record['Name'] === name);

describe('the Maven CRM data set (built-in mapping)', () => {
  const org = load(path.join(FIXTURES, 'maven-crm-small'));
  const users = org.get('User') ?? [];
  const accounts = org.get('Account') ?? [];
  const opportunities = org.get('Opportunity') ?? [];

  it('imports managers and agents as users (after the admin who imported them), accounts and opportunities', () => {
    expect(users[0]?.['Name']).toBe('Admin User');
    expect(users).toHaveLength(1 + 6 + 35);
    expect(accounts).toHaveLength(12);
    expect(opportunities).toHaveLength(72);
    expect(byName(users, 'Anna Snelling')).toMatchObject({
      FirstName: 'Anna',
      LastName: 'Snelling',
      Username: 'anna.snelling@maven.example.com',
      TimeZoneSidKey: 'America/Chicago',
    });
  });

  it('maps account columns: sector typo to Industry, revenue in millions, the parent company', () => {
    const acme = byName(accounts, 'Acme Corporation');
    expect(acme).toMatchObject({
      Industry: 'Technology',
      AnnualRevenue: 1_100_040_000,
      NumberOfEmployees: 2822,
    });
    const child = accounts.find((account) => account['ParentId'] !== null);
    expect(accounts.map((account) => account['Id'])).toContain(child?.['ParentId']);
    const owners = new Set(accounts.map((account) => account['OwnerId']));
    expect(owners.size).toBeGreaterThan(1);
  });

  it('turns deal stages into Salesforce stages with their derived fields, dates moved to the present', () => {
    const won = opportunities.filter((opportunity) => opportunity['StageName'] === 'Closed Won');
    expect(won).toHaveLength(12);
    for (const opportunity of won)
      expect(opportunity).toMatchObject({ IsClosed: true, IsWon: true, Probability: 100 });
    const open = opportunities.filter((opportunity) => opportunity['IsClosed'] === false);
    expect(new Set(open.map((opportunity) => opportunity['StageName']))).toEqual(
      new Set(['Prospecting', 'Needs Analysis']),
    );
    expect(opportunities.filter((opportunity) => opportunity['AccountId'] === null).length).toBe(24);
    const latest = opportunities
      .map((opportunity) => String(opportunity['LastModifiedDate']))
      .sort()
      .at(-1);
    expect(latest?.slice(0, 10)).toBe('2026-11-22');
    for (const opportunity of opportunities)
      expect(String(opportunity['CreatedDate']) <= String(opportunity['LastModifiedDate'])).toBe(true);
  });

  it('is deterministic: the same files and seed give the same records and ids', () => {
    expect(load(path.join(FIXTURES, 'maven-crm-small'))).toEqual(org);
  });

  it('loads the whole data set in ../shared (85 accounts, 8,800 opportunities)', () => {
    const whole = load(SHARED);
    expect(whole.get('Account')).toHaveLength(85);
    expect(whole.get('Opportunity')).toHaveLength(8800);
  });
});

describe('a mapping file of its own', () => {
  const org = load(path.join(FIXTURES, 'custom-import'));

  it('uses every kind of field spec', () => {
    const ada = byName(org.get('User'), 'Ada King Lovelace');
    expect(ada).toMatchObject({
      FirstName: 'Ada',
      LastName: 'King Lovelace',
      Alias: 'ada.king',
      Username: 'ada.lovelace@example.com',
      TimeZoneSidKey: 'Europe/Paris',
      IsActive: true,
    });
    expect(byName(org.get('User'), 'Grace Hopper')?.['IsActive']).toBe(false);
    const parent = byName(org.get('Account'), 'Initech');
    const child = byName(org.get('Account'), 'Initech Europe');
    expect(child).toMatchObject({
      ParentId: parent?.['Id'],
      AnnualRevenue: 1_200_000,
      OwnerId: ada?.['Id'],
      Type: 'Customer - Direct',
      Support_Region__c: 'EMEA',
    });
    expect(org.get('User')?.map((user) => user['Id'])).toContain(parent?.['OwnerId']);
    const [fire, report] = org.get('Case') ?? [];
    expect(fire).toMatchObject({
      Subject: 'T-1: Printer on fire',
      AccountId: child?.['Id'],
      Status: 'New',
      Priority: 'High',
      IsClosed: false,
      CreatedDate: '2026-10-01T00:00:00.000+0000',
      LastModifiedDate: '2026-10-03T00:00:00.000+0000',
      SystemModstamp: '2026-10-03T00:00:00.000+0000',
    });
    expect(report).toMatchObject({
      Status: 'Closed',
      IsClosed: true,
      Priority: 'Medium',
      ClosedDate: '2026-09-17T10:30:00.000+0000',
    });
  });

  it('names the file and line of a value that does not fit, and refuses unknown fields', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pulse-import-'));
    writeFileSync(path.join(dir, 'rows.csv'), 'name,status\nGood,Green\nBad,Purple\n');
    const mapping = (field: string) =>
      `objects:\n  - file: rows.csv\n    object: Account\n    key: name\n    fields:\n      Name: { column: name }\n      ${field}: { column: status }\n`;
    writeFileSync(path.join(dir, 'import-mapping.yaml'), mapping('Health_Status__c'));
    expect(() => load(dir)).toThrow(
      'rows.csv line 3: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Health_Status__c: bad value for restricted picklist field: Purple',
    );
    writeFileSync(path.join(dir, 'import-mapping.yaml'), mapping('Colour__c'));
    expect(() => load(dir)).toThrow('Account has no field Colour__c');
    writeFileSync(path.join(dir, 'import-mapping.yaml'), 'objects: []\n');
    expect(() => load(dir)).toThrow(/import mapping/);
  });

  it('refuses a directory with neither a mapping nor the Maven files', () => {
    expect(() => load(mkdtempSync(path.join(tmpdir(), 'pulse-import-')))).toThrow(/no import-mapping.yaml/);
  });
});
