/**
 * SOQL built from values Pulse did not write itself: injection strings are refused (names, ids,
 * cursors) or escaped (text), and the query's meaning is checked with a real SOQL parser (the
 * emulator's): one condition, on the field named, comparing with exactly the value given.
 */
import { describe, expect, it } from 'vitest';

import { unquote } from '../../../emulator/soql/literals.js';
import { parseSoql } from '../../../emulator/soql/parse-soql.js';
import {
  queryCursor,
  soqlId,
  soqlIdList,
  soqlName,
  soqlNames,
  soqlString,
  SoqlValueError,
} from '../../../src/salesforce/soql.js';
import { pageSoql } from '../../../src/sync/pull/page-query.js';

/** Strings an attacker (or a typo) could put in a name, an id or a text value. */
const INJECTIONS = [
  "' OR Name != '",
  "x' OR Id != null OR Name = 'x",
  "\\' OR Name != \\'",
  'abc\\',
  "O'Brien",
  "a'); DELETE FROM Account; --",
  'Id FROM User WHERE Id != null --',
  'Name, (SELECT Id FROM Contacts)',
  'Name\nFROM User',
  'line\r\nbreak\ttab',
  '"double" quotes',
  '%_ wildcard \\% \\_',
  'ＯＲ unicode ℮ \u0000 nul',
];

function whereOf(soql: string) {
  const query = parseSoql(soql);
  return query.where as unknown as { left: Record<string, unknown>; right?: unknown; operator?: string };
}

describe('soqlString', () => {
  it.each(INJECTIONS)('a text value stays one literal, equal to what was given: %j', (value) => {
    const where = whereOf(`SELECT Id FROM Account WHERE Name = ${soqlString(value)}`);
    expect(where.right).toBeUndefined();
    expect(where.left).toMatchObject({ field: 'Name', operator: '=', literalType: 'STRING' });
    expect(unquote(String(where.left['value']))).toBe(value);
  });
});

describe('soqlId and soqlIdList', () => {
  it('accepts 15- and 18-character ids', () => {
    expect(soqlId('001000000000001')).toBe("'001000000000001'");
    expect(soqlIdList(['001000000000001AAA', '001000000000002AAA'])).toBe(
      "('001000000000001AAA', '001000000000002AAA')",
    );
  });

  it.each([...INJECTIONS, "001000000000001AAA'", '001000000000001AAAX', '', '001-00000000001'])(
    'refuses anything else, before a query exists: %j',
    (value) => {
      expect(() => soqlId(value)).toThrow(SoqlValueError);
      expect(() => soqlIdList(['001000000000001AAA', value])).toThrow(/not a valid record id for a query/);
    },
  );

  it('refuses an empty list (IN () is not SOQL)', () => {
    expect(() => soqlIdList([])).toThrow(SoqlValueError);
  });
});

describe('soqlName', () => {
  it('accepts object, field, custom and relationship names', () => {
    expect(
      soqlNames(['Id', 'Pulse_Score__c', 'ns__Thing__c', 'UserRole.Name', 'Owner.UserRole.DeveloperName']),
    ).toBe('Id, Pulse_Score__c, ns__Thing__c, UserRole.Name, Owner.UserRole.DeveloperName');
  });

  it.each([...INJECTIONS, 'Name__', '_Name', 'Account.', '.Name', '1Name', 'Name Id', 'COUNT()', 'Name,Id'])(
    'refuses %j',
    (value) => {
      expect(() => soqlName(value)).toThrow(SoqlValueError);
    },
  );

  it('the error quotes the value, cut, so it cannot forge a log line', () => {
    expect(() => soqlName(`x\n${'y'.repeat(200)}`)).toThrow(/"x\\nyyy+"$/);
  });
});

describe('a pull page', () => {
  const page = {
    object: 'Account',
    fields: ['Id', 'Name'],
    to: new Date('2026-03-01T00:00:00Z'),
    pageSize: 2000,
  };

  it('resumes after a stored cursor id; a tampered one is refused', () => {
    const soql = pageSoql({
      ...page,
      cursor: { stamp: '2026-02-01T00:00:00.000+0000', id: '001000000000001AAA' },
    });
    expect(() => parseSoql(soql)).not.toThrow();
    expect(soql).toContain("Id > '001000000000001AAA'");
    expect(() =>
      pageSoql({ ...page, cursor: { stamp: '2026-02-01T00:00:00Z', id: "' OR Id != '" } }),
    ).toThrow(SoqlValueError);
  });

  it('a field or object name from configuration cannot widen the query', () => {
    expect(() => pageSoql({ ...page, fields: ['Id', 'Name FROM User --'], cursor: {} })).toThrow(
      SoqlValueError,
    );
    expect(() => pageSoql({ ...page, object: 'Account WHERE Id != null', cursor: {} })).toThrow(
      SoqlValueError,
    );
  });
});

describe('queryCursor', () => {
  it('accepts the cursor paths Salesforce returns, and bare locators', () => {
    for (const cursor of [
      '/services/data/v64.0/query/01gRO0000016PIAYA2-2000',
      '/services/data/v26.0/query/01gD',
      '01gRO0000016PIAYA2-500',
    ])
      expect(queryCursor(cursor)).toBe(cursor);
  });

  it.each([
    'https://evil.example/services/data/v64.0/query/01gRO0000016PIAYA2-2000',
    '//evil.example/services/data/v64.0/query/01g-1',
    'http://127.0.0.1:6379/',
    '/services/data/v64.0/query/../../../sobjects/Account',
    '/services/data/v64.0/sobjects/Account/001000000000001AAA',
    '/services/data/v64.0/query/01gRO0000016PIAYA2-2000?q=x',
    '/services/data/v64.0/query/01gRO0000016PIAYA2-2000@evil.example',
    '%2F%2Fevil.example',
  ])('refuses anything that could leave the instance: %j', (cursor) => {
    expect(() => queryCursor(cursor)).toThrow(SoqlValueError);
  });
});
