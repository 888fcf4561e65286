/** Bulk API 2.0 CSV: cells as Salesforce writes them, every value quoted, uploads in any delimiter. */
import { describe, expect, it } from 'vitest';

import { cell, parseUpload, writeRows } from '../../../../emulator/bulk/csv-format.js';

describe('cells', () => {
  it('writes null empty, booleans and numbers as text, date-times in UTC with Z', () => {
    expect([null, true, false, 12.5, 'x', '2026-11-22T09:30:00.000+0000', '2026-11-22'].map(cell)).toEqual([
      '',
      'true',
      'false',
      '12.5',
      'x',
      '2026-11-22T09:30:00.000Z',
      '2026-11-22',
    ]);
  });
});

describe('rows', () => {
  it('quotes every value, doubles inner quotes, and ends lines as the job says', () => {
    expect(
      writeRows(
        [
          ['Id', 'Name'],
          ['001', 'Say "hi"'],
          ['002', ''],
        ],
        { columnDelimiter: 'COMMA', lineEnding: 'LF' },
      ),
    ).toBe('"Id","Name"\n"001","Say ""hi"""\n"002",""\n');
    expect(writeRows([['a', 'b']], { columnDelimiter: 'PIPE', lineEnding: 'CRLF' })).toBe('"a"|"b"\r\n');
  });
});

describe('uploads', () => {
  it('keeps the header line as sent and reads rows in the job delimiter', () => {
    const upload = parseUpload('\uFEFFId;Name\r\n001;"A; B"\r\n002;\r\n', {
      columnDelimiter: 'SEMICOLON',
      lineEnding: 'CRLF',
    });
    expect(upload.headerLine).toBe('Id;Name');
    expect(upload.header).toEqual(['Id', 'Name']);
    expect(upload.rows).toEqual([
      ['001', 'A; B'],
      ['002', ''],
    ]);
  });
});
