/**
 * Writes are checked and stored the way Salesforce stores them. Expected values are worked out by
 * hand from each field's describe (Health_Score__c is Number(3,0), Usage_Trend__c Percent(5,2)...).
 */
import { describe, expect, it } from 'vitest';

import { prepareWrite } from '../../../../emulator/rest/prepare-write.js';
import { buildOrgSchemas } from '../../../../emulator/schema/index.js';

const schemas = buildOrgSchemas({ readOnlyFields: ['Account.Health_Reasons__c'] });
const account = schemas.get('Account')!;

const stored = (body: Record<string, unknown>) => {
  const result = prepareWrite(account, body, 'update');
  if ('errors' in result) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.values;
};
const refused = (body: Record<string, unknown>, mode: 'create' | 'update' = 'update') => {
  const result = prepareWrite(account, body, mode);
  if (!('errors' in result)) throw new Error('expected the write to be refused');
  return result.errors[0];
};

describe('values as Salesforce stores them', () => {
  it.each([
    // Number(3,0): rounded half up to no decimals.
    [{ Health_Score__c: 71.5 }, { Health_Score__c: 72 }],
    [{ Health_Score__c: 71.49 }, { Health_Score__c: 71 }],
    [{ Health_Score__c: -12.5 }, { Health_Score__c: -13 }],
    [{ Health_Score__c: '64' }, { Health_Score__c: 64 }],
    // Percent(5,2): two decimals kept, the third rounds.
    [{ Usage_Trend__c: -12.345 }, { Usage_Trend__c: -12.35 }],
    // Multi-select: deduplicated, in the picklist's order (Renewal At Risk comes before Open P1).
    [{ Risk_Flags__c: 'Open P1;Renewal At Risk;Open P1' }, { Risk_Flags__c: 'Renewal At Risk;Open P1' }],
    [{ Risk_Flags__c: '' }, { Risk_Flags__c: null }],
    // Date-times normalised to UTC with milliseconds and +0000.
    [
      { Health_Updated_At__c: '2026-11-22T10:30:00+01:00' },
      { Health_Updated_At__c: '2026-11-22T09:30:00.000+0000' },
    ],
    [{ Health_Status__c: 'Red' }, { Health_Status__c: 'Red' }],
    [{ Health_Score__c: null }, { Health_Score__c: null }],
  ])('stores %j as %j', (body, expected) => {
    expect(stored(body)).toEqual(expected);
  });

  it('ignores the envelope keys clients send (attributes, id)', () => {
    expect(
      stored({ attributes: { type: 'Account' }, id: '001000000000000AAA', Health_Status__c: 'Green' }),
    ).toEqual({
      Health_Status__c: 'Green',
    });
  });
});

describe('records refused with Salesforce’s codes and messages', () => {
  it.each([
    [
      { Health_Score__c: 1000 },
      'NUMBER_OUTSIDE_VALID_RANGE',
      'Health_Score__c: value outside of valid range on numeric field: 1000',
    ],
    [
      { Health_Status__c: 'Purple' },
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'Health_Status__c: bad value for restricted picklist field: Purple',
    ],
    [
      { Risk_Flags__c: 'Open P1;Bogus' },
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'Risk_Flags__c: bad value for restricted picklist field: Bogus',
    ],
    [
      { Name: 'x'.repeat(256) },
      'STRING_TOO_LONG',
      `Name: data value too large: ${'x'.repeat(256)} (max length=255)`,
    ],
    [
      { Health_Reasons__c: 'read-only for this user', SystemModstamp: '2026-01-01T00:00:00Z' },
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      'Unable to create/update fields: Health_Reasons__c, SystemModstamp. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
    ],
    [{ Name: null }, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]'],
    [{ ParentId: '001bad' }, 'MALFORMED_ID', 'Parent Account ID: id value of incorrect type: 001bad'],
  ])('%j -> %s', (body, statusCode, message) => {
    expect(refused(body)).toMatchObject({ statusCode, message });
  });

  it('refuses a create without the required Name', () => {
    expect(refused({ Type: 'Customer - Direct' }, 'create')).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['Name'],
    });
  });
});

describe('requests refused whole', () => {
  it('an unknown field is INVALID_FIELD for the whole request', () => {
    expect(() => prepareWrite(account, { Bogus__c: 1 }, 'update')).toThrow(
      expect.objectContaining({
        status: 400,
        errorCode: 'INVALID_FIELD',
        message: "No such column 'Bogus__c' on sobject of type Account",
      }),
    );
  });

  it('a value of the wrong JSON kind is JSON_PARSER_ERROR, as the deserialiser answers', () => {
    expect(() => prepareWrite(account, { Health_Score__c: 'high' }, 'update')).toThrow(
      expect.objectContaining({ status: 400, errorCode: 'JSON_PARSER_ERROR' }),
    );
  });
});
