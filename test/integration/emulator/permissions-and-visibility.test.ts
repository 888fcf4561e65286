/**
 * What `pulse doctor` will read: the permission objects through plain SOQL (no semi-joins), the
 * restricted account visibility in every read path (query, queryAll, retrieve, Bulk query, child
 * records), and an org started with its daily API budget already spent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { api, call, login, soql } from './rest-client.js';

async function open(emulator: RunningEmulator) {
  const token = await login(emulator);
  const query = async <T>(text: string, all = false): Promise<T[]> => {
    const path = all ? api(`/queryAll?q=${encodeURIComponent(text)}`) : soql(text);
    const response = await call(emulator, 'GET', path, { token });
    expect(response.status, response.text).toBe(200);
    return response.json<{ records: T[] }>().records;
  };
  return { token, query };
}

interface Grant {
  SobjectType: string;
  PermissionsRead: boolean;
  PermissionsEdit: boolean;
  PermissionsViewAllRecords: boolean;
}

/** The doctor's questions, as plain SOQL. */
async function grantsOf(emulator: RunningEmulator): Promise<{
  sets: { PermissionSetId: string; PermissionSet: { Name: string; IsOwnedByProfile: boolean } }[];
  grants: Grant[];
}> {
  const { query } = await open(emulator);
  const sets = await query<{
    PermissionSetId: string;
    PermissionSet: { Name: string; IsOwnedByProfile: boolean };
  }>(
    `SELECT PermissionSetId, PermissionSet.Name, PermissionSet.IsOwnedByProfile FROM PermissionSetAssignment WHERE AssigneeId = '${emulator.state.apiUserId}'`,
  );
  const list = sets.map((set) => `'${set.PermissionSetId}'`).join(', ');
  const grants = await query<Grant>(
    `SELECT SobjectType, PermissionsRead, PermissionsEdit, PermissionsViewAllRecords FROM ObjectPermissions WHERE ParentId IN (${list}) ORDER BY SobjectType`,
  );
  return { sets, grants };
}

describe('permission objects (default: the integration user sees all accounts)', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ accounts: 20 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('assigns the integration user a profile permission set with Read/Edit and View All on Account, Opportunity, Case', async () => {
    const { sets, grants } = await grantsOf(emulator);
    expect(sets.map((set) => set.PermissionSet.IsOwnedByProfile).sort()).toEqual([false, true]);
    const profile = grants.filter((grant) => grant.PermissionsViewAllRecords);
    expect(profile.map((grant) => grant.SobjectType).sort()).toEqual(['Account', 'Case', 'Opportunity']);
    for (const object of ['Account', 'Opportunity', 'Case', 'Task']) {
      const grant = grants.find((candidate) => candidate.SobjectType === object);
      expect(grant, object).toMatchObject({ PermissionsRead: true, PermissionsEdit: true });
    }
  });

  it('answers UserPermissionAccess with one row for the running user', async () => {
    const { query } = await open(emulator);
    expect(
      await query(
        'SELECT PermissionsViewAllData, PermissionsModifyAllData, PermissionsApiEnabled FROM UserPermissionAccess',
      ),
    ).toEqual([
      {
        attributes: {
          type: 'UserPermissionAccess',
          url: '/services/data/v64.0/sobjects/UserPermissionAccess/000000000000000AAA',
        },
        PermissionsViewAllData: false,
        PermissionsModifyAllData: false,
        PermissionsApiEnabled: true,
      },
    ]);
  });

  it('describes the permission objects like the others, read-only', async () => {
    const { token } = await open(emulator);
    for (const object of [
      'PermissionSet',
      'PermissionSetAssignment',
      'ObjectPermissions',
      'UserPermissionAccess',
    ]) {
      const describe = (await call(emulator, 'GET', api(`/sobjects/${object}/describe`), { token })).json<{
        name: string;
        createable: boolean;
        fields: { name: string }[];
      }>();
      expect(describe.name).toBe(object);
      expect(describe.createable).toBe(false);
      expect(describe.fields.map((field) => field.name)).toContain('Id');
    }
  });

  it('sees every account', async () => {
    const { query } = await open(emulator);
    expect(await query('SELECT Id FROM Account')).toHaveLength(emulator.state.store.count('Account'));
  });
});

describe("accountVisibility: 'restricted'", () => {
  let emulator: RunningEmulator;
  let token: string;
  let query: Awaited<ReturnType<typeof open>>['query'];
  beforeAll(async () => {
    emulator = await startEmulator({ accounts: 150, accountVisibility: 'restricted', bulkProcessingMs: 1 });
    ({ token, query } = await open(emulator));
  });
  afterAll(async () => {
    await emulator.close();
  });

  const storedAccounts = () => [...emulator.state.store.recordsOf('Account')];
  const hidden = () =>
    storedAccounts().filter((account) =>
      emulator.state.visibility.hiddenOwnerIds.has(String(account['OwnerId'])),
    );

  it('has no View All on Account and no View All Data', async () => {
    const { grants } = await grantsOf(emulator);
    expect(grants.filter((grant) => grant.PermissionsViewAllRecords)).toEqual([]);
    expect(
      (
        await query<{ PermissionsViewAllData: boolean }>(
          'SELECT PermissionsViewAllData FROM UserPermissionAccess',
        )
      )[0]?.PermissionsViewAllData,
    ).toBe(false);
  });

  it('sees only the accounts of about half of the owners, in query and queryAll', async () => {
    const visible = await query<{ Id: string; OwnerId: string }>('SELECT Id, OwnerId FROM Account');
    const total = storedAccounts().length;
    expect(visible.length).toBe(total - hidden().length);
    expect(visible.length / total).toBeGreaterThan(0.2);
    expect(visible.length / total).toBeLessThan(0.8);
    for (const account of visible)
      expect(emulator.state.visibility.hiddenOwnerIds.has(account.OwnerId)).toBe(false);
    expect(await query('SELECT Id FROM Account', true)).toHaveLength(visible.length);
    const count = (await call(emulator, 'GET', soql('SELECT COUNT() FROM Account'), { token })).json<{
      totalSize: number;
    }>();
    expect(count.totalSize).toBe(visible.length);
  });

  it('hides the children of hidden accounts too', async () => {
    const hiddenIds = new Set(hidden().map((account) => String(account['Id'])));
    const opportunities = await query<{ AccountId: string | null }>('SELECT AccountId FROM Opportunity');
    expect(opportunities.length).toBeGreaterThan(0);
    for (const row of opportunities) expect(hiddenIds.has(String(row.AccountId))).toBe(false);
    const cases = await query<{ AccountId: string | null }>('SELECT AccountId FROM Case');
    for (const row of cases) expect(hiddenIds.has(String(row.AccountId))).toBe(false);
    const storedOpportunities = [...emulator.state.store.recordsOf('Opportunity')].filter(
      (record) => record['IsDeleted'] !== true,
    );
    expect(opportunities.length).toBeLessThan(storedOpportunities.length);
  });

  it('refuses to retrieve a hidden account (404, null in a collection retrieve)', async () => {
    const secret = String(hidden()[0]?.['Id']);
    const single = await call(emulator, 'GET', api(`/sobjects/Account/${secret}`), { token });
    expect(single.status).toBe(404);
    const many = await call(
      emulator,
      'GET',
      api(`/composite/sobjects/Account?ids=${secret}&fields=Id,Name`),
      { token },
    );
    expect(many.json()).toEqual([null]);
    const write = await call(emulator, 'PATCH', api('/composite/sobjects'), {
      token,
      body: { records: [{ attributes: { type: 'Account' }, id: secret, Name: 'Peek' }] },
    });
    expect(write.json<{ errors: { statusCode: string }[] }[]>()[0]?.errors[0]?.statusCode).toBe(
      'INSUFFICIENT_ACCESS_OR_READONLY',
    );
  });

  it('applies to Bulk query jobs as well', async () => {
    const job = (
      await call(emulator, 'POST', api('/jobs/query'), {
        token,
        body: { operation: 'query', query: 'SELECT Id FROM Account' },
      })
    ).json<{ id: string }>().id;
    await new Promise((resolve) => setTimeout(resolve, 10));
    await call(emulator, 'GET', api(`/jobs/query/${job}`), { token });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const results = await call(emulator, 'GET', api(`/jobs/query/${job}/results`), { token });
    expect(results.status).toBe(200);
    expect(Number(results.headers.get('sforce-numberofrecords'))).toBe(
      storedAccounts().length - hidden().length,
    );
  });
});

describe('apiUsedAtStart', () => {
  it('starts the org with its daily budget spent', async () => {
    const spent = await startEmulator({ accounts: 2, apiLimit: 100, apiUsedAtStart: 99 });
    try {
      const token = await login(spent);
      const last = await call(spent, 'GET', api('/limits'), { token });
      expect(last.status).toBe(200);
      expect(last.headers.get('sforce-limit-info')).toBe('api-usage=100/100');
      const refused = await call(spent, 'GET', api('/limits'), { token });
      expect(refused.status).toBe(403);
      expect(refused.json()).toEqual([
        { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
      ]);
    } finally {
      await spent.close();
    }
  });
});
