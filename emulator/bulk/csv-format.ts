/**
 * CSV as Bulk API 2.0 reads and writes it: the job's column delimiter and line ending, every value
 * quoted on the way out, `#N/A` for null on the way in, date-times in UTC with `Z`.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

import type { WireValue } from '../org/types.js';

export const COLUMN_DELIMITERS = {
  BACKQUOTE: '`',
  CARET: '^',
  COMMA: ',',
  PIPE: '|',
  SEMICOLON: ';',
  TAB: '\t',
} as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;
export type LineEnding = 'LF' | 'CRLF';

export const isColumnDelimiter = (value: unknown): value is ColumnDelimiter =>
  typeof value === 'string' && Object.hasOwn(COLUMN_DELIMITERS, value);

/** How an upload says "set this field to null". */
export const NULL_VALUE = '#N/A';

export interface CsvFormat {
  readonly columnDelimiter: ColumnDelimiter;
  readonly lineEnding: LineEnding;
}

const WIRE_DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})\+0000$/;

/** A stored value as a CSV cell: null empty, booleans `true`/`false`, date-times `...000Z`. */
export function cell(value: WireValue): string {
  if (value === null) return '';
  if (typeof value === 'string') {
    const match = WIRE_DATETIME.exec(value);
    return match?.[1] ? `${match[1]}Z` : value;
  }
  return String(value);
}

/** Rows as CSV, every value quoted (as Salesforce writes results). */
export function writeRows(rows: readonly (readonly string[])[], format: CsvFormat): string {
  return stringify(rows as string[][], {
    delimiter: COLUMN_DELIMITERS[format.columnDelimiter],
    record_delimiter: format.lineEnding === 'CRLF' ? '\r\n' : '\n',
    quoted: true,
    quoted_empty: true,
  });
}

export interface ParsedUpload {
  /** The header line as the client sent it (results echo it). */
  readonly headerLine: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** @throws Error with csv-parse's message when the CSV is malformed */
export function parseUpload(text: string, format: CsvFormat): ParsedUpload {
  const rows: string[][] = parse(text, {
    delimiter: COLUMN_DELIMITERS[format.columnDelimiter],
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
  });
  const [header = [], ...data] = rows;
  const headerLine = /^[^\r\n]*/.exec(text.replace(/^\uFEFF/, ''))?.[0] ?? '';
  return { headerLine, header: header.map((name) => name.trim()), rows: data };
}
