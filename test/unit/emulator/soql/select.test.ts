/**
 * Projection: the JSON rows the REST API returns for plain fields, parent paths, child subqueries,
 * COUNT() and convertCurrency(), checked against hand-written expected objects.
 */
import { describe, expect, it } from 'vitest';

import { compileQuery } from '../../../../emulator/soql/index.js';

import { createOrg, IDS } from './fixture-org.js';

const org = createOrg();

function rows(soql: string, options: { includeDeleted?: boolean; apiVersion?: string } = {}): unknown[] {
  const query = compileQuery(soql, org, { includeDeleted: options.includeDeleted ?? false });
  return query.execute().map((record) => query.project(record, options.apiVersion ?? '58.0'));
}

const attributes = (type: string, id: string, version = '58.0') => ({
  type,
  url: `/services/data/v${version}/sobjects/${type}/${id}`,
});

describe('SELECT fields', () => {
  it('returns attributes, then the fields in SELECT order with describe casing', () => {
    const [row] = rows("select annualrevenue, NAME, id, risk_flags__c from ACCOUNT where name = 'Acme'", {
      apiVersion: '61.0',
    });
    expect(row).toEqual({
      attributes: attributes('Account', IDS.a1, '61.0'),
      AnnualRevenue: 1000,
      Name: 'Acme',
      Id: IDS.a1,
      Risk_Flags__c: 'Churn;Budget',
    });
    expect(Object.keys(row as object)).toEqual([
      'attributes',
      'AnnualRevenue',
      'Name',
      'Id',
      'Risk_Flags__c',
    ]);
  });

  it('reports the canonical object name and keeps null values as null', () => {
    const query = compileQuery("SELECT Type, Renewal_Date__c FROM account WHERE Name = 'Gamma'", org, {
      includeDeleted: false,
    });
    expect(query.objectName).toBe('Account');
    expect(query.isCount).toBe(false);
    const [record] = query.execute();
    expect(query.project(record!, '58.0')).toEqual({
      attributes: attributes('Account', IDS.a3),
      Type: null,
      Renewal_Date__c: null,
    });
  });

  it('accepts the object name as a field prefix', () => {
    expect(rows("SELECT Account.Name FROM Account WHERE Name = 'Acme'")).toEqual([
      { attributes: attributes('Account', IDS.a1), Name: 'Acme' },
    ]);
  });
});

describe('parent relationship fields', () => {
  it('nests the parent with its own attributes, and null when the lookup is empty', () => {
    expect(rows("SELECT Name, Owner.Name, Owner.Email FROM Account WHERE Name IN ('Acme', 'Gamma')")).toEqual(
      [
        {
          attributes: attributes('Account', IDS.a1),
          Name: 'Acme',
          Owner: {
            attributes: attributes('User', IDS.u1),
            Name: 'Ursula Owner',
            Email: 'ursula@example.com',
          },
        },
        { attributes: attributes('Account', IDS.a3), Name: 'Gamma', Owner: null },
      ],
    );
  });

  it('follows two lookups and merges fields of the same parent', () => {
    const soql =
      "SELECT Name, account.name, Account.Owner.Email, Account.Type FROM Opportunity WHERE Name IN ('Acme renewal', 'Orphan')";
    expect(rows(soql)).toEqual([
      {
        attributes: attributes('Opportunity', IDS.o1),
        Name: 'Acme renewal',
        Account: {
          attributes: attributes('Account', IDS.a1),
          Name: 'Acme',
          Owner: { attributes: attributes('User', IDS.u1), Email: 'ursula@example.com' },
          Type: 'Customer',
        },
      },
      { attributes: attributes('Opportunity', IDS.o4), Name: 'Orphan', Account: null },
    ]);
  });
});

describe('child relationship subqueries', () => {
  const soql =
    "SELECT Name, (SELECT Name, Amount FROM opportunities WHERE Amount != null ORDER BY Amount DESC) FROM Account WHERE Name IN ('Acme', 'beta corp')";

  it('nests a QueryResult per parent, null when there are no children', () => {
    expect(rows(soql)).toEqual([
      {
        attributes: attributes('Account', IDS.a1),
        Name: 'Acme',
        Opportunities: {
          totalSize: 2,
          done: true,
          records: [
            { attributes: attributes('Opportunity', IDS.o2), Name: 'Acme upsell', Amount: 250.5 },
            { attributes: attributes('Opportunity', IDS.o1), Name: 'Acme renewal', Amount: 100 },
          ],
        },
      },
      { attributes: attributes('Account', IDS.a2), Name: 'beta corp', Opportunities: null },
    ]);
  });

  it('includes deleted children under queryAll and applies LIMIT per parent', () => {
    const limited =
      "SELECT Name, (SELECT Name FROM Opportunities ORDER BY Amount DESC LIMIT 2) FROM Account WHERE Name = 'Acme'";
    expect(rows(limited, { includeDeleted: true })).toEqual([
      {
        attributes: attributes('Account', IDS.a1),
        Name: 'Acme',
        Opportunities: {
          totalSize: 2,
          done: true,
          records: [
            { attributes: attributes('Opportunity', IDS.o5), Name: 'Acme lost' },
            { attributes: attributes('Opportunity', IDS.o2), Name: 'Acme upsell' },
          ],
        },
      },
    ]);
  });

  it('can select parent fields of the child', () => {
    const [row] = rows(
      "SELECT (SELECT Account.Name FROM Opportunities) FROM Account WHERE Name = 'beta corp'",
    );
    expect(row).toEqual({
      attributes: attributes('Account', IDS.a2),
      Opportunities: {
        totalSize: 1,
        done: true,
        records: [
          {
            attributes: attributes('Opportunity', IDS.o3),
            Account: { attributes: attributes('Account', IDS.a2), Name: 'beta corp' },
          },
        ],
      },
    });
  });
});

describe('COUNT()', () => {
  it.each([
    ['SELECT COUNT() FROM Account', false, 5],
    ['SELECT COUNT() FROM Account', true, 6],
    ["SELECT count() FROM Account WHERE Type = 'Customer'", false, 2],
    ["SELECT COUNT() FROM Opportunity WHERE Account.Name = 'Acme'", false, 2],
    ['SELECT COUNT() FROM Account LIMIT 3', false, 3],
  ])('%s (queryAll: %s) counts %i', (soql, includeDeleted, expected) => {
    const query = compileQuery(soql, org, { includeDeleted });
    expect(query.isCount).toBe(true);
    expect(query.execute()).toHaveLength(expected);
  });
});

describe('convertCurrency()', () => {
  const soql = 'SELECT Name, convertCurrency(Amount) FROM Opportunity';

  it('multiplies by the rate of the record currency, rounded to the field scale', () => {
    expect(rows(soql)).toEqual([
      { attributes: attributes('Opportunity', IDS.o1), Name: 'Acme renewal', Amount: 100 },
      { attributes: attributes('Opportunity', IDS.o2), Name: 'Acme upsell', Amount: 275.55 },
      { attributes: attributes('Opportunity', IDS.o3), Name: 'Beta new', Amount: null },
      { attributes: attributes('Opportunity', IDS.o4), Name: 'Orphan', Amount: 75 },
    ]);
  });

  it('leaves values unchanged in a single-currency org', () => {
    const single = createOrg({ rates: new Map() });
    const query = compileQuery(
      "SELECT convertCurrency(AnnualRevenue) FROM Account WHERE Name = 'Delta_1%'",
      single,
      {
        includeDeleted: false,
      },
    );
    expect(query.execute().map((record) => query.project(record, '58.0'))).toEqual([
      { attributes: attributes('Account', IDS.a4), AnnualRevenue: 2500.5 },
    ]);
  });

  it('converts GBP at 1.25', () => {
    expect(rows("SELECT convertCurrency(AnnualRevenue) FROM Account WHERE Name = 'Delta_1%'")).toEqual([
      { attributes: attributes('Account', IDS.a4), AnnualRevenue: 3125.63 },
    ]);
  });
});

describe('compile once, execute many', () => {
  it('sees current records on each execute', () => {
    const records = { Account: [] as Record<string, string | boolean | null>[], User: [], Opportunity: [] };
    const live = createOrg({ records });
    const query = compileQuery('SELECT Id, (SELECT Id FROM Opportunities) FROM Account', live, {
      includeDeleted: false,
    });
    expect(query.execute()).toEqual([]);
    records.Account.push({ Id: IDS.a1, IsDeleted: false, Name: 'Late' });
    expect(query.execute().map((record) => record['Name'])).toEqual(['Late']);
  });
});
