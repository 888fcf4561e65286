/**
 * Values that go into a SOQL string, made safe there: names (objects, fields, relationship paths)
 * and ids are checked against what Salesforce allows, and text literals are escaped as SOQL's
 * grammar says (backslash escapes inside single quotes). Every query Pulse builds from a value it
 * did not write itself (configuration, Redis, a stored call, an answer) goes through these, so no
 * value can change what a query means. A bad value throws SoqlValueError (a `data` error) before
 * anything is sent.
 */
import { AppError } from '../errors/app-error.js';

export class SoqlValueError extends AppError {
  constructor(kind: string, value: string) {
    // The value is cut and shown quoted (JSON), so a log line cannot be forged through it.
    super('soql_value', `not a valid ${kind} for a query: ${JSON.stringify(value.slice(0, 80))}`, {
      errorClass: 'data',
    });
  }
}

/** `Account`, `Pulse_Score__c`, `ns__Thing__c`, `UserRole.Name`, `Owner.UserRole.DeveloperName`. */
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}(\.[A-Za-z][A-Za-z0-9_]{0,79}){0,4}$/;
/** 15 or 18 characters, letters and digits only. */
const ID = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;

/** An object or field API name, or a relationship path of them, as written in SELECT / FROM. */
export function soqlName(name: string): string {
  // `__` only before a suffix, and no trailing `_`: Salesforce refuses the rest anyway.
  if (!NAME.test(name) || /_$/.test(name) || /(^|\.)_/.test(name)) throw new SoqlValueError('name', name);
  return name;
}

export const soqlNames = (names: readonly string[]): string => names.map(soqlName).join(', ');

export function isSalesforceId(value: string): boolean {
  return ID.test(value);
}

/** A record id as a quoted literal: `'001…'`. */
export function soqlId(id: string): string {
  if (!ID.test(id)) throw new SoqlValueError('record id', id);
  return `'${id}'`;
}

/** `('001…', '001…')` for `IN`; at least one id. */
export function soqlIdList(ids: readonly string[]): string {
  if (ids.length === 0) throw new SoqlValueError('id list', '');
  return `(${ids.map(soqlId).join(', ')})`;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  "'": "\\'",
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A text literal in single quotes, escaped (SOQL has no other quoting; `%` and `_` only matter in LIKE). */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (char) => ESCAPES[char] ?? char)}'`;
}

/** `/services/data/v64.0/query/01gRO0000016PIAYA2-2000`, or the bare locator. */
const QUERY_CURSOR = /^(\/services\/data\/v\d{1,3}\.\d\/query\/)?[A-Za-z0-9]{3,40}(-\d{1,9})?$/;

/**
 * A `nextRecordsUrl` to follow: a cursor path under the org's own instance and nothing else. It
 * can come back from Redis (a resumed pull). jsforce 3 keeps only the locator of what it is given,
 * so today nothing else would be sent anyway; this check keeps it so whatever jsforce does next.
 */
export function queryCursor(nextRecordsUrl: string): string {
  if (!QUERY_CURSOR.test(nextRecordsUrl)) throw new SoqlValueError('query cursor', nextRecordsUrl);
  return nextRecordsUrl;
}
