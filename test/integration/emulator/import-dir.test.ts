/**
 * `importDir`: an org loaded from the Maven CRM CSV files answers SOQL like a generated one
 * (relationships, the integration user, permission objects), and a reset loads it again.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { call, login, soql } from './rest-client.js';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/emulator/maven-crm-small');
let emulator: RunningEmulator;
let token: string;

beforeAll(async () => {
  emulator = await startEmulator({
    importDir: DIR,
    testEndpoints: true,
    now: new Date('2026-11-22T09:00:00Z'),
  });
  token = await login(emulator);
});
afterAll(async () => {
  await emulator.close();
});

const query = async <T>(text: string): Promise<T[]> =>
  (await call(emulator, 'GET', soql(text), { token })).json<{ records: T[] }>().records;

describe('an org imported from CSV files', () => {
  it('answers relationship queries over the imported records', async () => {
    const won = await query<{
      Amount: number;
      Account: { Name: string; Parent: { Name: string } | null } | null;
    }>(
      "SELECT Amount, Account.Name, Account.Parent.Name FROM Opportunity WHERE StageName = 'Closed Won' ORDER BY Amount DESC",
    );
    expect(won).toHaveLength(12);
    expect(won[0]?.Account?.Name).toEqual(expect.any(String));
    const children = await query<{ Name: string; Parent: { Name: string } }>(
      'SELECT Name, Parent.Name FROM Account WHERE ParentId != null',
    );
    expect(children.length).toBeGreaterThan(0);
    const users = await query<{ Username: string }>(
      "SELECT Username FROM User WHERE Username LIKE '%maven.example.com'",
    );
    expect(users).toHaveLength(41);
  });

  it('logs the integration user in and seeds its permissions', async () => {
    const sets = await query(
      `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${emulator.state.apiUserId}'`,
    );
    expect(sets).toHaveLength(2);
  });

  it('loads the files again on reset', async () => {
    await call(emulator, 'POST', '/__emulator/records/Account/delete', { body: { percent: 50 } });
    await call(emulator, 'POST', '/__emulator/reset');
    expect(await query('SELECT Id FROM Account')).toHaveLength(12);
    expect(await query('SELECT Id FROM Opportunity')).toHaveLength(72);
  });
});
