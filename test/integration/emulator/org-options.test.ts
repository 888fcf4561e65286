/**
 * The org variations the doctor and error paths need — an undeployed field, a read-only field, a
 * validation rule — and the replication resources (getDeleted) with Salesforce's window rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';

let emulator: RunningEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 20,
    now: new Date('2026-11-22T09:00:00Z'),
    missingFields: ['Account.Health_Score_Change__c'],
    readOnlyFields: ['Account.Risk_Flags__c'],
    validationRules: [
      { object: 'Account', namePattern: '.', errorField: 'Health_Status__c', message: 'Red needs a reason' },
    ],
  });
  // The rule fires on every account; it is narrowed per test below.
  emulator.state.validationRules.length = 0;
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emulator.credentials.clientId,
      client_secret: emulator.credentials.clientSecret,
    }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await emulator.close();
});

async function call(method: string, rest: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/services/data/v64.0${rest}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

const firstAccounts = async (n: number): Promise<string[]> =>
  (
    (await call('GET', `/query?q=${encodeURIComponent(`SELECT Id FROM Account ORDER BY Id LIMIT ${n}`)}`))
      .body as { records: { Id: string }[] }
  ).records.map((r) => r.Id);

describe('schema options', () => {
  it('leaves an undeployed field out of describe, and SOQL refuses it', async () => {
    const describe = (await call('GET', '/sobjects/Account/describe')).body as { fields: { name: string }[] };
    expect(describe.fields.map((f) => f.name)).not.toContain('Health_Score_Change__c');
    const query = await call(
      'GET',
      `/query?q=${encodeURIComponent('SELECT Health_Score_Change__c FROM Account')}`,
    );
    expect(query).toMatchObject({ status: 400, body: [{ errorCode: 'INVALID_FIELD' }] });
  });

  it('marks a read-only field not updateable, and refuses writes to it per record', async () => {
    const describe = (await call('GET', '/sobjects/Account/describe')).body as {
      fields: { name: string; updateable: boolean }[];
    };
    expect(describe.fields.find((f) => f.name === 'Risk_Flags__c')?.updateable).toBe(false);
    const [id] = await firstAccounts(1);
    const result = await call('PATCH', '/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, id, Risk_Flags__c: 'Open P1' }],
    });
    expect(result.body).toEqual([
      {
        id,
        success: false,
        errors: [
          {
            statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
            message:
              'Unable to create/update fields: Risk_Flags__c. Please check the security settings of this field and verify that it is read/write for your profile or permission set.',
            fields: ['Risk_Flags__c'],
          },
        ],
      },
    ]);
  });
});

describe('validation rules', () => {
  it('refuses the chosen records with FIELD_CUSTOM_VALIDATION_EXCEPTION and lands the others', async () => {
    const [blocked, free] = await firstAccounts(2);
    emulator.state.validationRules.push({
      object: 'Account',
      recordIds: [blocked!],
      errorField: 'Health_Status__c',
      message: 'Red needs a reason',
    });
    try {
      const result = await call('PATCH', '/composite/sobjects', {
        allOrNone: false,
        records: [
          { attributes: { type: 'Account' }, id: blocked, Health_Status__c: 'Red' },
          { attributes: { type: 'Account' }, id: free, Health_Status__c: 'Red' },
        ],
      });
      expect(result.body).toEqual([
        {
          id: blocked,
          success: false,
          errors: [
            {
              statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
              message: 'Red needs a reason',
              fields: ['Health_Status__c'],
            },
          ],
        },
        { id: free, success: true, errors: [] },
      ]);
      // A single-record PATCH fails as a REST error array.
      const single = await call('PATCH', `/sobjects/Account/${blocked!}`, { Health_Status__c: 'Red' });
      expect(single).toEqual({
        status: 400,
        body: [
          {
            message: 'Red needs a reason',
            errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            fields: ['Health_Status__c'],
          },
        ],
      });
    } finally {
      emulator.state.validationRules.length = 0;
    }
  });
});

describe('getDeleted', () => {
  it('lists records deleted in the window, and refuses a start more than 30 days back', async () => {
    const [id] = await firstAccounts(1);
    const start = new Date(emulator.state.clock.now().getTime() - 60_000).toISOString();
    expect((await call('DELETE', `/sobjects/Account/${id!}`)).status).toBe(204);
    const end = new Date(emulator.state.clock.now().getTime() + 60_000).toISOString();
    const deleted = await call('GET', `/sobjects/Account/deleted/?start=${start}&end=${end}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({
      deletedRecords: [{ id, deletedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*\+0000$/) as unknown }],
      earliestDateAvailable: expect.any(String) as unknown,
      latestDateCovered: expect.any(String) as unknown,
    });
    const tooOld = new Date(emulator.state.clock.now().getTime() - 31 * 24 * 3600_000).toISOString();
    expect(await call('GET', `/sobjects/Account/deleted/?start=${tooOld}&end=${end}`)).toMatchObject({
      status: 400,
      body: [{ errorCode: 'INVALID_REPLICATION_DATE' }],
    });
    // Reading a deleted record is NOT_FOUND; updating it through a collection is ENTITY_IS_DELETED.
    expect((await call('GET', `/sobjects/Account/${id!}`)).status).toBe(404);
    const update = await call('PATCH', '/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, id, Name: 'x' }],
    });
    expect(update.body).toEqual([
      {
        id,
        success: false,
        errors: [{ statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }],
      },
    ]);
  });
});

describe('sObject Collections limits', () => {
  it('refuses more than 200 records with EXCEEDED_ID_LIMIT', async () => {
    const records = Array.from({ length: 201 }, () => ({
      attributes: { type: 'Task' },
      Subject: 'x',
      Status: 'Completed',
      Priority: 'Normal',
    }));
    expect(await call('POST', '/composite/sobjects', { records })).toEqual({
      status: 400,
      body: [
        {
          message: 'record limit reached. cannot submit more than 200 records into this call',
          errorCode: 'EXCEEDED_ID_LIMIT',
        },
      ],
    });
  });
});
