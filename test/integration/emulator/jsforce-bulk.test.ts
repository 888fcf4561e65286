/**
 * jsforce 3.10.16, unmodified, against the emulator's Bulk API 2.0: `bulk2.query` (query and
 * queryAll) and `bulk2.loadAndWaitForResults` for update and upsert, with failed records, under
 * jsforce's own polling (its 1 s default once, shorter elsewhere to keep the suite fast).
 */
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';

let emulator: RunningEmulator;
let conn: jsforce.Connection;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: 40 });
  const { clientId, clientSecret, username, password } = emulator.credentials;
  conn = new jsforce.Connection({
    version: '64.0',
    oauth2: { loginUrl: emulator.url, clientId, clientSecret },
  });
  await conn.loginByOAuth2(username, password);
  conn.bulk2.pollInterval = 100;
});
afterAll(async () => {
  await emulator.close();
});

interface AccountRow {
  Id: string;
  Name: string;
}

describe('bulk2.query', () => {
  it('returns the same rows as REST, parent fields as dotted columns, under the default 1 s polling', async () => {
    const bulk = new jsforce.Connection({
      version: '64.0',
      instanceUrl: emulator.url,
      accessToken: conn.accessToken ?? '',
    });
    const started = Date.now();
    const stream = await bulk.bulk2.query('SELECT Id, Name, Owner.Name FROM Account ORDER BY Id');
    const rows = (await stream.toArray()) as Record<string, string>[];
    expect(Date.now() - started).toBeLessThan(5_000);
    const rest = await conn.query<AccountRow>('SELECT Id, Name FROM Account ORDER BY Id');
    expect(rows.map((row) => row['Id'])).toEqual(rest.records.map((record) => record.Id));
    expect(rows.map((row) => row['Name'])).toEqual(rest.records.map((record) => record.Name));
    expect(rows[0]?.['Owner.Name']).toMatch(/\w+ \w+/);
  });

  it('queryAll (scanAll) sees deleted records', async () => {
    const [victim] = (await conn.query<AccountRow>('SELECT Id, Name FROM Account ORDER BY Id DESC LIMIT 1'))
      .records;
    await conn.sobject('Account').destroy(victim?.Id ?? '');
    const soql = `SELECT Id, IsDeleted FROM Account WHERE Id = '${victim?.Id ?? ''}'`;
    expect(await (await conn.bulk2.query(soql)).toArray()).toEqual([]);
    expect(await (await conn.bulk2.query(soql, { scanAll: true })).toArray()).toEqual([
      { Id: victim?.Id, IsDeleted: 'true' },
    ]);
  });
});

describe('bulk2.loadAndWaitForResults', () => {
  it('updates accounts and reports the failed records with sf__Error', async () => {
    const accounts = (await conn.query<AccountRow>('SELECT Id, Name FROM Account ORDER BY Id LIMIT 6'))
      .records;
    // An admin's validation rule refuses writes to the sixth account.
    emulator.state.validationRules.push({
      object: 'Account',
      recordIds: [accounts[5]?.Id ?? ''],
      message: 'Refused accounts are frozen',
    });
    const input = accounts.map((account, i) => ({
      Id: account.Id,
      Health_Score__c: 50 + i,
      Health_Status__c: i === 2 ? 'Purple' : 'Green',
      Health_Reasons__c: i === 3 ? null : `reason ${i}`,
    }));
    const results = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'update', input });
    expect(results.successfulResults.map((row) => row.sf__Id).sort()).toEqual(
      [accounts[0], accounts[1], accounts[3], accounts[4]].map((account) => account?.Id).sort(),
    );
    expect(results.successfulResults.every((row) => row.sf__Created === 'false')).toBe(true);
    const failed = [...results.failedResults].sort((a, b) => a.sf__Id.localeCompare(b.sf__Id));
    expect(failed.map((row) => [row.sf__Id, row.sf__Error])).toEqual(
      [
        [
          accounts[2]?.Id,
          'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Health_Status__c: bad value for restricted picklist field: Purple:Health_Status__c --',
        ],
        [accounts[5]?.Id, 'FIELD_CUSTOM_VALIDATION_EXCEPTION:Refused accounts are frozen:--'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(results.unprocessedRecords).toEqual([]);
    const stored = await conn.sobject('Account').retrieve(accounts[3]?.Id ?? '');
    expect(stored['Health_Score__c']).toBe(53);
    expect(stored['Health_Reasons__c']).toBeNull();
  });

  it('upserts tasks by Pulse_Key__c: created once, updated after', async () => {
    const [account] = (await conn.query<AccountRow>('SELECT Id, Name FROM Account LIMIT 1')).records;
    const input = [1, 2, 3].map((n) => ({
      Pulse_Key__c: `pulse-bulk-${n}`,
      Subject: `Follow up ${n}`,
      WhatId: account?.Id,
      Status: 'Not Started',
      Priority: 'Normal',
    }));
    const options = { object: 'Task', operation: 'upsert' as const, externalIdFieldName: 'Pulse_Key__c' };
    const first = await conn.bulk2.loadAndWaitForResults({ ...options, input });
    expect(first.successfulResults.map((row) => row.sf__Created)).toEqual(['true', 'true', 'true']);
    const second = await conn.bulk2.loadAndWaitForResults({
      ...options,
      input: input.map((row) => ({ ...row, Status: 'Completed' })),
    });
    expect(second.successfulResults.map((row) => row.sf__Created)).toEqual(['false', 'false', 'false']);
    const tasks = await conn.query<{ IsClosed: boolean }>(
      "SELECT Status FROM Task WHERE Pulse_Key__c LIKE 'pulse-bulk-%' AND Status = 'Completed'",
    );
    expect(tasks.totalSize).toBe(3);
  });
});
