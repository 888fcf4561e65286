/**
 * Roles and case queues through the REST API, as Pulse will read them: a user's role as a nested
 * parent (null when the user has none), the queues by Group.Type, and open cases owned by a queue.
 * The integration user reads them with and without View All; an admin's writes are accepted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { api, call, login, soql } from './rest-client.js';

const attributes = (type: string, id: string) => ({
  type,
  url: `/services/data/v64.0/sobjects/${type}/${id}`,
});

async function open(emulator: RunningEmulator) {
  const token = await login(emulator);
  const query = async <T>(text: string): Promise<T[]> => {
    const response = await call(emulator, 'GET', soql(text), { token });
    expect(response.status, response.text).toBe(200);
    return response.json<{ records: T[] }>().records;
  };
  return { token, query };
}

interface UserRow {
  attributes: { type: string; url: string };
  Id: string;
  Name: string;
  UserRoleId: string | null;
  UserRole: { attributes: { type: string; url: string }; Name: string; DeveloperName: string } | null;
}

interface CaseRow {
  attributes: { type: string; url: string };
  Id: string;
  OwnerId: string;
}

describe('roles and queues over REST', () => {
  let emulator: RunningEmulator;
  let query: <T>(text: string) => Promise<T[]>;
  let token: string;
  beforeAll(async () => {
    // 150 accounts: 6 users, 5 of them owners, so one (10%) has no role.
    emulator = await startEmulator({
      accounts: 150,
      seed: 7,
      testEndpoints: true,
      now: new Date('2026-11-22T09:00:00Z'),
    });
    ({ query, token } = await open(emulator));
  });
  afterAll(async () => {
    await emulator.close();
  });

  it("answers a user's role as a nested parent, and null when the user has none", async () => {
    const users = await query<UserRow>(
      'SELECT Id, Name, UserRoleId, UserRole.Name, UserRole.DeveloperName FROM User',
    );
    const admin = users.find((user) => user.Id === emulator.state.adminId);
    expect(admin).toEqual({
      attributes: attributes('User', emulator.state.adminId),
      Id: emulator.state.adminId,
      Name: 'Admin User',
      UserRoleId: expect.stringMatching(/^00E[a-zA-Z0-9]{15}$/) as unknown,
      UserRole: {
        attributes: attributes('UserRole', admin?.UserRoleId ?? ''),
        Name: 'Executive',
        DeveloperName: 'Executive',
      },
    });
    expect(Object.keys(admin ?? {})).toEqual(['attributes', 'Id', 'Name', 'UserRoleId', 'UserRole']);
    expect(Object.keys(admin?.UserRole ?? {})).toEqual(['attributes', 'Name', 'DeveloperName']);

    const apiUser = users.find((user) => user.Id === emulator.state.apiUserId);
    expect(apiUser).toEqual({
      attributes: attributes('User', emulator.state.apiUserId),
      Id: emulator.state.apiUserId,
      Name: 'Pulse Integration',
      UserRoleId: null,
      UserRole: null,
    });
    const owners = users.filter(
      (user) => user.Id !== emulator.state.adminId && user.Id !== emulator.state.apiUserId,
    );
    expect(owners.some((user) => user.UserRole === null && user.UserRoleId === null)).toBe(true);
    for (const user of owners.filter((candidate) => candidate.UserRoleId !== null)) {
      expect(user.UserRole?.attributes).toEqual(attributes('UserRole', user.UserRoleId ?? ''));
      expect(user.UserRole?.DeveloperName).toMatch(
        /^(VP_Customer_Success|Enterprise_CSM|Commercial_CSM|SMB_CSM)$/,
      );
    }
  });

  it("answers the owner directory's query: Standard users with their roles", async () => {
    const users = await query<UserRow>(
      "SELECT Id, Name, UserRole.Name, UserRole.DeveloperName FROM User WHERE UserType = 'Standard'",
    );
    expect(users).toHaveLength(emulator.state.store.count('User'));
    expect(users.find((user) => user.Id === emulator.state.apiUserId)).toEqual({
      attributes: attributes('User', emulator.state.apiUserId),
      Id: emulator.state.apiUserId,
      Name: 'Pulse Integration',
      UserRole: null,
    });
    expect(await query("SELECT Id FROM User WHERE UserType = 'Guest'")).toEqual([]);
  });

  it('answers the queues, filtered on Group.Type', async () => {
    const queues = await query<{ attributes: unknown; Id: string; Name: string; DeveloperName: string }>(
      "SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue'",
    );
    expect(queues.map((queue) => queue.DeveloperName)).toEqual([
      'Tier_1_Support',
      'Tier_2_Support',
      'Enterprise_Support',
    ]);
    const [first] = queues;
    expect(first).toEqual({
      attributes: attributes('Group', first?.Id ?? ''),
      Id: expect.stringMatching(/^00G[a-zA-Z0-9]{15}$/) as unknown,
      Name: 'Tier 1 Support',
      DeveloperName: 'Tier_1_Support',
    });
    const all = await query<{ Type: string }>('SELECT Name, Type FROM Group ORDER BY Name');
    expect(all.map((group) => group.Type)).toEqual(['Regular', 'Queue', 'Queue', 'Queue']);
  });

  it('answers open cases with their owner: a queue for about 30% of them, a user for the rest', async () => {
    const queueIds = new Set(
      (await query<{ Id: string }>("SELECT Id FROM Group WHERE Type = 'Queue'")).map((queue) => queue.Id),
    );
    const cases = await query<CaseRow>('SELECT Id, OwnerId FROM Case WHERE IsClosed = false');
    expect(cases.length).toBeGreaterThan(10);
    const queued = cases.filter((record) => record.OwnerId.startsWith('00G'));
    expect(queued.length).toBe(Math.round(cases.length * 0.3));
    for (const record of queued) expect(queueIds.has(record.OwnerId)).toBe(true);
    const [row] = queued;
    expect(row).toEqual({
      attributes: attributes('Case', row?.Id ?? ''),
      Id: expect.stringMatching(/^500/) as unknown,
      OwnerId: expect.stringMatching(/^00G/) as unknown,
    });
    for (const record of cases.filter((candidate) => !candidate.OwnerId.startsWith('00G')))
      expect(record.OwnerId).toMatch(/^005/);
    const closed = await query<CaseRow>('SELECT Id, OwnerId FROM Case WHERE IsClosed = true');
    expect(closed.every((record) => record.OwnerId.startsWith('005'))).toBe(true);
  });

  it('lists UserRole and Group in describe, and User.UserRoleId as a lookup to UserRole', async () => {
    const global = await call(emulator, 'GET', api('/sobjects'), { token });
    const names = global.json<{ sobjects: { name: string; keyPrefix: string }[] }>().sobjects;
    expect(names).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'UserRole', keyPrefix: '00E' }),
        expect.objectContaining({ name: 'Group', keyPrefix: '00G' }),
      ]),
    );
    const user = await call(emulator, 'GET', api('/sobjects/User/describe'), { token });
    const field = user
      .json<{ fields: { name: string }[] }>()
      .fields.find((candidate) => candidate.name === 'UserRoleId');
    expect(field).toMatchObject({
      type: 'reference',
      referenceTo: ['UserRole'],
      relationshipName: 'UserRole',
      nillable: true,
      label: 'Role ID',
    });
    const group = await call(emulator, 'GET', api('/sobjects/Group/describe'), { token });
    const type = group
      .json<{ fields: { name: string; picklistValues: { value: string }[] }[] }>()
      .fields.find((candidate) => candidate.name === 'Type');
    expect(type?.picklistValues.map((entry) => entry.value)).toEqual([
      'Regular',
      'Queue',
      'Role',
      'RoleAndSubordinates',
      'Organization',
    ]);
  });

  it('accepts new roles, groups and a user role through the REST API', async () => {
    const role = await call(emulator, 'POST', api('/sobjects/UserRole'), {
      token,
      body: { Name: 'Renewals Manager', DeveloperName: 'Renewals_Manager' },
    });
    expect(role.status, role.text).toBe(201);
    const roleId = role.json<{ id: string }>().id;
    expect(roleId).toMatch(/^00E/);
    const queue = await call(emulator, 'POST', api('/sobjects/Group'), {
      token,
      body: { Name: 'Renewals', DeveloperName: 'Renewals', Type: 'Queue' },
    });
    expect(queue.status, queue.text).toBe(201);
    expect(queue.json<{ id: string }>().id).toMatch(/^00G/);
    const badType = await call(emulator, 'POST', api('/sobjects/Group'), {
      token,
      body: { Name: 'Nope', Type: 'Team' },
    });
    expect(badType.status).toBe(400);
    expect(badType.text).toContain('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');

    const userId = emulator.state.apiUserId;
    const patched = await call(emulator, 'PATCH', api(`/sobjects/User/${userId}`), {
      token,
      body: { UserRoleId: roleId },
    });
    expect(patched.status, patched.text).toBe(204);
    const [me] = await query<UserRow>(`SELECT UserRole.Name FROM User WHERE Id = '${userId}'`);
    expect(me?.UserRole?.Name).toBe('Renewals Manager');
    expect(
      await query("SELECT Id FROM Group WHERE Type = 'Queue' AND DeveloperName = 'Renewals'"),
    ).toHaveLength(1);

    // An org reset brings back the seeded roles and queues only.
    expect((await call(emulator, 'POST', '/__emulator/reset')).status).toBe(200);
    expect(await query('SELECT Id FROM UserRole')).toHaveLength(5);
    expect(await query('SELECT Id FROM Group')).toHaveLength(4);
  });

  it("saves a person's edit of a queue-owned case as the admin, not as the queue", async () => {
    const [row] = (await query<CaseRow>('SELECT Id, OwnerId FROM Case WHERE IsClosed = false')).filter(
      (record) => record.OwnerId.startsWith('00G'),
    );
    const response = await call(emulator, 'PATCH', `/__emulator/records/Case/${row?.Id ?? ''}`, {
      body: { values: { IsEscalated: true } },
    });
    expect(response.status, response.text).toBe(200);
    const [after] = await query<{ OwnerId: string; LastModifiedById: string }>(
      `SELECT OwnerId, LastModifiedById FROM Case WHERE Id = '${row?.Id ?? ''}'`,
    );
    expect(after).toMatchObject({ OwnerId: row?.OwnerId, LastModifiedById: emulator.state.adminId });
  });
});

describe('roles and queues with restricted account visibility', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ accounts: 60, seed: 7, accountVisibility: 'restricted' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('lets the integration user read every user, role and group (no object permission needed)', async () => {
    const { query } = await open(emulator);
    const users = await query<UserRow>('SELECT Id, UserRoleId, UserRole.Name FROM User');
    expect(users).toHaveLength(emulator.state.store.count('User'));
    expect(await query('SELECT Id, Name FROM UserRole')).toHaveLength(5);
    expect(await query("SELECT Id FROM Group WHERE Type = 'Queue'")).toHaveLength(3);
    // Queue-owned cases stay visible through their (visible) account.
    const cases = await query<CaseRow>('SELECT Id, OwnerId FROM Case WHERE IsClosed = false');
    expect(cases.some((record) => record.OwnerId.startsWith('00G'))).toBe(true);
  });
});
