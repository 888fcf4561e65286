/**
 * Bulk API 2.0 CSV, both ways, as pure functions: the upload of an update job (`Id` then the
 * changed fields) and the three result files Salesforce writes back. Values follow Bulk's rules,
 * not REST's: an empty cell leaves a field unchanged, `#N/A` clears it.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

import type { AccountChange } from './write-accounts.js';

/** How a Bulk upload says "set this field to null" (an empty cell means "leave it"). */
export const NULL_CELL = '#N/A';

/** Numbers without exponent notation (`1e-7` is not a number to Salesforce's CSV reader). */
function plainNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} to Salesforce`);
  const text = String(value);
  return /e/i.test(text)
    ? value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 })
    : text;
}

/** One value as a Bulk CSV cell. */
export function csvCell(value: unknown): string {
  // REST stores an empty string as null; in a Bulk cell it would mean "unchanged" instead.
  if (value === null || value === undefined || value === '') return NULL_CELL;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return plainNumber(value);
  if (value instanceof Date) return value.toISOString();
  throw new TypeError(`cannot write a ${typeof value} to a Salesforce field`);
}

/**
 * The upload of an update job: `Id`, then every field any change sets (first seen first). A change
 * that does not set a field gets an empty cell there, which Salesforce leaves as it is.
 */
export function toUpdateCsv(changes: readonly AccountChange[]): string {
  const fields = [...new Set(changes.flatMap((change) => Object.keys(change.values)))].filter(
    (field) => field.toLowerCase() !== 'id',
  );
  const rows = changes.map((change) => [
    change.id,
    ...fields.map((field) => (field in change.values ? csvCell(change.values[field]) : '')),
  ]);
  return stringify([['Id', ...fields], ...rows], { record_delimiter: 'unix' });
}

export interface RecordError {
  readonly errorCode: string;
  readonly message: string;
  readonly fields: readonly string[];
}

/** `sf__Error`: `STATUS_CODE:message:fields --`; the message may hold colons itself. */
export function parseRecordError(text: string): RecordError {
  const full = /^([A-Za-z0-9_]+):([\s\S]*):([^:]*?)\s*--\s*$/.exec(text);
  if (full?.[1] !== undefined) {
    const fields = (full[3] ?? '').split(/[,\s]+/).filter((field) => field !== '');
    return { errorCode: full[1], message: full[2] ?? '', fields };
  }
  const coded = /^([A-Z][A-Z0-9_]+):([\s\S]*)$/.exec(text);
  if (coded?.[1] !== undefined) return { errorCode: coded[1], message: coded[2] ?? '', fields: [] };
  return { errorCode: 'UNKNOWN', message: text, fields: [] };
}

type Row = Readonly<Record<string, string>>;

function rowsOf(csv: string, required: readonly string[]): Row[] {
  const rows: Row[] = parse(csv, { columns: true, bom: true, skip_empty_lines: true });
  const [first] = rows;
  const missing = first && required.find((column) => !(column in first));
  if (missing) throw new Error(`Bulk result CSV has no ${missing} column`);
  return rows;
}

/** The `Id` the row was uploaded with, echoed after Salesforce's columns. */
const uploadedId = (row: Row): string | undefined => row['Id'] || undefined;

export interface SuccessfulRow {
  /** The record Salesforce wrote (18 characters). */
  readonly sfId: string;
  readonly created: boolean;
  readonly uploadedId: string | undefined;
}

export function parseSuccessfulResults(csv: string): SuccessfulRow[] {
  return rowsOf(csv, ['sf__Id', 'sf__Created']).map((row) => ({
    sfId: row['sf__Id'] ?? '',
    created: row['sf__Created'] === 'true',
    uploadedId: uploadedId(row),
  }));
}

export interface FailedRow extends RecordError {
  /** Empty when the row named no valid record. */
  readonly sfId: string;
  readonly uploadedId: string | undefined;
}

export function parseFailedResults(csv: string): FailedRow[] {
  return rowsOf(csv, ['sf__Id', 'sf__Error']).map((row) => ({
    sfId: row['sf__Id'] ?? '',
    uploadedId: uploadedId(row),
    ...parseRecordError(row['sf__Error'] ?? ''),
  }));
}

/** Unprocessed records carry only the uploaded columns. */
export function parseUnprocessedRecords(csv: string): { readonly uploadedId: string | undefined }[] {
  return rowsOf(csv, []).map((row) => ({ uploadedId: uploadedId(row) }));
}
