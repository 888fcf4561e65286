/**
 * WHERE evaluation over the fixture org: every operator, null rule, literal kind, relative date
 * literal and parent-field filter, with the expected rows worked out by hand from fixture-org.ts.
 */
import { describe, expect, it } from 'vitest';

import { compileQuery } from '../../../../emulator/soql/index.js';

import { createOrg, IDS } from './fixture-org.js';

const org = createOrg();

function names(soql: string, includeDeleted = false): unknown[] {
  return compileQuery(soql, org, { includeDeleted })
    .execute()
    .map((record) => record['Name']);
}

// Accounts in insertion order: Acme, beta corp, Gamma, Delta_1%, Epsilon (and deleted Zeta).
const ALL = ['Acme', 'beta corp', 'Gamma', 'Delta_1%', 'Epsilon'];

describe('WHERE on Account: comparison operators and nulls', () => {
  it.each([
    ["Name = 'acme'", ['Acme']],
    ["Name != 'Acme'", ['beta corp', 'Gamma', 'Delta_1%', 'Epsilon']],
    ["Name <> 'ACME'", ['beta corp', 'Gamma', 'Delta_1%', 'Epsilon']],
    ["Name > 'delta'", ['Gamma', 'Delta_1%', 'Epsilon']],
    ["Name <= 'beta corp'", ['Acme', 'beta corp']],
    ["Type = 'Customer'", ['Acme', 'Delta_1%']],
    ["Type != 'Customer'", ['beta corp', 'Gamma', 'Epsilon']],
    ['Type = null', ['Gamma']],
    ['Type != null', ['Acme', 'beta corp', 'Delta_1%', 'Epsilon']],
    ["Type = ''", ['Gamma']],
    ['AnnualRevenue > 500', ['Acme', 'Delta_1%']],
    ['AnnualRevenue >= 500', ['Acme', 'beta corp', 'Delta_1%']],
    ['AnnualRevenue < 500', ['Epsilon']],
    ['AnnualRevenue <= 0', ['Epsilon']],
    ['AnnualRevenue = 2500.5', ['Delta_1%']],
    ['AnnualRevenue > -1.5', ['Acme', 'beta corp', 'Delta_1%', 'Epsilon']],
    ['AnnualRevenue != 1000', ['beta corp', 'Gamma', 'Delta_1%', 'Epsilon']],
    ['NumberOfEmployees = 50', ['Acme', 'Epsilon']],
    ['IsDeleted = false', ALL],
    ['IsDeleted = TRUE', []],
  ])('%s', (where, expected) => {
    expect(names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
  });
});

describe('WHERE on Account: lists, LIKE and multi-select picklists', () => {
  it.each([
    ["Type IN ('Customer', 'partner')", ['Acme', 'Delta_1%', 'Epsilon']],
    ["Type NOT IN ('Customer')", ['beta corp', 'Gamma', 'Epsilon']],
    ["Type IN ('Customer', null)", ['Acme', 'Gamma', 'Delta_1%']],
    ["Type NOT IN ('Customer', null)", ['beta corp', 'Epsilon']],
    ['NumberOfEmployees IN (7, 1200)', ['beta corp', 'Delta_1%']],
    ["Name LIKE 'a%'", ['Acme']],
    ["Name LIKE '%CORP'", ['beta corp']],
    ["Name LIKE '_amma'", ['Gamma']],
    ["Name LIKE '%a%'", ['Acme', 'beta corp', 'Gamma', 'Delta_1%']],
    ["Name LIKE 'Delta\\_1\\%'", ['Delta_1%']],
    ["Name LIKE 'Gamm\\_'", []],
    ["Name LIKE 'Gamm_'", ['Gamma']],
    ["Name LIKE 'acme'", ['Acme']],
    ["Risk_Flags__c INCLUDES ('Churn')", ['Acme', 'Delta_1%', 'Epsilon']],
    ["Risk_Flags__c INCLUDES ('churn;budget')", ['Acme', 'Epsilon']],
    ["Risk_Flags__c INCLUDES ('Legal', 'Budget;Churn')", ['Acme', 'Epsilon']],
    ["Risk_Flags__c EXCLUDES ('Churn')", ['beta corp', 'Gamma']],
    ["Risk_Flags__c EXCLUDES ('Churn', 'Budget')", ['Gamma']],
    ["Risk_Flags__c = 'Budget;Churn'", ['Acme']],
    ["Risk_Flags__c = 'budget'", ['beta corp']],
    ["Risk_Flags__c != 'Budget'", ['Acme', 'Gamma', 'Delta_1%', 'Epsilon']],
  ])('%s', (where, expected) => {
    expect(names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
  });
});

describe('WHERE on Account: AND, OR, NOT and parentheses', () => {
  it.each([
    ["(Type = 'Customer' OR Type = 'Partner') AND AnnualRevenue > 500", ['Acme', 'Delta_1%']],
    [
      "Type = 'Customer' OR (Type = 'Prospect' AND NumberOfEmployees < 10)",
      ['Acme', 'beta corp', 'Delta_1%'],
    ],
    ["NOT (Type = 'Customer' OR Type = null)", ['beta corp', 'Epsilon']],
    ["NOT Name LIKE 'a%'", ['beta corp', 'Gamma', 'Delta_1%', 'Epsilon']],
    ["NOT Type = 'Customer' AND AnnualRevenue >= 0", ['beta corp', 'Epsilon']],
    ["(NOT Type = 'Customer') AND AnnualRevenue >= 0", ['beta corp', 'Epsilon']],
    ["NOT NOT Type = 'Customer'", ['Acme', 'Delta_1%']],
    ["Name = 'Acme' OR Name = 'Gamma' OR Name = 'Epsilon'", ['Acme', 'Gamma', 'Epsilon']],
    ["Name = 'Acme' AND Type = 'Customer' AND AnnualRevenue = 1000", ['Acme']],
    ["((Name = 'Acme')) or ((name = 'Gamma'))", ['Acme', 'Gamma']],
    [
      "Type = 'Customer' AND (Name LIKE 'A%' OR (AnnualRevenue > 2000 AND NOT Risk_Flags__c = null))",
      ['Acme', 'Delta_1%'],
    ],
  ])('%s', (where, expected) => {
    expect(names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
  });
});

describe('WHERE on ids and parent fields', () => {
  const a1In15 = IDS.a1.slice(0, 15);
  const a3LowerSuffix = `${IDS.a3.slice(0, 15)}${IDS.a3.slice(15).toLowerCase()}`;
  it.each([
    [`Id = '${a1In15}'`, ['Acme']],
    [`Id IN ('${a1In15}', '${a3LowerSuffix}')`, ['Acme', 'Gamma']],
    [`Id NOT IN ('${IDS.a1}')`, ['beta corp', 'Gamma', 'Delta_1%', 'Epsilon']],
    [`Id > '${IDS.a3}'`, ['Delta_1%', 'Epsilon']],
    [`OwnerId = '${IDS.u1.slice(0, 15)}'`, ['Acme', 'Delta_1%']],
    ['OwnerId = null', ['Gamma']],
    ["Owner.Name = 'victor'", ['beta corp', 'Epsilon']],
    ['Owner.Email = null', ['beta corp', 'Gamma', 'Epsilon']],
    ['Owner.Email != null', ['Acme', 'Delta_1%']],
    ["owner.email LIKE '%@example.com'", ['Acme', 'Delta_1%']],
    ["Account.Name = 'Gamma'", ['Gamma']],
  ])('Account %s', (where, expected) => {
    expect(names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
  });

  it.each([
    ["Account.Type = 'Customer'", ['Acme renewal', 'Acme upsell']],
    ["Account.Owner.Name = 'Victor'", ['Beta new']],
    ['Account.Name = null', ['Orphan']],
    ['AccountId = null', ['Orphan']],
    ["Account.Name != 'Acme'", ['Beta new', 'Orphan']],
    ['Amount = null', ['Beta new']],
    ["StageName LIKE 'Closed%'", ['Acme upsell', 'Beta new']],
    ['CloseDate = TODAY', ['Orphan']],
  ])('Opportunity %s', (where, expected) => {
    expect(names(`SELECT Name FROM Opportunity WHERE ${where}`)).toEqual(expected);
  });
});

describe('WHERE on dates and datetimes (now: Wednesday 2026-11-25 15:00 UTC)', () => {
  // Renewal_Date__c: Acme 2026-12-01, beta 2026-11-25, Gamma null, Delta 2026-10-15, Epsilon 2027-01-31.
  it.each([
    ['Renewal_Date__c = 2026-12-01', ['Acme']],
    ['Renewal_Date__c > 2026-11-25', ['Acme', 'Epsilon']],
    ['Renewal_Date__c = TODAY', ['beta corp']],
    ['Renewal_Date__c < TODAY', ['Delta_1%']],
    ['Renewal_Date__c <= TODAY', ['beta corp', 'Delta_1%']],
    ['Renewal_Date__c > TODAY', ['Acme', 'Epsilon']],
    ['Renewal_Date__c >= today', ['Acme', 'beta corp', 'Epsilon']],
    ['Renewal_Date__c != TODAY', ['Acme', 'Gamma', 'Delta_1%', 'Epsilon']],
    ['Renewal_Date__c = NEXT_N_DAYS:7', ['Acme']],
    ['Renewal_Date__c = LAST_MONTH', ['Delta_1%']],
    ['Renewal_Date__c = THIS_MONTH', ['beta corp']],
    ['Renewal_Date__c = NEXT_MONTH', ['Acme']],
    ['Renewal_Date__c = NEXT_N_MONTHS:2', ['Acme', 'Epsilon']],
    ['Renewal_Date__c = THIS_YEAR', ['Acme', 'beta corp', 'Delta_1%']],
    ['Renewal_Date__c IN (TODAY, 2027-01-31)', ['beta corp', 'Epsilon']],
  ])('date %s', (where, expected) => {
    expect(names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
  });

  // SystemModstamp: Acme 11-25T09:30, beta 11-24T23:59:59.999, Gamma 11-20T12:00, Delta 10-31T10:00, Epsilon 11-25T09:30.
  it.each([
    ['SystemModstamp = TODAY', ['Acme', 'Epsilon']],
    ['SystemModstamp = YESTERDAY', ['beta corp']],
    ['SystemModstamp = TOMORROW', []],
    ['SystemModstamp = LAST_N_DAYS:1', ['Acme', 'beta corp', 'Epsilon']],
    ['SystemModstamp = LAST_N_DAYS:5', ['Acme', 'beta corp', 'Gamma', 'Epsilon']],
    ['SystemModstamp < LAST_N_DAYS:5', ['Delta_1%']],
    ['SystemModstamp = N_DAYS_AGO:5', ['Gamma']],
    ['SystemModstamp = THIS_WEEK', ['Acme', 'beta corp', 'Epsilon']],
    ['SystemModstamp = LAST_WEEK', ['Gamma']],
    ['SystemModstamp = LAST_MONTH', ['Delta_1%']],
    ['SystemModstamp > THIS_MONTH', []],
    ['SystemModstamp > 2026-11-24T23:59:59Z', ['Acme', 'beta corp', 'Epsilon']],
    ['SystemModstamp >= 2026-11-25T09:30:00.000+0000', ['Acme', 'Epsilon']],
    ['SystemModstamp = 2026-11-25T10:30:00+01:00', ['Acme', 'Epsilon']],
    ['SystemModstamp < 2026-11-20T12:00:00Z', ['Delta_1%']],
    // The keyset page Pulse asks for: after (2026-11-20T12:00, a2), before 2026-11-25T09:30.
    [
      `(SystemModstamp > 2026-11-20T12:00:00Z OR (SystemModstamp = 2026-11-20T12:00:00Z AND Id > '${IDS.a2}')) AND SystemModstamp < 2026-11-25T09:30:00Z`,
      ['beta corp', 'Gamma'],
    ],
  ])('datetime %s', (where, expected) => {
    expect(names(`SELECT Name FROM Account WHERE ${where}`)).toEqual(expected);
  });
});

describe('deleted records', () => {
  it('are left out of query and included by queryAll', () => {
    expect(names('SELECT Name FROM Account')).toEqual(ALL);
    expect(names('SELECT Name FROM Account', true)).toEqual([...ALL, 'Zeta']);
  });

  it('can be asked for with IsDeleted = true under queryAll only', () => {
    expect(names('SELECT Name FROM Account WHERE IsDeleted = true', true)).toEqual(['Zeta']);
    expect(names('SELECT Name FROM Account WHERE IsDeleted = true')).toEqual([]);
    expect(names("SELECT Name FROM Opportunity WHERE Name = 'Acme lost'", true)).toEqual(['Acme lost']);
  });
});
