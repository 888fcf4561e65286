/**
 * The time-and-change test endpoints: the clock, N% changes by seed (fields, stage, status,
 * priority, owner, reparenting), delete and undelete with cascades, a person's edit, reset to the
 * seeded state, and the concurrency high-water mark. Changes are seen by getUpdated/getDeleted and
 * by SystemModstamp filters as Pulse's incremental sync will read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { api, call, login, soql } from './rest-client.js';

let emulator: RunningEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 60,
    seed: 5,
    testEndpoints: true,
    now: new Date('2026-11-22T09:00:00Z'),
  });
  token = await login(emulator);
});
afterAll(async () => {
  await emulator.close();
});

const control = (method: string, path: string, body?: unknown) =>
  call(emulator, method, `/__emulator${path}`, body === undefined ? {} : { body });
const query = async <T>(text: string): Promise<T[]> =>
  (await call(emulator, 'GET', soql(text), { token })).json<{ records: T[] }>().records;

interface Changed {
  id: string;
  kind: string;
  fields: string[];
  by: string;
}

describe('changes', () => {
  it('changes N% of live records, saved by a human user, and the same seed picks the same changes', async () => {
    const before = `${emulator.state.clock.now().toISOString().slice(0, 19)}Z`;
    const response = await control('POST', '/changes/Opportunity', { percent: 20 });
    expect(response.status).toBe(200);
    const { changed } = response.json<{ changed: Changed[] }>();
    const live = emulator.state.store.count('Opportunity');
    expect(changed.length).toBe(Math.round(0.2 * live));
    expect(new Set(changed.map((entry) => entry.kind))).toEqual(
      new Set(['fields', 'stage', 'owner', 'reparent']),
    );
    for (const entry of changed) {
      const record = emulator.state.store.recordById(entry.id);
      expect(record?.['LastModifiedById']).toBe(entry.by);
      expect(entry.by).not.toBe(emulator.state.apiUserId);
      expect(String(record?.['SystemModstamp'])).toEqual(expect.any(String));
    }
    const stageChange = changed.find((entry) => entry.kind === 'stage');
    const staged = emulator.state.store.recordById(stageChange?.id ?? '');
    expect(staged?.['IsClosed']).toBe(String(staged?.['StageName']).startsWith('Closed'));
    const seen = await query<{ Id: string }>(`SELECT Id FROM Opportunity WHERE SystemModstamp > ${before}`);
    expect(new Set(seen.map((row) => row.Id))).toEqual(new Set(changed.map((entry) => entry.id)));

    const twin = await startEmulator({
      accounts: 60,
      seed: 5,
      testEndpoints: true,
      now: new Date('2026-11-22T09:00:00Z'),
    });
    try {
      const again = (
        await call(twin, 'POST', '/__emulator/changes/Opportunity', { body: { percent: 20 } })
      ).json<{
        changed: Changed[];
      }>().changed;
      expect(again.map(({ id, kind, fields }) => ({ id, kind, fields }))).toEqual(
        changed.map(({ id, kind, fields }) => ({ id, kind, fields })),
      );
    } finally {
      await twin.close();
    }
  });

  it('changes case status and priority, and reparents cases to another account', async () => {
    const { changed } = (
      await control('POST', '/changes/Case', { percent: 30, kinds: ['status', 'priority', 'reparent'] })
    ).json<{ changed: Changed[] }>();
    expect(new Set(changed.map((entry) => entry.kind))).toEqual(new Set(['status', 'priority', 'reparent']));
    const moved = changed.filter((entry) => entry.kind === 'reparent');
    for (const entry of moved) expect(entry.fields).toContain('AccountId');
    const closed = changed
      .filter((entry) => entry.kind === 'status')
      .map((entry) => emulator.state.store.recordById(entry.id))
      .filter((record) => record?.['Status'] === 'Closed');
    for (const record of closed) expect(record?.['IsClosed']).toBe(true);
  });

  it('refuses an object or kind it cannot change', async () => {
    expect((await control('POST', '/changes/User', { percent: 10 })).status).toBe(400);
    expect((await control('POST', '/changes/Account', { percent: 10, kinds: ['stage'] })).status).toBe(400);
  });
});

describe('delete, undelete, edit', () => {
  it('deletes an account with its opportunities and cases (getDeleted sees them), and undeletes them together', async () => {
    const withChildren = [...emulator.state.store.recordsOf('Opportunity')].find(
      (record) => record['IsDeleted'] !== true && typeof record['AccountId'] === 'string',
    );
    const accountId = String(withChildren?.['AccountId']);
    const children = await query<{ Id: string }>(
      `SELECT Id FROM Opportunity WHERE AccountId = '${accountId}'`,
    );
    const deleted = (await control('POST', '/records/Account/delete', { ids: [accountId] })).json<{
      deleted: string[];
    }>().deleted;
    expect(deleted[0]).toBe(accountId);
    expect(deleted).toEqual(expect.arrayContaining(children.map((row) => row.Id)));
    expect(await query(`SELECT Id FROM Opportunity WHERE AccountId = '${accountId}'`)).toEqual([]);
    const start = new Date(emulator.state.clock.now().getTime() - 60_000).toISOString();
    const end = new Date(emulator.state.clock.now().getTime() + 60_000).toISOString();
    const gone = (
      await call(emulator, 'GET', api(`/sobjects/Account/deleted/?start=${start}&end=${end}`), { token })
    ).json<{ deletedRecords: { id: string }[] }>();
    expect(gone.deletedRecords.map((entry) => entry.id)).toContain(accountId);

    const undeleted = (await control('POST', '/records/Account/undelete', { ids: [accountId] })).json<{
      undeleted: string[];
    }>().undeleted;
    expect(new Set(undeleted)).toEqual(new Set(deleted));
    expect(await query(`SELECT Id FROM Opportunity WHERE AccountId = '${accountId}'`)).toHaveLength(
      children.length,
    );
  });

  it('deletes a share of records by seed', async () => {
    const live = await query<{ Id: string }>('SELECT Id FROM Task');
    const { deleted } = (await control('POST', '/records/Task/delete', { percent: 10 })).json<{
      deleted: string[];
    }>();
    expect(deleted.length).toBeGreaterThan(0);
    expect(deleted.length).toBeLessThan(live.length * 0.25);
  });

  it('edits a field Pulse wrote as a person: SystemModstamp moves, LastModifiedById is a human', async () => {
    const [account] = await query<{ Id: string; OwnerId: string; SystemModstamp: string }>(
      'SELECT Id, OwnerId, SystemModstamp FROM Account ORDER BY Id LIMIT 1',
    );
    await call(emulator, 'PATCH', api(`/sobjects/Account/${account?.Id ?? ''}`), {
      token,
      body: { Health_Score__c: 80 },
    });
    const edited = await control('PATCH', `/records/Account/${account?.Id ?? ''}`, {
      values: { Health_Score__c: 35, Health_Status__c: 'Red' },
    });
    expect(edited.status).toBe(200);
    const [after] = await query<{
      Health_Score__c: number;
      LastModifiedById: string;
      SystemModstamp: string;
    }>(
      `SELECT Health_Score__c, LastModifiedById, SystemModstamp FROM Account WHERE Id = '${account?.Id ?? ''}'`,
    );
    expect(after?.Health_Score__c).toBe(35);
    expect(after?.LastModifiedById).not.toBe(emulator.state.apiUserId);
    expect(String(after?.SystemModstamp) > String(account?.SystemModstamp)).toBe(true);
    expect(
      (await control('PATCH', `/records/Account/${account?.Id ?? ''}`, { values: { SystemModstamp: 'x' } }))
        .status,
    ).toBe(400);
  });
});

describe('clock, reset, concurrency', () => {
  it('advances the clock (tokens expire), and reset brings back the seeded org', async () => {
    const seededAccounts = await query<{ Id: string; Name: string }>(
      'SELECT Id, Name FROM Account ORDER BY Id',
    );
    await control('POST', '/changes/Account', { percent: 50 });
    await control('POST', '/records/Account/delete', { percent: 20 });
    const advanced = (await control('POST', '/clock/advance', { ms: 3 * 60 * 60 * 1000 })).json<{
      now: string;
    }>();
    expect(advanced.now > '2026-11-22T12:00').toBe(true);
    expect((await call(emulator, 'GET', api('/limits'), { token })).status).toBe(401);
    token = await login(emulator);

    const reset = await control('POST', '/reset');
    expect(reset.status).toBe(200);
    const again = await query<{ Id: string; Name: string }>('SELECT Id, Name FROM Account ORDER BY Id');
    expect(again).toEqual(seededAccounts);
    expect(await query('SELECT Id FROM Account WHERE IsDeleted = true')).toEqual([]);
    expect(emulator.state.store.count('Opportunity')).toBe(
      [...emulator.state.store.recordsOf('Opportunity')].filter((record) => record['IsDeleted'] !== true)
        .length,
    );
  });

  it('reports the high-water mark of requests in flight, and resets it', async () => {
    // 50 ms of latency a call, so the eight calls overlap.
    await control('PUT', '/faults', { faults: { latency: 50 } });
    await control('DELETE', '/concurrency');
    await Promise.all(Array.from({ length: 8 }, () => call(emulator, 'GET', api('/limits'), { token })));
    await control('PUT', '/faults', { faults: 'none' });
    const mark = (await control('GET', '/concurrency')).json<{ current: number; highWaterMark: number }>();
    expect(mark).toEqual({ current: 0, highWaterMark: 8 });
    await control('DELETE', '/concurrency');
    expect((await control('GET', '/concurrency')).json<{ highWaterMark: number }>().highWaterMark).toBe(0);
  });
});
