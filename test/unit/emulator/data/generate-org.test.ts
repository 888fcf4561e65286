/**
 * The seeded org generator: deterministic, scales with the account count, and every value fits the
 * org's describe (picklists, lengths, precision/scale, references to existing records).
 */
import { describe, expect, it } from 'vitest';

import { generateOrg, type GenerateOrgOptions } from '../../../../emulator/data/generate-org.js';
import { createIdFactory } from '../../../../emulator/org/ids.js';
import { buildOrgSchemas, type OrgSchemaOptions } from '../../../../emulator/schema/org-schemas.js';
import { invalidValues } from './record-validity.js';

const NOW = new Date('2026-11-22T09:30:00.000Z');

function generate(options: Partial<GenerateOrgOptions> = {}, schemaOptions: OrgSchemaOptions = {}) {
  const schemas = buildOrgSchemas(schemaOptions);
  const records = generateOrg({ accounts: 200, seed: 7, now: NOW, ...options }, schemas, createIdFactory());
  return { schemas, records };
}

const count = (records: ReadonlyMap<string, readonly unknown[]>, name: string): number =>
  records.get(name)?.length ?? 0;

describe('generateOrg', () => {
  it('gives byte-identical output for the same seed, and a different org for another seed', () => {
    const first = JSON.stringify([...generate().records]);
    const again = JSON.stringify([...generate().records]);
    const other = JSON.stringify([...generate({ seed: 8 }).records]);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('returns a list for every object in the schemas, in schema order', () => {
    const { schemas, records } = generate({}, { entitlements: true });
    expect([...records.keys()]).toEqual([...schemas.keys()]);
    expect(count(records, 'CaseMilestone')).toBeGreaterThan(0);
  });

  it('makes about one user per 25 accounts (at least 3) and scales children with accounts', () => {
    const small = generate({ accounts: 200 }).records;
    const large = generate({ accounts: 400 }).records;
    expect(count(small, 'Account')).toBe(200);
    expect(count(small, 'User')).toBe(8);
    expect(count(generate({ accounts: 10 }).records, 'User')).toBe(3);
    for (const name of ['Opportunity', 'Case', 'Task']) {
      const ratio = count(large, name) / count(small, name);
      expect(ratio, name).toBeGreaterThan(1.6);
      expect(ratio, name).toBeLessThan(2.4);
    }
  });

  it('generates an empty org (users only) for 0 accounts and rejects impossible counts', () => {
    const { records } = generate({ accounts: 0 });
    expect(count(records, 'User')).toBe(3);
    expect(count(records, 'Account')).toBe(0);
    expect(() => generate({ accounts: -1 })).toThrow(/accounts/);
    expect(() => generate({ accounts: 2.5 })).toThrow(/accounts/);
  });

  it('keeps every value valid for its field, with references to records of the right object', () => {
    const { schemas, records } = generate(
      { currencies: ['USD', 'EUR', 'GBP', 'JPY'] },
      { entitlements: true, multiCurrency: true },
    );
    expect(invalidValues(records, schemas)).toEqual([]);
  });

  it('has a validity check that catches bad values and dangling references', () => {
    const { schemas, records } = generate({ accounts: 20 });
    const [account, other] = records.get('Account') ?? [];
    const [opportunity] = records.get('Opportunity') ?? [];
    if (!account || !other || !opportunity) throw new Error('expected generated records');
    const broken = new Map(records);
    broken.set('Account', [
      { ...account, Type: 'Customer', Name: 'x'.repeat(256), NumberOfEmployees: 1.5 },
      { ...other, Risk_Flags__c: 'Low NPS;Open P1', Usage_Trend__c: 1.234 },
    ]);
    broken.set('Opportunity', [{ ...opportunity, AccountId: String(records.get('User')?.[0]?.['Id']) }]);
    const problems = invalidValues(broken, schemas).join('\n');
    for (const field of [
      'Type',
      'Name',
      'NumberOfEmployees',
      'Risk_Flags__c',
      'Usage_Trend__c',
      'AccountId',
    ]) {
      expect(problems).toContain(`.${field}:`);
    }
  });

  it('fills only deployed fields and respects field-level security variations', () => {
    const missing = [
      'Account.NPS_Score__c',
      'Account.LastActivityDate',
      'Case.First_Response_At__c',
      'Account.ParentId',
    ];
    const { schemas, records } = generate(
      {},
      { missingFields: missing, readOnlyFields: ['Account.Health_Score__c'] },
    );
    expect(invalidValues(records, schemas)).toEqual([]);
    const account = records.get('Account')?.[0] ?? {};
    expect(account).not.toHaveProperty('NPS_Score__c');
    expect(account).not.toHaveProperty('LastActivityDate');
    expect(account).toHaveProperty('Health_Score__c', null);
    expect(records.get('Case')?.[0]).not.toHaveProperty('First_Response_At__c');
  });

  it('uses several currencies in a multi-currency org and none in a single-currency one', () => {
    const multi = generate({ currencies: ['USD', 'EUR', 'GBP'] }, { multiCurrency: true }).records;
    for (const name of ['Account', 'Opportunity', 'Case']) {
      const codes = new Set(multi.get(name)?.map((record) => record['CurrencyIsoCode']));
      expect([...codes].sort(), name).toEqual(['EUR', 'GBP', 'USD']);
    }
    const single = generate().records;
    expect(single.get('Opportunity')?.[0]).not.toHaveProperty('CurrencyIsoCode');
  });

  it('keeps an opportunity in the same currency as its account', () => {
    const { records } = generate({ currencies: ['USD', 'EUR', 'JPY'] }, { multiCurrency: true });
    const currencyOf = new Map(
      records.get('Account')?.map((account) => [account['Id'], account['CurrencyIsoCode']]),
    );
    for (const opportunity of records.get('Opportunity') ?? []) {
      expect(opportunity['CurrencyIsoCode']).toBe(currencyOf.get(opportunity['AccountId']));
      if (opportunity['CurrencyIsoCode'] === 'JPY')
        expect(Number.isInteger(opportunity['Amount'])).toBe(true);
    }
  });

  it('refuses currencies the schemas do not allow', () => {
    expect(() => generate({ currencies: ['USD', 'EUR'] })).toThrow(/multiCurrency/);
    expect(() => generate({ currencies: ['USD', 'CHF'] }, { multiCurrency: true })).toThrow(/CHF/);
    expect(() =>
      generate({ currencies: ['EUR'] }, { multiCurrency: true, currencies: ['USD', 'GBP'] }),
    ).toThrow(/EUR/);
  });

  it('generates a 5,000-account org quickly, with valid values throughout', () => {
    const started = performance.now();
    const { schemas, records } = generate(
      { accounts: 5000, seed: 99, currencies: ['USD', 'EUR'] },
      { entitlements: true, multiCurrency: true },
    );
    const elapsed = performance.now() - started;
    expect(count(records, 'Account')).toBe(5000);
    expect(count(records, 'User')).toBe(200);
    expect(count(records, 'Opportunity')).toBeGreaterThan(10_000);
    expect(elapsed).toBeLessThan(15_000);
    expect(invalidValues(records, schemas)).toEqual([]);
  }, 30_000);
});
