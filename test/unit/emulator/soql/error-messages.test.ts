/**
 * Salesforce's exact positioned message layout (excerpt, caret, row and column, text) for INVALID_FIELD,
 * INVALID_TYPE and MALFORMED_QUERY, including the real captured payload, subqueries and multi-line SOQL.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { SoqlError } from '../../../../emulator/soql/index.js';

import { createOrg, field, schema } from './fixture-org.js';
import { failure, NO_SUCH_COLUMN, summary } from './soql-failure.js';

describe('positioned messages, exactly', () => {
  it('matches the real INVALID_FIELD capture byte for byte', () => {
    const payloads = path.resolve(import.meta.dirname, '../../../../../shared/reference/salesforce-payloads');
    const [captured] = JSON.parse(
      readFileSync(path.join(payloads, 'error-soql-invalid-field-400.json'), 'utf8'),
    ) as {
      message: string;
      errorCode: string;
    }[];
    const audit = schema('Audit_Answer__c', 'a01', [
      field('Answer__c', 'string'),
      field('Audit_Question__c', 'string'),
    ]);
    const auditOrg = createOrg({ schemas: [audit], records: {} });
    const soql =
      'SELECT Id, Dispenser__c, Answer__c, Audit_Question__c FROM Audit_Answer__c WHERE Answer__c != null';
    const error = failure(soql, auditOrg);
    expect(error).toBeInstanceOf(SoqlError);
    expect({ message: error.message, errorCode: error.errorCode }).toEqual(captured);
  });

  it.each([
    [
      'SELECT Id, Foo FROM Account',
      'INVALID_FIELD',
      `\nSELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\n${NO_SUCH_COLUMN('Foo', 'Account')}`,
    ],
    [
      'SELECT Id FROM Account WHERE Bogus__c = 1',
      'INVALID_FIELD',
      `\nSELECT Id FROM Account WHERE Bogus__c = 1\n                             ^\nERROR at Row:1:Column:30\n${NO_SUCH_COLUMN('Bogus__c', 'Account')}`,
    ],
    [
      'SELECT Owner.Foo FROM Account',
      'INVALID_FIELD',
      `\nSELECT Owner.Foo FROM Account\n       ^\nERROR at Row:1:Column:8\n${NO_SUCH_COLUMN('Foo', 'User')}`,
    ],
    [
      'SELECT Id, Owner__r.Name FROM Account',
      'INVALID_FIELD',
      "\nSELECT Id, Owner__r.Name FROM Account\n           ^\nERROR at Row:1:Column:12\nDidn't understand relationship " +
        "'Owner__r' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' " +
        'after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.',
    ],
    [
      'SELECT Id FROM Missing__c',
      'INVALID_TYPE',
      "\nSELECT Id FROM Missing__c\n               ^\nERROR at Row:1:Column:16\nsObject type 'Missing__c' is not supported. " +
        "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please " +
        'reference your WSDL or the describe call for the appropriate names.',
    ],
    [
      'SELECT Id, (SELECT Id FROM Cases) FROM Account',
      'INVALID_TYPE',
      "\nSELECT Id, (SELECT Id FROM Cases) FROM Account\n                           ^\nERROR at Row:1:Column:28\nDidn't " +
        "understand relationship 'Cases' in FROM part of query call. If you are attempting to use a custom " +
        "relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL " +
        'or the describe call for the appropriate names.',
    ],
    [
      'SELECT Id, FROM Account',
      'MALFORMED_QUERY',
      "\nSELECT Id, FROM Account\n           ^\nERROR at Row:1:Column:12\nunexpected token: 'FROM'",
    ],
    [
      'SELECT Id FROM Account WHERE',
      'MALFORMED_QUERY',
      "\nSELECT Id FROM Account WHERE\n                            ^\nERROR at Row:1:Column:29\nunexpected token: '<EOF>'",
    ],
    [
      'SELECT Id FROM Account LIMIT 5 5',
      'MALFORMED_QUERY',
      "\nSELECT Id FROM Account LIMIT 5 5\n                               ^\nERROR at Row:1:Column:32\nunexpected token: '5'",
    ],
    [
      "SELECT Id FROM Account WHERE Name = 'a' AND Type = 'b' OR Id = null",
      'MALFORMED_QUERY',
      "\nWHERE Name = 'a' AND Type = 'b' OR Id = null\n                                ^\n" +
        "ERROR at Row:1:Column:56\nunexpected token: 'OR'",
    ],
    [
      'SELECT Id FROM Account GROUP BY Name',
      'MALFORMED_QUERY',
      '\nSELECT Id FROM Account GROUP BY Name\n                       ^\nERROR at Row:1:Column:24\n' +
        'GROUP BY is not supported by the Pulse emulator',
    ],
    [
      // A multi-line query shows the line of the token and its row.
      'SELECT Id,\n       Bogus__c\nFROM Account',
      'INVALID_FIELD',
      `\n       Bogus__c\n       ^\nERROR at Row:2:Column:8\n${NO_SUCH_COLUMN('Bogus__c', 'Account')}`,
    ],
    [
      // A long line is cut about 30 characters either side of the token, at token boundaries.
      'SELECT Id, Name, Type, AnnualRevenue, CurrencyIsoCode, OwnerId, Renewal_Date__c, Bogus__c, NumberOfEmployees, Risk_Flags__c FROM Account',
      'INVALID_FIELD',
      '\nCurrencyIsoCode, OwnerId, Renewal_Date__c, Bogus__c, NumberOfEmployees, Risk_Flags__c\n' +
        `${' '.repeat(43)}^\nERROR at Row:1:Column:82\n${NO_SUCH_COLUMN('Bogus__c', 'Account')}`,
    ],
  ])('%s', (soql, code, message) => {
    const error = failure(soql);
    expect(error.errorCode).toBe(code);
    expect(error.message).toBe(message);
  });
});

describe('errors inside subqueries and on other lines point at the right token', () => {
  it.each([
    [
      'SELECT Id, (SELECT Foo FROM Opportunities) FROM Account',
      'INVALID_FIELD',
      20,
      NO_SUCH_COLUMN('Foo', 'Opportunity'),
    ],
    [
      'SELECT Id, (SELECT Id FROM Opportunities ORDER BY Bogus) FROM Account ORDER BY Name',
      'INVALID_FIELD',
      51,
      NO_SUCH_COLUMN('Bogus', 'Opportunity'),
    ],
    [
      "SELECT Id, (SELECT Id FROM Opportunities WHERE Name = 5) FROM Account WHERE Name = 'x'",
      'INVALID_QUERY_FILTER_OPERATOR',
      55,
      "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
    ],
    ["SELECT Id FROM Account WHERE Name = 'FROM' FROM", 'MALFORMED_QUERY', 44, "unexpected token: 'FROM'"],
    [
      "SELECT Id FROM Account WHERE Name = 'a' AND (Type = 'b' OR Type = 'c' AND Id = null)",
      'MALFORMED_QUERY',
      71,
      "unexpected token: 'AND'",
    ],
  ])('%s', (soql, code, column, text) => {
    expect(summary(failure(soql))).toEqual([code, column, text]);
  });

  it('uses the row of the token with CRLF line ends', () => {
    const error = failure("SELECT Id\r\nFROM Account\r\nWHERE Nme = 'x'");
    expect(error.message).toBe(
      `\nWHERE Nme = 'x'\n      ^\nERROR at Row:3:Column:7\n${NO_SUCH_COLUMN('Nme', 'Account')}`,
    );
  });

  it('cuts a long line at whole tokens, quoted strings included', () => {
    const error = failure(
      "SELECT Id, (SELECT Id FROM Opportunities WHERE Name = 5) FROM Account WHERE Name = 'x'",
    );
    expect(error.message.split('\n').slice(1, 3)).toEqual([
      "FROM Opportunities WHERE Name = 5) FROM Account WHERE Name = 'x'",
      `${' '.repeat(32)}^`,
    ]);
  });
});
