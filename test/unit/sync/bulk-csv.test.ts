/**
 * Bulk API 2.0 CSV both ways: the upload of an update job (values as Bulk reads them: `#N/A` to
 * clear, an empty cell to leave alone) and the result files, read against the reference payloads
 * (../shared/reference/salesforce-payloads/bulk2-*results*.csv).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';

import {
  csvCell,
  parseFailedResults,
  parseRecordError,
  parseSuccessfulResults,
  parseUnprocessedRecords,
  toUpdateCsv,
} from '../../../src/sync/write/bulk-csv.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');

const A = '001000000000001AAA';
const B = '001000000000002AAA';

describe('csvCell', () => {
  it.each([
    [null, '#N/A'],
    [undefined, '#N/A'],
    ['', '#N/A'],
    ['Green', 'Green'],
    ['Renewal At Risk;Open P1', 'Renewal At Risk;Open P1'],
    [true, 'true'],
    [false, 'false'],
    [42, '42'],
    [-3, '-3'],
    [0.5, '0.5'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [new Date('2026-11-22T09:30:00Z'), '2026-11-22T09:30:00.000Z'],
    ['2026-11-22T09:30:00.000Z', '2026-11-22T09:30:00.000Z'],
  ])('%j -> %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('refuses what no field can hold', () => {
    expect(() => csvCell(Number.NaN)).toThrow(TypeError);
    expect(() => csvCell({ a: 1 })).toThrow(TypeError);
  });
});

describe('toUpdateCsv', () => {
  it('writes Id then every changed field, LF line endings, quoting only where CSV needs it', () => {
    const csv = toUpdateCsv([
      { id: A, values: { Health_Score__c: 71, Health_Reasons__c: 'Open P1, "urgent"\nsecond line' } },
      { id: B, values: { Health_Score__c: null, Health_Status__c: 'Red' } },
    ]);
    expect(csv).toBe(
      [
        'Id,Health_Score__c,Health_Reasons__c,Health_Status__c',
        `${A},71,"Open P1, ""urgent""\nsecond line",`,
        `${B},#N/A,,Red`,
        '',
      ].join('\n'),
    );
    expect(csv).not.toContain('\r');
  });

  it('reads back to the same values (a change that leaves a field out gets an empty cell)', () => {
    const csv = toUpdateCsv([
      { id: A, values: { Health_Status__c: 'Green', Escalation_Status__c: 'None' } },
      { id: B, values: { Health_Status__c: 'Yellow' } },
    ]);
    expect(parse(csv, { columns: true })).toEqual([
      { Id: A, Health_Status__c: 'Green', Escalation_Status__c: 'None' },
      { Id: B, Health_Status__c: 'Yellow', Escalation_Status__c: '' },
    ]);
  });
});

describe('parseRecordError', () => {
  it('splits the reference value: code, message with its own colons, fields', () => {
    expect(parseRecordError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --')).toEqual({
      errorCode: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [Name]',
      fields: ['Name'],
    });
  });

  it('a record-level error has no fields', () => {
    expect(
      parseRecordError(
        'FIELD_CUSTOM_VALIDATION_EXCEPTION:Health fields are locked for strategic accounts:--',
      ),
    ).toEqual({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Health fields are locked for strategic accounts',
      fields: [],
    });
  });

  it('a message that names a field and a value keeps them', () => {
    expect(
      parseRecordError(
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Health_Status__c: bad value for restricted picklist field: Purple:Health_Status__c --',
      ),
    ).toEqual({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Health_Status__c: bad value for restricted picklist field: Purple',
      fields: ['Health_Status__c'],
    });
  });

  it('keeps what it cannot split as the message', () => {
    expect(parseRecordError('UNABLE_TO_LOCK_ROW:unable to obtain exclusive access')).toEqual({
      errorCode: 'UNABLE_TO_LOCK_ROW',
      message: 'unable to obtain exclusive access',
      fields: [],
    });
    expect(parseRecordError('something went wrong')).toEqual({
      errorCode: 'UNKNOWN',
      message: 'something went wrong',
      fields: [],
    });
  });
});

describe('result files', () => {
  it('bulk2-failed-results-example.CONSTRUCTED.csv: an empty sf__Id, the error split', () => {
    expect(parseFailedResults(payload('bulk2-failed-results-example.CONSTRUCTED.csv'))).toEqual([
      {
        sfId: '',
        uploadedId: undefined,
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Name]',
        fields: ['Name'],
      },
    ]);
  });

  it('the reference headers alone are no rows', () => {
    expect(parseSuccessfulResults(payload('bulk2-successful-results-header.csv'))).toEqual([]);
    expect(parseFailedResults(payload('bulk2-failed-results-header.csv'))).toEqual([]);
    expect(parseSuccessfulResults('')).toEqual([]);
  });

  it('successful rows: sf__Id, sf__Created as a boolean, the uploaded Id', () => {
    const csv = `"sf__Id","sf__Created",Id,Health_Score__c\n"${A}","false","${A.slice(0, 15)}","71"\n`;
    expect(parseSuccessfulResults(csv)).toEqual([{ sfId: A, created: false, uploadedId: A.slice(0, 15) }]);
  });

  it('unprocessed records: the uploaded columns only', () => {
    expect(parseUnprocessedRecords(`Id,Health_Score__c\n"${A}","71"\n"${B}","#N/A"\n`)).toEqual([
      { uploadedId: A },
      { uploadedId: B },
    ]);
  });

  it('a file without Salesforce’s columns is not mistaken for results', () => {
    expect(() => parseSuccessfulResults(`Id,Name\n${A},x\n`)).toThrow(/sf__Id/);
  });
});
