/**
 * What a recorded call is about, read from its own path and bodies: the sObject, each record's
 * error in a composite or Bulk answer, Salesforce's error ids. Pure and forgiving: a body that is
 * not what it should be yields no facts, never an exception.
 */
import type { CallRecord } from '../../salesforce/transport/call-record.js';
import type { RecordError, StoredCall } from './stored-call.js';

const SOBJECT_PATH = /\/services\/data\/v[\d.]+\/sobjects\/(\w+)/;
/** A collection's first record's type, also in a body cut short by the recorder's size bound. */
const ATTRIBUTES_TYPE = /"attributes"\s*:\s*\{\s*"type"\s*:\s*"(\w+)"/;
const FROM = /\bFROM\s+(\w+)/i;

function parse(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function decodedQuery(query: string): string {
  try {
    return decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    return query;
  }
}

export function sObjectOf(call: Pick<CallRecord, 'path' | 'query' | 'requestBody'>): string | undefined {
  const direct = SOBJECT_PATH.exec(call.path)?.[1];
  if (direct) return direct;
  const fromQuery = FROM.exec(decodedQuery(call.query))?.[1];
  if (fromQuery) return fromQuery;
  const body = parse(call.requestBody);
  if (!isObject(body)) return ATTRIBUTES_TYPE.exec(call.requestBody ?? '')?.[1];
  // A Bulk API 2.0 job names its object, or its query does.
  if (typeof body['object'] === 'string') return body['object'];
  if (typeof body['query'] === 'string') return FROM.exec(body['query'])?.[1];
  const records = body['records'];
  if (Array.isArray(records) && isObject(records[0]) && isObject(records[0]['attributes'])) {
    const type = records[0]['attributes']['type'];
    return typeof type === 'string' ? type : undefined;
  }
  return undefined;
}

/** `[{id, success, errors: [{statusCode, message, fields}]}]`, as sObject Collections answer. */
export function recordErrorsOf(call: Pick<CallRecord, 'requestBody' | 'responseBody'>): RecordError[] {
  const answer = parse(call.responseBody);
  if (!Array.isArray(answer)) return [];
  const request = parse(call.requestBody);
  const sent =
    isObject(request) && Array.isArray(request['records']) ? (request['records'] as unknown[]) : [];
  const out: RecordError[] = [];
  answer.forEach((entry, index) => {
    if (!isObject(entry) || entry['success'] !== false || !Array.isArray(entry['errors'])) return;
    const [first] = entry['errors'] as unknown[];
    if (!isObject(first)) return;
    const sentRecord = sent[index];
    const id =
      typeof entry['id'] === 'string'
        ? entry['id']
        : isObject(sentRecord) && typeof (sentRecord['Id'] ?? sentRecord['id']) === 'string'
          ? String(sentRecord['Id'] ?? sentRecord['id'])
          : undefined;
    out.push({
      index,
      ...(id ? { id } : {}),
      errorCode: text(first['statusCode']) ?? text(first['errorCode']) ?? 'UNKNOWN',
      message: text(first['message']) ?? '',
      ...(Array.isArray(first['fields']) ? { fields: (first['fields'] as unknown[]).map(String) } : {}),
    });
  });
  return out;
}

/** Error ids Salesforce puts in error answers (`errorId`; the `id` of a Bulk/Apex error entry). */
export function sfErrorIdsOf(call: Pick<CallRecord, 'responseBody'>): string[] {
  const ids = new Set<string>();
  const visit = (value: unknown, depth: number): void => {
    if (depth > 4) return;
    if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (isObject(value)) {
      if (typeof value['errorId'] === 'string') ids.add(value['errorId']);
      for (const item of Object.values(value)) if (typeof item === 'object') visit(item, depth + 1);
    }
  };
  visit(parse(call.responseBody), 0);
  return [...ids];
}

export function isFailed(call: CallRecord): boolean {
  return call.status === undefined || call.status >= 400 || (call.errorCodes?.length ?? 0) > 0;
}

/**
 * A successful call's answer is kept to this many characters (a failed call's as the recorder kept
 * it, up to 64 KiB): a TAM reads the start of a query page or a describe, never all 2,000 records,
 * and the answers of successful calls would otherwise be most of the store's bytes.
 */
const SUCCESS_ANSWER_CHARS = 8 * 1024;
/** The recorder's note on a body it cut (recording-transport.ts), which replay and playbooks read. */
const CUT_NOTE = /…\[cut: (\d+) more characters\]$/;

function shortened(body: string | undefined): string | undefined {
  if (body === undefined || body.length <= SUCCESS_ANSWER_CHARS) return body;
  const alreadyCut = Number(CUT_NOTE.exec(body)?.[1] ?? 0);
  const whole = body.replace(CUT_NOTE, '').length + alreadyCut;
  return `${body.slice(0, SUCCESS_ANSWER_CHARS)}…[cut: ${whole - SUCCESS_ANSWER_CHARS} more characters]`;
}

export function toStoredCall(call: CallRecord): StoredCall {
  const sObject = sObjectOf(call);
  const recordErrors = recordErrorsOf(call);
  const sfErrorIds = sfErrorIdsOf(call);
  const failed = isFailed(call);
  const responseBody = failed ? call.responseBody : shortened(call.responseBody);
  return {
    ...call,
    ...(responseBody === undefined ? {} : { responseBody }),
    ...(sObject ? { sObject } : {}),
    failed,
    ...(recordErrors.length > 0 ? { recordErrors } : {}),
    ...(sfErrorIds.length > 0 ? { sfErrorIds } : {}),
  };
}
