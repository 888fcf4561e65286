/** What the store reads from a call: its sObject, its records' errors, Salesforce's error ids, failure. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  isFailed,
  recordErrorsOf,
  sfErrorIdsOf,
  sObjectOf,
  toStoredCall,
} from '../../../src/diagnostics/call-store/call-facts.js';
import { signCall, verifyCall } from '../../../src/diagnostics/call-store/call-signature.js';
import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import { callRecord } from '../../support/call-record.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');

describe('sObjectOf', () => {
  it('reads the path, the query, a Bulk job and a collection’s records', () => {
    expect(sObjectOf({ path: '/services/data/v64.0/sobjects/Case/describe', query: '' })).toBe('Case');
    expect(
      sObjectOf({ path: '/services/data/v64.0/query', query: '?q=SELECT+Id+FROM+Opportunity+WHERE+x' }),
    ).toBe('Opportunity');
    expect(
      sObjectOf({ path: '/services/data/v64.0/jobs/ingest', query: '', requestBody: '{"object":"Account"}' }),
    ).toBe('Account');
    const collection = payload('composite-sobjects-update-success.request.json');
    expect(
      sObjectOf({ path: '/services/data/v64.0/composite/sobjects', query: '', requestBody: collection }),
    ).toBe(
      (JSON.parse(collection) as { records: { attributes: { type: string } }[] }).records[0]?.attributes.type,
    );
    // A body cut by the recorder's size bound still names its type.
    const cut = `{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"Id":"001`;
    expect(sObjectOf({ path: '/services/data/v64.0/composite/sobjects', query: '', requestBody: cut })).toBe(
      'Account',
    );
  });
});

describe('recordErrorsOf', () => {
  it('lists each refused record of a collection with its index, id, code, message and fields', () => {
    const requestBody = JSON.stringify({
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, id: '001000000000001AAA' },
        { attributes: { type: 'Account' }, id: '001000000000002AAA' },
      ],
    });
    const responseBody = JSON.stringify([
      { id: '001000000000001AAA', success: true, errors: [] },
      {
        id: null,
        success: false,
        errors: [
          {
            statusCode: 'STRING_TOO_LONG',
            message: 'Health Reasons: data value too large',
            fields: ['Health_Reasons__c'],
          },
        ],
      },
    ]);
    expect(recordErrorsOf({ requestBody, responseBody })).toEqual([
      {
        index: 1,
        id: '001000000000002AAA',
        errorCode: 'STRING_TOO_LONG',
        message: 'Health Reasons: data value too large',
        fields: ['Health_Reasons__c'],
      },
    ]);
    expect(recordErrorsOf({ responseBody: 'not json' })).toEqual([]);
  });
});

describe('sfErrorIdsOf and isFailed', () => {
  it('keeps Salesforce’s error ids; a 4xx, a network error or any error code is a failure', () => {
    expect(
      sfErrorIdsOf({
        responseBody: '[{"message":"x","errorCode":"UNKNOWN_EXCEPTION","errorId":"1234-5678"}]',
      }),
    ).toEqual(['1234-5678']);
    const base = {
      id: 'c',
      orgId: 'o',
      attempt: 1,
      kind: 'api',
      startedAt: '',
      durationMs: 1,
      method: 'GET',
      origin: '',
      path: '/',
      query: '',
      requestHeaders: {},
    } as const;
    expect(isFailed({ ...base, status: 200 })).toBe(false);
    expect(isFailed({ ...base, status: 200, errorCodes: ['UNABLE_TO_LOCK_ROW'] })).toBe(true);
    expect(isFailed({ ...base, status: 503 })).toBe(true);
    expect(isFailed(base)).toBe(true);
  });
});

describe('call signatures', () => {
  it('hold for the call as stored and fail for any change', () => {
    const call = {
      id: 'c1',
      orgId: 'acme',
      attempt: 1,
      kind: 'api',
      startedAt: '2026-11-22T00:00:00.000Z',
      durationMs: 5,
      method: 'GET',
      origin: 'https://acme.my.salesforce.com',
      path: '/services/data/v64.0/limits',
      query: '',
      requestHeaders: { Authorization: '[REDACTED]' },
      failed: false,
    } satisfies StoredCall;
    const key = 'k'.repeat(32);
    const signed = JSON.parse(JSON.stringify(signCall(call, key))) as ReturnType<typeof signCall>;
    expect(verifyCall(signed, key)).toBe(true);
    expect(verifyCall(signed, 'x'.repeat(32))).toBe(false);
    expect(verifyCall({ ...signed, call: { ...signed.call, origin: 'https://evil.example.com' } }, key)).toBe(
      false,
    );
    expect(verifyCall({ ...signed, signature: 'zz' }, key)).toBe(false);
  });
});

describe('toStoredCall', () => {
  const page = JSON.stringify({
    totalSize: 2000,
    done: true,
    records: Array.from({ length: 4000 }, (_, i) => ({ Id: `001${String(i).padStart(15, '0')}` })),
  });

  it('keeps the start of a successful answer, saying how much more there was', () => {
    const stored = toStoredCall(callRecord({ responseBody: page }));
    expect(stored.failed).toBe(false);
    expect(stored.responseBody?.startsWith(page.slice(0, 8192))).toBe(true);
    expect(stored.responseBody).toMatch(new RegExp(`…\\[cut: ${page.length - 8192} more characters\\]$`));
    // An answer the recorder already cut: the note counts from the whole answer.
    const recorded = `${page.slice(0, 65_536)}…[cut: ${page.length - 65_536} more characters]`;
    expect(toStoredCall(callRecord({ responseBody: recorded })).responseBody).toBe(stored.responseBody);
  });

  it('keeps a failed answer as the recorder kept it, and a short answer whole', () => {
    const refused = JSON.stringify(
      Array.from({ length: 200 }, () => ({
        success: false,
        errors: [
          { statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' },
        ],
      })),
    );
    const failed = callRecord({ status: 200, errorCodes: ['UNABLE_TO_LOCK_ROW'], responseBody: refused });
    expect(toStoredCall(failed).responseBody).toBe(refused);
    const small = callRecord({});
    expect(toStoredCall(small).responseBody).toBe(small.responseBody);
  });
});
