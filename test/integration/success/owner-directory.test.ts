/**
 * The org's users and queues for playbooks, in real Redis: read with two queries (paged), kept an
 * hour for every worker, read once when many score jobs ask at the same time; a failed read leaves
 * owners unknown and is not tried again for five minutes; the dry run reads only what is kept.
 */
import { expect } from 'vitest';

import { createLogger } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import type { SalesforceClient } from '../../../src/salesforce/salesforce-client.js';
import { toSalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';
import {
  cachedOwners,
  createOwnerDirectory,
  QUEUES_SOQL,
  USERS_SOQL,
} from '../../../src/success/owner-directory.js';
import { loadHealthModel } from '../../../src/main/load-health-model.js';
import type { AccountView } from '../../../src/success/account-view.js';
import { createEpisodeStore } from '../../../src/success/episode-store.js';
import { createOrgPlaybooks } from '../../../src/success/org-playbooks.js';
import { SuccessPlaybook } from '../../../src/success/playbook-schema.js';
import { redisTest } from '../../support/redis.js';

const logger = createLogger({ level: 'silent', format: 'json', redactor: createRedactor() });
const attributes = (type: string) => ({ type, url: `/services/data/v64.0/sobjects/${type}/x` });

/** Answers the two queries as Salesforce does: users in two pages, queues in one. */
function fakeClient(options: { failWith?: Error } = {}) {
  const calls: string[] = [];
  const client = {
    query(soql: string) {
      calls.push(soql);
      if (options.failWith) return Promise.reject(options.failWith);
      if (soql === USERS_SOQL)
        return Promise.resolve({
          totalSize: 3,
          done: false,
          nextRecordsUrl: '/services/data/v64.0/query/01gxx-2000',
          records: [
            {
              attributes: attributes('User'),
              Id: '005000000000001AAA',
              Name: 'Dana Reyes',
              UserRole: {
                attributes: attributes('UserRole'),
                Name: 'Enterprise CSM',
                DeveloperName: 'Enterprise_CSM',
              },
            },
            { attributes: attributes('User'), Id: '005000000000002AAA', Name: 'Sam Otto', UserRole: null },
          ],
        });
      if (soql === QUEUES_SOQL)
        return Promise.resolve({
          totalSize: 1,
          done: true,
          records: [
            {
              attributes: attributes('Group'),
              Id: '00G000000000001AAA',
              Name: 'Tier 2 Support',
              DeveloperName: 'Tier_2_Support',
            },
          ],
        });
      return Promise.reject(new Error(`unexpected query ${soql}`));
    },
    queryMore(url: string) {
      calls.push(url);
      return Promise.resolve({
        totalSize: 3,
        done: true,
        records: [
          {
            attributes: attributes('User'),
            Id: '005000000000003AAA',
            Name: 'Lee Park',
            UserRole: { attributes: attributes('UserRole'), Name: 'SMB CSM', DeveloperName: 'SMB_CSM' },
          },
        ],
      });
    },
  } as unknown as SalesforceClient;
  return { client, calls };
}

redisTest('users with their roles and queues are read once, kept, and shared', async ({ redis }) => {
  const { client, calls } = fakeClient();
  const directory = createOwnerDirectory({
    redis,
    orgName: 'owners-a',
    client: () => Promise.resolve(client),
    logger,
  });
  expect(await cachedOwners(redis, 'owners-a')).toBeUndefined();
  // Ten score jobs of one worker ask at once: one read.
  const answers = await Promise.all(Array.from({ length: 10 }, () => directory.read()));
  expect(calls).toEqual([USERS_SOQL, '/services/data/v64.0/query/01gxx-2000', QUEUES_SOQL]);
  expect(answers[0]?.owners).toEqual({
    '005000000000001AAA': {
      name: 'Dana Reyes',
      role: { name: 'Enterprise CSM', developerName: 'Enterprise_CSM' },
    },
    '005000000000002AAA': { name: 'Sam Otto', role: null },
    '005000000000003AAA': { name: 'Lee Park', role: { name: 'SMB CSM', developerName: 'SMB_CSM' } },
    '00G000000000001AAA': { name: 'Tier 2 Support', queueDeveloperName: 'Tier_2_Support' },
  });
  // Another worker's directory finds it in Redis; so does the dry run.
  const other = fakeClient();
  const second = createOwnerDirectory({
    redis,
    orgName: 'owners-a',
    client: () => Promise.resolve(other.client),
    logger,
  });
  expect(await second.read()).toEqual(answers[0]);
  expect(other.calls).toEqual([]);
  expect(await cachedOwners(redis, 'owners-a')).toEqual(answers[0]);
  const ttl = await redis.pttl('org:{owners-a}:success:owners');
  expect(ttl).toBeGreaterThan(59 * 60_000);
  expect(ttl).toBeLessThanOrEqual(60 * 60_000);
});

redisTest(
  'a read Salesforce refuses leaves owners unknown and is not retried for five minutes',
  async ({ redis }) => {
    const refusal = toSalesforceError(
      Object.assign(new Error("sObject type 'UserRole' is not supported."), { errorCode: 'INVALID_TYPE' }),
      { status: 400 },
    );
    const { client, calls } = fakeClient({ failWith: refusal });
    const directory = createOwnerDirectory({
      redis,
      orgName: 'owners-b',
      client: () => Promise.resolve(client),
      logger,
    });
    expect(await directory.read()).toBeUndefined();
    expect(await directory.read()).toBeUndefined();
    expect(calls).toHaveLength(1);
    const reason = await redis.get('org:{owners-b}:success:owners:failed');
    expect(reason).toContain('INVALID_TYPE');
    expect(await redis.pttl('org:{owners-b}:success:owners:failed')).toBeGreaterThan(4 * 60_000);
    // Five minutes later (the key has expired) it is tried again.
    await redis.del('org:{owners-b}:success:owners:failed');
    const working = fakeClient();
    const later = createOwnerDirectory({
      redis,
      orgName: 'owners-b',
      client: () => Promise.resolve(working.client),
      logger,
    });
    expect(Object.keys((await later.read())?.owners ?? {})).toHaveLength(4);
  },
);

redisTest('owner-role playbooks left undecided by a run are not baselined by it', async ({ redis }) => {
  const refusal = toSalesforceError(
    Object.assign(new Error('no access'), { errorCode: 'INSUFFICIENT_ACCESS' }),
    {
      status: 403,
    },
  );
  const { client } = fakeClient({ failWith: refusal });
  const task = { task: { subject: 'Check in', description: 'x', due: { businessDays: 5 } } };
  const plain = SuccessPlaybook.parse({
    id: 'plain',
    name: 'Plain',
    description: 'd',
    trigger: { statusBecame: 'Red' },
    actions: [task],
  });
  const byRole = SuccessPlaybook.parse({
    ...plain,
    id: 'by-role',
    conditions: { ownerRoles: ['Enterprise CSM'] },
  });
  const store = createEpisodeStore(redis, 'owners-c');
  const playbooks = createOrgPlaybooks({
    orgName: 'owners-c',
    playbooks: [plain, byRole],
    store,
    model: loadHealthModel({ cwd: process.cwd() }),
    client: () => Promise.resolve(client),
    owners: createOwnerDirectory({
      redis,
      orgName: 'owners-c',
      client: () => Promise.resolve(client),
      logger,
    }),
    taskMode: () => Promise.resolve('shadow'),
    logger,
  });
  const view: AccountView = {
    accountId: '001000000000001AAA',
    name: 'Acme',
    ownerId: '005000000000001AAA',
    segment: null,
    arr: null,
    score: 30,
    status: 'Red',
    scoreChange: null,
    escalation: 'None',
    escalationReasons: [],
    flags: [],
    reasons: '',
    openCases: [],
    calendar: 'default',
  };
  await playbooks.observe([view], new Date());
  await playbooks.afterRun({ status: 'completed', full: true }, new Date());
  expect([...(await store.baselined())]).toEqual(['plain']);
  // The next full pass with owners readable baselines it.
  await redis.del('org:{owners-c}:success:owners:failed');
  const working = fakeClient();
  const next = createOrgPlaybooks({
    orgName: 'owners-c',
    playbooks: [plain, byRole],
    store,
    model: loadHealthModel({ cwd: process.cwd() }),
    client: () => Promise.resolve(working.client),
    owners: createOwnerDirectory({
      redis,
      orgName: 'owners-c',
      client: () => Promise.resolve(working.client),
      logger,
    }),
    taskMode: () => Promise.resolve('shadow'),
    logger,
  });
  await next.observe([view], new Date());
  await next.afterRun({ status: 'completed', full: true }, new Date());
  expect([...(await store.baselined())].sort()).toEqual(['by-role', 'plain']);
});
