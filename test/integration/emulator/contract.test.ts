/**
 * Contract tests: for each reference payload this part of the emulator covers
 * (../shared/reference/salesforce-payloads), the emulator's answer to the matching request has the
 * same shape — keys, types, nesting — and the headers Salesforce sends.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { shapeDifferences } from '../../support/json-shape.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const reference = (name: string): unknown => JSON.parse(readFileSync(path.join(PAYLOADS, name), 'utf8'));

let emulator: RunningEmulator;
let token: string;
const api = (rest: string): string => `${emulator.url}/services/data/v64.0${rest}`;

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

async function tokenCall(form: Record<string, string>) {
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const passwordGrant = () => ({
  grant_type: 'password',
  client_id: emulator.credentials.clientId,
  client_secret: emulator.credentials.clientSecret,
  username: emulator.credentials.username,
  password: emulator.credentials.password,
});

/** A query page's shape: the envelope and each record's `attributes` (the reference's own fields are another object's). */
function pageShapeDifferences(referenceFile: string, actual: unknown): string[] {
  const { records: refRecords, ...refTop } = reference(referenceFile) as {
    records: { attributes: unknown }[];
  };
  const { records, ...top } = actual as { records: { attributes: unknown }[] };
  return [
    ...shapeDifferences(refTop, top),
    ...records.flatMap((record) => shapeDifferences(refRecords[0]?.attributes, record.attributes)),
  ];
}

const accountIds = async (count: number): Promise<string[]> => {
  const { body } = await call(
    'GET',
    api(`/query?q=${encodeURIComponent(`SELECT Id FROM Account ORDER BY Id LIMIT ${count}`)}`),
  );
  return (body as { records: { Id: string }[] }).records.map((record) => record.Id);
};

beforeAll(async () => {
  emulator = await startEmulator({ accounts: 250 });
  token = String((await tokenCall(passwordGrant())).body['access_token']);
});
afterAll(async () => {
  await emulator.close();
});

describe('OAuth payloads', () => {
  it('oauth-token-success.json: the password grant', async () => {
    const { status, body } = await tokenCall(passwordGrant());
    expect(status).toBe(200);
    expect(shapeDifferences(reference('oauth-token-success.json'), body)).toEqual([]);
    expect(body['issued_at']).toMatch(/^\d{13}$/);
    expect(body['id']).toBe(`${emulator.url}/id/${emulator.state.orgId}/${emulator.state.apiUserId}`);
  });

  it('oauth-refresh-token-success.json: the refresh grant', async () => {
    const { status, body } = await tokenCall({
      grant_type: 'refresh_token',
      client_id: emulator.credentials.clientId,
      refresh_token: emulator.credentials.refreshToken,
    });
    expect(status).toBe(200);
    expect(shapeDifferences(reference('oauth-refresh-token-success.json'), body)).toEqual([]);
  });

  it.each([
    ['oauth-error-invalid-grant-password.json', { ...{ password: 'wrong' } }],
    [
      'oauth-error-invalid-grant-expired-refresh-token.json',
      { grant_type: 'refresh_token', refresh_token: 'revoked' },
    ],
  ])('%s: a refused grant answers 400 with {error, error_description}', async (file, overrides) => {
    const { status, body } = await tokenCall({ ...passwordGrant(), ...overrides });
    expect(status).toBe(400);
    expect(shapeDifferences(reference(file), body)).toEqual([]);
    expect(body['error']).toBe('invalid_grant');
  });
});

describe('error payloads', () => {
  it('error-invalid-session-401.json', async () => {
    const response = await fetch(api('/limits'), { headers: { authorization: 'Bearer 00Dnotatoken' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(reference('error-invalid-session-401.json'));
  });

  it('error-request-limit-exceeded-403.json', async () => {
    const used = emulator.state.usage.used;
    emulator.state.usage.setUsed(emulator.state.usage.max);
    try {
      const { status, body, headers } = await call('GET', api('/limits'));
      expect(status).toBe(403);
      expect(body).toEqual(reference('error-request-limit-exceeded-403.json'));
      expect(headers.get('sforce-limit-info')).toBe(
        `api-usage=${emulator.state.usage.max}/${emulator.state.usage.max}`,
      );
    } finally {
      emulator.state.usage.setUsed(used);
    }
  });

  it('error-not-found-404.json', async () => {
    const { status, body } = await call('GET', api('/sobjects/Whizbang__c/describe'));
    expect(status).toBe(404);
    expect(body).toEqual(reference('error-not-found-404.json'));
  });

  it('error-invalid-field-on-write-400.json', async () => {
    const [id] = await accountIds(1);
    const { status, body } = await call('PATCH', api(`/sobjects/Account/${id!}`), { foo: 1 });
    expect(status).toBe(400);
    expect(shapeDifferences(reference('error-invalid-field-on-write-400.json'), body)).toEqual([]);
    expect(body).toEqual([
      { message: "No such column 'foo' on sobject of type Account", errorCode: 'INVALID_FIELD' },
    ]);
  });

  it('error-malformed-id-400.json', async () => {
    const { status, body } = await call('GET', api('/sobjects/Account/001900K0001pPuOAAU'));
    expect(status).toBe(400);
    expect(body).toEqual(reference('error-malformed-id-400.json'));
  });

  it('error-soql-invalid-field-400.json and headers-captured-400-invalid-field.json', async () => {
    const soql = 'SELECT Id, Dispenser__c, Name FROM Account';
    const { status, body, headers } = await call('GET', api(`/query?q=${encodeURIComponent(soql)}`));
    expect(status).toBe(400);
    expect(shapeDifferences(reference('error-soql-invalid-field-400.json'), body)).toEqual([]);
    expect((body as { message: string }[])[0]?.message).toBe(
      "\nSELECT Id, Dispenser__c, Name FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Dispenser__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    );
    const captured = reference('headers-captured-400-invalid-field.json') as {
      headers: Record<string, string>;
    };
    for (const name of Object.keys(captured.headers)) expect(headers.has(name), name).toBe(true);
    expect(headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);
  });
});

describe('query payloads', () => {
  it('query-response-with-next.json and query-response-last-page.json', async () => {
    const soql = encodeURIComponent('SELECT Id, Name FROM Account ORDER BY Id');
    const first = await call('GET', api(`/query?q=${soql}`), undefined, {
      'Sforce-Query-Options': 'batchSize=200',
    });
    const firstBody = first.body as { totalSize: number; nextRecordsUrl: string };
    expect(firstBody.totalSize).toBeGreaterThan(200);
    expect(pageShapeDifferences('query-response-with-next.json', first.body)).toEqual([]);
    expect(firstBody.nextRecordsUrl).toMatch(/^\/services\/data\/v64\.0\/query\/01g[A-Za-z0-9]+-200$/);
    let next: { done: boolean; nextRecordsUrl?: string; totalSize: number } = firstBody as never;
    let last: unknown;
    while (next.nextRecordsUrl) {
      // Clients rebuild the URL with their own API version (jsforce does): any version works.
      const locator = next.nextRecordsUrl.split('/').pop() ?? '';
      const page = await call('GET', `${emulator.url}/services/data/v50.0/query/${locator}`);
      next = page.body as typeof next;
      expect(next.totalSize).toBe(firstBody.totalSize);
      last = page.body;
    }
    expect(pageShapeDifferences('query-response-last-page.json', last)).toEqual([]);
    expect(last).not.toHaveProperty('nextRecordsUrl');
  });

  it('query-response-empty.json', async () => {
    const { body } = await call(
      'GET',
      api(`/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'none such'")}`),
    );
    expect(body).toEqual(reference('query-response-empty.json'));
  });

  it('queryall-response.json', async () => {
    const { body } = await call('GET', api(`/queryAll?q=${encodeURIComponent('SELECT Name FROM Account')}`));
    expect(pageShapeDifferences('queryall-response.json', body)).toEqual([]);
    expect(shapeDifferences(reference('queryall-response.json'), body)).toEqual([]);
  });

  it('query-response-relationships-and-subquery.json: parent objects and child QueryResults nest the same way', async () => {
    const soql =
      'SELECT Id, Name, Owner.Name, (SELECT Id, Name FROM Opportunities) FROM Account ORDER BY Id LIMIT 5';
    const { body } = await call('GET', api(`/query?q=${encodeURIComponent(soql)}`));
    const ref = (
      reference('query-response-relationships-and-subquery.json') as { records: Record<string, unknown>[] }
    ).records[0]!;
    const rows = (body as { records: Record<string, unknown>[] }).records;
    for (const row of rows) {
      expect(shapeDifferences(ref['attributes'], row['attributes'])).toEqual([]);
      const { Name, attributes } = ref['ParentWhizbang__r'] as Record<string, unknown>;
      expect(shapeDifferences({ Name, attributes }, row['Owner'])).toEqual([]);
      if (row['Opportunities'] !== null) {
        expect(shapeDifferences(ref['Whizbangs__r'], row['Opportunities'])).toEqual([]);
      }
    }
    expect(rows.some((row) => row['Opportunities'] !== null)).toBe(true);
  });
});

describe('describe and limits payloads', () => {
  it('sobject-describe-custom-object.json: every top-level key and every field key', async () => {
    const { body } = await call('GET', api('/sobjects/Account/describe'));
    const ref = reference('sobject-describe-custom-object.json') as { fields: unknown[] };
    const { fields: _refFields, ...refTop } = ref;
    const { fields, ...top } = body as { fields: unknown[] };
    expect(shapeDifferences(refTop, top)).toEqual([]);
    for (const field of fields) expect(shapeDifferences(ref.fields[0], field)).toEqual([]);
  });

  it('limits-response-dev-edition.json: all 52 limits', async () => {
    const { body } = await call('GET', api('/limits'));
    expect(shapeDifferences(reference('limits-response-dev-edition.json'), body)).toEqual([]);
    expect(Object.keys(body as object)).toHaveLength(52);
  });
});

describe('write payloads', () => {
  it('sobject-create-success-201.json', async () => {
    const { status, body } = await call('POST', api('/sobjects/Task'), {
      Subject: 'Call',
      Status: 'Not Started',
      Priority: 'Normal',
    });
    expect(status).toBe(201);
    expect(shapeDifferences(reference('sobject-create-success-201.json'), body)).toEqual([]);
  });

  it('composite-sobjects-create-success.json', async () => {
    const { status, body } = await call('POST', api('/composite/sobjects'), {
      allOrNone: false,
      records: [
        { attributes: { type: 'Account' }, Name: 'example.com' },
        { attributes: { type: 'Task' }, Subject: 'Kick-off', Status: 'Not Started', Priority: 'Normal' },
      ],
    });
    expect(status).toBe(200);
    expect(shapeDifferences(reference('composite-sobjects-create-success.json'), body)).toEqual([]);
  });

  it('composite-sobjects-update-success.json', async () => {
    const [id] = await accountIds(1);
    const { body } = await call('PATCH', api('/composite/sobjects'), {
      allOrNone: false,
      records: [{ attributes: { type: 'Account' }, id, NumberOfEmployees: 27000 }],
    });
    expect(shapeDifferences(reference('composite-sobjects-update-success.json'), body)).toEqual([]);
  });

  it('composite-sobjects-upsert-success.json', async () => {
    const { body } = await call('PATCH', api('/composite/sobjects/Task/Pulse_Key__c'), {
      allOrNone: false,
      records: [
        {
          attributes: { type: 'Task' },
          Pulse_Key__c: 'renewal-001',
          Subject: 'Renewal call',
          Status: 'Not Started',
          Priority: 'High',
        },
      ],
    });
    expect(shapeDifferences(reference('composite-sobjects-upsert-success.json'), body)).toEqual([]);
    expect((body as { created: boolean }[])[0]?.created).toBe(true);
  });

  it('composite-sobjects-create-allornone-rollback.json', async () => {
    const { body } = await call('POST', api('/composite/sobjects'), {
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'x'.repeat(300) },
        { attributes: { type: 'Account' }, Name: 'fine' },
      ],
    });
    expect(shapeDifferences(reference('composite-sobjects-create-allornone-rollback.json'), body)).toEqual(
      [],
    );
  });

  it('composite-sobjects-delete-allornone-rollback.json', async () => {
    const [id] = await accountIds(1);
    const { body } = await call(
      'DELETE',
      api(`/composite/sobjects?ids=${id!},001RM000003oLrB000&allOrNone=true`),
    );
    expect(shapeDifferences(reference('composite-sobjects-delete-allornone-rollback.json'), body)).toEqual(
      [],
    );
    expect(body).toEqual([
      expect.objectContaining({ id, success: false }),
      {
        success: false,
        errors: [{ statusCode: 'MALFORMED_ID', message: 'malformed id 001RM000003oLrB000', fields: [] }],
      },
    ]);
  });
});
