/**
 * Error codes and texts: what the emulator refuses (MALFORMED_QUERY naming the construct), filter
 * values that do not fit the field, and the plain OFFSET and duplicate-field errors.
 */
import { describe, expect, it } from 'vitest';

import { IDS } from './fixture-org.js';
import { failure, summary } from './soql-failure.js';

describe('unsupported constructs are MALFORMED_QUERY naming the construct', () => {
  it.each([
    ['SELECT Type FROM Account GROUP BY Type', 26, 'GROUP BY'],
    ['SELECT COUNT(Id) FROM Account', 8, 'Aggregate function COUNT(Id)'],
    ['SELECT SUM(Amount) FROM Opportunity', 8, 'Aggregate function SUM(Amount)'],
    ['SELECT Id FROM Account FOR UPDATE', 24, 'FOR UPDATE'],
    ['SELECT Id FROM Account FOR VIEW', 24, 'FOR VIEW'],
    ['SELECT Id FROM Account UPDATE TRACKING', 24, 'UPDATE TRACKING'],
    ['SELECT Id FROM Account WITH SECURITY_ENFORCED', 24, 'WITH SECURITY_ENFORCED'],
    ['SELECT Id FROM Account WITH USER_MODE', 24, 'WITH USER_MODE'],
    ['SELECT Id FROM Account USING SCOPE mine', 24, 'USING SCOPE'],
    ['SELECT Id FROM Account a', 24, "The object alias 'a'"],
    ['SELECT TYPEOF Owner WHEN User THEN Name END FROM Account', 8, 'TYPEOF'],
    ['SELECT FORMAT(AnnualRevenue) FROM Account', 8, 'FORMAT(AnnualRevenue)'],
    ['SELECT toLabel(Type) FROM Account', 8, 'toLabel(Type)'],
    ['SELECT FIELDS(ALL) FROM Account', 8, 'FIELDS(ALL)'],
    [
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Opportunity)',
      37,
      'A semi-join (IN (SELECT ...))',
    ],
    [
      'SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2026',
      30,
      'CALENDAR_YEAR(CreatedDate) in WHERE',
    ],
    [
      'SELECT Id FROM Account ORDER BY CALENDAR_YEAR(CreatedDate)',
      33,
      'CALENDAR_YEAR(CreatedDate) in ORDER BY',
    ],
    [
      'SELECT Id, (SELECT Id, (SELECT Id FROM Opportunities) FROM Opportunities) FROM Account',
      25,
      'A nested subquery',
    ],
    ['SELECT Id, (SELECT COUNT() FROM Opportunities) FROM Account', 20, 'COUNT() in a subquery'],
    [
      'SELECT Name, Primary_Contact__r.Name FROM Opportunity',
      14,
      "Polymorphic relationship 'Primary_Contact__r'",
    ],
    ['SELECT Id FROM Account WHERE CreatedDate = THIS_FISCAL_YEAR', 44, 'Date literal THIS_FISCAL_YEAR'],
    ['SELECT Id FROM Account WHERE AnnualRevenue > USD5000', 46, 'Currency-prefixed literal USD5000'],
    ['SELECT convertCurrency(Name) FROM Account', 8, 'convertCurrency() of a string field'],
    [
      'SELECT convertCurrency(Account.AnnualRevenue) FROM Opportunity',
      8,
      'convertCurrency() of a parent field (Account.AnnualRevenue)',
    ],
  ])('%s', (soql, column, construct) => {
    expect(summary(failure(soql))).toEqual([
      'MALFORMED_QUERY',
      column,
      `${construct} is not supported by the Pulse emulator`,
    ]);
  });
});

describe('filter values must fit the field', () => {
  const mustBe = (name: string, type: string, quoted = false) =>
    `value of filter criterion for field '${name}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`;

  it.each([
    ['SELECT Id FROM Account WHERE CreatedDate > 2026-01-01', 44, mustBe('CreatedDate', 'dateTime')],
    [
      "SELECT Id FROM Account WHERE CreatedDate > '2026-01-01T00:00:00Z'",
      44,
      mustBe('CreatedDate', 'dateTime'),
    ],
    [
      'SELECT Id FROM Account WHERE Renewal_Date__c = 2026-01-01T00:00:00Z',
      48,
      mustBe('Renewal_Date__c', 'date'),
    ],
    ["SELECT Id FROM Account WHERE Renewal_Date__c = '2026-01-01'", 48, mustBe('Renewal_Date__c', 'date')],
    ['SELECT Id FROM Account WHERE Renewal_Date__c = 2026-02-30', 48, mustBe('Renewal_Date__c', 'date')],
    ['SELECT Id FROM Account WHERE Name = 5', 37, mustBe('Name', 'string', true)],
    ['SELECT Id FROM Account WHERE Name = TODAY', 37, mustBe('Name', 'string', true)],
    ["SELECT Id FROM Account WHERE Type IN ('a', 1)", 44, mustBe('Type', 'string', true)],
    ["SELECT Id FROM Account WHERE AnnualRevenue > '5'", 46, mustBe('AnnualRevenue', 'double')],
    ["SELECT Id FROM Account WHERE NumberOfEmployees = '5'", 50, mustBe('NumberOfEmployees', 'int')],
    ["SELECT Id FROM Account WHERE IsDeleted = 'true'", 42, mustBe('IsDeleted', 'boolean')],
    ["SELECT Id FROM Account WHERE Id = 'abc'", 35, 'invalid ID field: abc'],
    [`SELECT Id FROM Account WHERE OwnerId IN ('${IDS.u1}', '005x')`, 64, 'invalid ID field: 005x'],
    ["SELECT Id FROM Account WHERE Id LIKE '001%'", 30, 'invalid operator on id field'],
    ['SELECT Id FROM Account WHERE AnnualRevenue LIKE 5', 30, 'invalid operator on currency field'],
    [
      "SELECT Id FROM Account WHERE Name INCLUDES ('a')",
      30,
      'includes or excludes operator only valid on multipicklist field',
    ],
    ["SELECT Id FROM Account WHERE Risk_Flags__c > 'a'", 30, 'invalid operator on multipicklist field'],
  ])('%s', (soql, column, text) => {
    expect(summary(failure(soql))).toEqual(['INVALID_QUERY_FILTER_OPERATOR', column, text]);
  });
});

describe('other errors', () => {
  it.each([
    [
      "SELECT Id FROM Account WHERE Description = 'x'",
      'INVALID_FIELD',
      30,
      "field 'Description' can not be filtered in a query call",
    ],
    [
      'SELECT Id FROM Account ORDER BY Risk_Flags__c',
      'INVALID_FIELD',
      33,
      "field 'Risk_Flags__c' can not be sorted in a query call",
    ],
    [
      'SELECT Id, COUNT() FROM Account',
      'MALFORMED_QUERY',
      12,
      'COUNT() must be the only element of the SELECT list',
    ],
    ['SELECT Id Name FROM Account', 'MALFORMED_QUERY', 11, "unexpected token: 'Name'"],
    ["SELECT Id FROM Account WHERE Name IN 'a'", 'MALFORMED_QUERY', 38, "unexpected token: ''a''"],
    ['SELECT Id FROM Account WHERE Name = "a"', 'MALFORMED_QUERY', 37, `unexpected token: '"'`],
    ['SELEC Id FROM Account', 'MALFORMED_QUERY', 1, "unexpected token: 'SELEC'"],
  ])('%s', (soql, code, column, text) => {
    expect(summary(failure(soql))).toEqual([code, column, text]);
  });

  it('refuses OFFSET above 2000 with the plain message', () => {
    const error = failure('SELECT Id FROM Account ORDER BY Name LIMIT 10 OFFSET 2001');
    expect([error.errorCode, error.message]).toEqual([
      'NUMBER_OUTSIDE_VALID_RANGE',
      'Maximum SOQL offset allowed is 2000',
    ]);
  });

  it('refuses a field selected twice, whatever its case', () => {
    const error = failure('SELECT Id, Name, owner.name, NAME FROM Account');
    expect([error.errorCode, error.message]).toEqual(['INVALID_FIELD', 'duplicate field selected: NAME']);
  });
});
