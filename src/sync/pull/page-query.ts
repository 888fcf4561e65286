/**
 * The SOQL of one pull page: a window `SystemModstamp >= from AND < to`, resumed after the last
 * (SystemModstamp, Id) seen, ordered by both. No query locator is needed to resume, so a killed
 * worker or an expired locator costs one page, never a record.
 */
import { soqlId, soqlName, soqlNames } from '../../salesforce/soql.js';

export interface PageCursor {
  /** The last record's SystemModstamp, as Salesforce wrote it; absent before the first page. */
  readonly stamp?: string;
  readonly id?: string;
}

export interface PageQuery {
  readonly object: string;
  readonly fields: readonly string[];
  /** Inclusive start; absent for a full pull. */
  readonly from?: Date;
  /** Exclusive end: the server's time less the commit lag. */
  readonly to: Date;
  readonly cursor: PageCursor;
  readonly pageSize: number;
}

/** A SOQL datetime literal: UTC, seconds, milliseconds only when there are some. */
export function soqlDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : value;
  return date.toISOString().replace('.000Z', 'Z');
}

export function pageSoql(query: PageQuery): string {
  const conditions = [`SystemModstamp < ${soqlDateTime(query.to)}`];
  if (query.from) conditions.unshift(`SystemModstamp >= ${soqlDateTime(query.from)}`);
  const { stamp, id } = query.cursor;
  if (stamp !== undefined && id !== undefined) {
    const at = soqlDateTime(stamp);
    conditions.push(`(SystemModstamp > ${at} OR (SystemModstamp = ${at} AND Id > ${soqlId(id)}))`);
  }
  return `SELECT ${soqlNames(query.fields)} FROM ${soqlName(query.object)} WHERE ${conditions.join(' AND ')} ORDER BY SystemModstamp, Id LIMIT ${query.pageSize}`;
}
