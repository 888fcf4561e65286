/**
 * jsforce 3.10.16, unmodified, against the emulator's REST API: paging a large query by hand,
 * queryAll, describe, collection writes with per-record failures, and API usage accounting.
 */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';

const PAGING_ROWS = 25_000;
let emulator: RunningEmulator;
let conn: jsforce.Connection;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: 30, apiLimit: 50_000 });
  const owner = emulator.state.apiUserId;
  for (let i = 0; i < PAGING_ROWS; i += 1) {
    emulator.state.store.insert(
      'Task',
      { Subject: `Paging ${String(i).padStart(5, '0')}`, Status: 'Completed', Priority: 'Normal' },
      owner,
    );
  }
  const { clientId, clientSecret, username, password } = emulator.credentials;
  conn = new jsforce.Connection({
    version: '64.0',
    oauth2: { loginUrl: emulator.url, clientId, clientSecret },
  });
  await conn.loginByOAuth2(username, password);
});
afterAll(async () => {
  await emulator.close();
});

async function someAccounts(count: number): Promise<{ Id: string; Name: string }[]> {
  const result = await conn.query<{ Id: string; Name: string }>(
    `SELECT Id, Name FROM Account ORDER BY Id LIMIT ${count}`,
  );
  return result.records;
}

describe('query', () => {
  it(`pages ${PAGING_ROWS} rows by hand with queryMore, every row once, totalSize constant`, async () => {
    const soql = "SELECT Id, Subject FROM Task WHERE Subject LIKE 'Paging%' ORDER BY Subject";
    let page = await conn.query<{ Subject: string }>(soql, { autoFetch: false });
    const seen: string[] = page.records.map((record) => record.Subject);
    let pages = 1;
    while (!page.done && page.nextRecordsUrl) {
      expect(page.totalSize).toBe(PAGING_ROWS);
      page = await conn.queryMore<{ Subject: string }>(page.nextRecordsUrl);
      seen.push(...page.records.map((record) => record.Subject));
      pages += 1;
    }
    expect(pages).toBe(13);
    expect(seen).toHaveLength(PAGING_ROWS);
    expect(new Set(seen).size).toBe(PAGING_ROWS);
    expect(seen[0]).toBe('Paging 00000');
    expect(seen.at(-1)).toBe('Paging 24999');
  });

  it('shows why Pulse pages by hand: jsforce autoFetch stops silently at maxFetch (10,000)', async () => {
    const records: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      conn
        .query("SELECT Id FROM Task WHERE Subject LIKE 'Paging%'")
        .on('record', (record: unknown) => records.push(record))
        .on('end', () => {
          resolve();
        })
        .on('error', reject)
        .run({ autoFetch: true });
    });
    expect(records).toHaveLength(10_000);
  });

  it('honours Sforce-Query-Options batchSize within 200-2,000', async () => {
    const small = await conn.request<{ records: unknown[]; done: boolean }>({
      method: 'GET',
      url: `/services/data/v64.0/query?q=${encodeURIComponent("SELECT Id FROM Task WHERE Subject LIKE 'Paging%'")}`,
      headers: { 'Sforce-Query-Options': 'batchSize=500' },
    });
    expect(small.records).toHaveLength(500);
    const clamped = await conn.request<{ records: unknown[] }>({
      method: 'GET',
      url: `/services/data/v64.0/query?q=${encodeURIComponent("SELECT Id FROM Task WHERE Subject LIKE 'Paging%'")}`,
      headers: { 'Sforce-Query-Options': 'batchSize=50' },
    });
    expect(clamped.records).toHaveLength(200);
  });

  it('returns deleted rows with IsDeleted = true only to queryAll', async () => {
    const [victim] = await someAccounts(1);
    await conn.sobject('Account').destroy(victim!.Id);
    const soql = `SELECT Id, IsDeleted FROM Account WHERE Id = '${victim!.Id}'`;
    expect((await conn.query(soql)).totalSize).toBe(0);
    const all = await conn.query<{ Id: string; IsDeleted: boolean }>(soql, { scanAll: true });
    expect(all.records).toEqual([expect.objectContaining({ Id: victim!.Id, IsDeleted: true })]);
  });

  it('refuses an unknown field with INVALID_FIELD in Salesforce’s format', async () => {
    await expect(conn.query('SELECT Id, Bogus__c FROM Account')).rejects.toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Bogus__c' on entity 'Account'") as unknown,
    });
  });

  it('expires a query locator after 15 idle minutes with INVALID_QUERY_LOCATOR', async () => {
    const first = await conn.query("SELECT Id FROM Task WHERE Subject LIKE 'Paging%'", { autoFetch: false });
    emulator.state.clock.advance(16 * 60 * 1000);
    await conn.loginByOAuth2(emulator.credentials.username, emulator.credentials.password);
    await expect(conn.queryMore(first.nextRecordsUrl ?? '')).rejects.toMatchObject({
      errorCode: 'INVALID_QUERY_LOCATOR',
    });
  });
});

describe('describe', () => {
  it('describes Account with the Pulse fields as deployed', async () => {
    const describe = await conn.describe('Account');
    const score = describe.fields.find((field) => field.name === 'Health_Score__c');
    expect(score).toMatchObject({ type: 'double', precision: 3, scale: 0, custom: true, updateable: true });
    const flags = describe.fields.find((field) => field.name === 'Risk_Flags__c');
    expect(flags?.type).toBe('multipicklist');
    const values = (flags?.picklistValues ?? []) as { value: string }[];
    expect(values.map((entry) => entry.value)).toContain('Open P1');
  });

  it('answers NOT_FOUND for an object the org does not have', async () => {
    await expect(conn.describe('Whizbang__c')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('sObject Collections update', () => {
  it('lands the good records and reports each failure with statusCode, in request order', async () => {
    const accounts = await someAccounts(4);
    const results = await conn.sobject('Account').update(
      [
        { Id: accounts[0]!.Id, Health_Score__c: 71.6, Risk_Flags__c: 'Open P1;Renewal At Risk;Open P1' },
        { Id: accounts[1]!.Id, Health_Status__c: 'Purple' },
        { Id: '001xx000003DGb2999', Health_Score__c: 10 },
        { Id: accounts[3]!.Id, Health_Score__c: 1234 },
      ],
      { allOrNone: false },
    );
    expect(results.map((result) => result.success)).toEqual([true, false, false, false]);
    const codes = results.map((result) =>
      result.success ? null : (result.errors[0] as { statusCode?: string }).statusCode,
    );
    expect(codes).toEqual([
      null,
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      'MALFORMED_ID',
      'NUMBER_OUTSIDE_VALID_RANGE',
    ]);
    const stored = await conn.sobject('Account').retrieve(accounts[0]!.Id);
    // Rounded to the field's scale, multi-select values deduplicated and in picklist order.
    expect(stored).toMatchObject({ Health_Score__c: 72, Risk_Flags__c: 'Renewal At Risk;Open P1' });
  });

  it('rolls everything back with allOrNone and marks the others ALL_OR_NONE_OPERATION_ROLLED_BACK', async () => {
    const accounts = await someAccounts(2);
    const results = await conn.sobject('Account').update(
      [
        { Id: accounts[0]!.Id, Health_Score__c: 55 },
        { Id: accounts[1]!.Id, Health_Reasons__c: 'x'.repeat(32_769) },
      ],
      { allOrNone: true },
    );
    expect(
      results.map((result) => (result.errors[0] as { statusCode?: string } | undefined)?.statusCode),
    ).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'STRING_TOO_LONG']);
    const stored = await conn.sobject('Account').retrieve(accounts[0]!.Id);
    expect(stored['Health_Score__c']).not.toBe(55);
  });

  it('moves SystemModstamp and LastModifiedById on every write', async () => {
    const [account] = await someAccounts(1);
    const before = await conn.sobject('Account').retrieve(account!.Id);
    await conn.sobject('Account').update({ Id: account!.Id, Health_Status__c: 'Green' });
    const after = await conn.sobject('Account').retrieve(account!.Id);
    expect(String(after['SystemModstamp']) > String(before['SystemModstamp'])).toBe(true);
    expect(after['LastModifiedById']).toBe(emulator.state.apiUserId);
  });
});

describe('API usage', () => {
  it('reports Sforce-Limit-Info on every call, and /limits agrees', async () => {
    await conn.query('SELECT Id FROM User LIMIT 1');
    const fromHeader = conn.limitInfo.apiUsage;
    expect(fromHeader?.used).toBe(emulator.state.usage.used);
    expect(fromHeader?.limit).toBe(50_000);
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: 50_000, Remaining: 50_000 - emulator.state.usage.used });
  });

  it('refuses calls with 403 REQUEST_LIMIT_EXCEEDED once the allocation is spent', async () => {
    emulator.state.usage.setUsed(50_000);
    try {
      await expect(conn.query('SELECT Id FROM Account LIMIT 1')).rejects.toMatchObject({
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'TotalRequests Limit exceeded.',
      });
    } finally {
      emulator.state.usage.setUsed(100);
    }
  });
});
