/**
 * The org's roles and case queues: a small role hierarchy given to the users (the admin is the
 * executive, about 10% of the other users have no role), three support queues and a public group,
 * and about 30% of the open cases waiting in a queue (Case.OwnerId a Group id).
 *
 * Runs after every other record is generated and never draws from the seeded stream (ctx.random):
 * each choice is a hash of (seed, purpose, record id), so the rest of the org — every id and value
 * but the OwnerId of the queued cases — is exactly what it would be without roles and queues.
 */
import { unitDraw } from '../faults/hash.js';
import type { StoredRecord } from '../org/types.js';
import { emit, hasField, idOf, type Audit, type GeneratorContext } from './context.js';
import { DAY } from './time.js';
import type { UserPool } from './users.js';

interface RoleSpec {
  readonly name: string;
  readonly developerName: string;
  /** Share of the owner users with a role who get this one. */
  readonly weight: number;
}

/** The admin's role. */
export const EXECUTIVE_ROLE = { name: 'Executive', developerName: 'Executive' } as const;

/** The roles of the users who own records, by weight. */
export const OWNER_ROLES: readonly RoleSpec[] = [
  { name: 'VP Customer Success', developerName: 'VP_Customer_Success', weight: 1 },
  { name: 'Enterprise CSM', developerName: 'Enterprise_CSM', weight: 3 },
  { name: 'Commercial CSM', developerName: 'Commercial_CSM', weight: 3 },
  { name: 'SMB CSM', developerName: 'SMB_CSM', weight: 3 },
];

interface GroupSpec {
  readonly name: string;
  readonly developerName: string;
  readonly type: 'Queue' | 'Regular';
  /** The local part of the queue's email address; null for no email. */
  readonly mailbox: string | null;
  /** Share of the queued cases this queue holds (0 for a group that owns nothing). */
  readonly weight: number;
}

/** The case queues, by how many of the queued cases each holds, then one public group. */
export const GROUPS: readonly GroupSpec[] = [
  { name: 'Tier 1 Support', developerName: 'Tier_1_Support', type: 'Queue', mailbox: 'support', weight: 5 },
  {
    name: 'Tier 2 Support',
    developerName: 'Tier_2_Support',
    type: 'Queue',
    mailbox: 'support-t2',
    weight: 3,
  },
  {
    name: 'Enterprise Support',
    developerName: 'Enterprise_Support',
    type: 'Queue',
    mailbox: 'enterprise-support',
    weight: 2,
  },
  { name: 'All CSMs', developerName: 'All_CSMs', type: 'Regular', mailbox: null, weight: 0 },
];

/** Share of the owner users without a role. */
export const NO_ROLE_SHARE = 0.1;
/** Share of the open cases owned by a queue. */
export const QUEUED_CASE_SHARE = 0.3;

/** The `count` items with the lowest draws (ties broken by id), as a set. */
function lowestDraws(ids: readonly string[], draw: (id: string) => number, count: number): Set<string> {
  const ranked = ids
    .map((id) => ({ id, value: draw(id) }))
    .sort((a, b) => a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return new Set(ranked.slice(0, count).map((entry) => entry.id));
}

/** One of `items` by weight, from a draw in [0, 1). */
function byWeight<T extends { readonly weight: number }>(items: readonly T[], draw: number): T {
  const candidates = items.filter((item) => item.weight > 0);
  let target = draw * candidates.reduce((total, item) => total + item.weight, 0);
  for (const item of candidates) {
    target -= item.weight;
    if (target < 0) return item;
  }
  const last = candidates[candidates.length - 1];
  if (!last) throw new Error('no weighted candidates');
  return last;
}

/** Set up by the admin a day or two after the org was created. */
function setupAudit(users: UserPool, days: number): Audit {
  const createdMs = (users.createdMsById.get(users.adminId) ?? 0) + days * DAY;
  return { createdMs, createdById: users.adminId, modifiedMs: createdMs, modifiedById: users.adminId };
}

function assignRoles(ctx: GeneratorContext, users: UserPool, seed: number): void {
  const executive = emit(ctx, 'UserRole', setupAudit(users, 1), {
    Name: EXECUTIVE_ROLE.name,
    DeveloperName: EXECUTIVE_ROLE.developerName,
  });
  if (!executive) return;
  const roleIds = OWNER_ROLES.map((role) => {
    const record = emit(ctx, 'UserRole', setupAudit(users, 1), {
      Name: role.name,
      DeveloperName: role.developerName,
    });
    return { id: record ? idOf(record) : '', weight: role.weight };
  });
  if (!hasField(ctx, 'User', 'UserRoleId')) return;

  const usersById = new Map((ctx.output.get('User') ?? []).map((user) => [idOf(user), user]));
  const setRole = (userId: string, roleId: string | null): void => {
    const user = usersById.get(userId);
    if (user) user['UserRoleId'] = roleId;
  };
  setRole(users.adminId, idOf(executive));
  const roleless = lowestDraws(
    users.ownerIds,
    (id) => unitDraw(seed, 'no-role', id),
    Math.round(users.ownerIds.length * NO_ROLE_SHARE),
  );
  for (const userId of users.ownerIds) {
    setRole(userId, roleless.has(userId) ? null : byWeight(roleIds, unitDraw(seed, 'role', userId)).id);
  }
}

function emailDomain(ctx: GeneratorContext, users: UserPool): string {
  const admin = (ctx.output.get('User') ?? []).find((user) => user['Id'] === users.adminId);
  const email = typeof admin?.['Email'] === 'string' ? admin['Email'] : '';
  return email.includes('@') ? email.slice(email.indexOf('@') + 1) : 'example.com';
}

function createGroups(ctx: GeneratorContext, users: UserPool): { id: string; weight: number }[] {
  const domain = emailDomain(ctx, users);
  const queues: { id: string; weight: number }[] = [];
  for (const group of GROUPS) {
    const record = emit(ctx, 'Group', setupAudit(users, 2), {
      Name: group.name,
      DeveloperName: group.developerName,
      Type: group.type,
      Email: group.mailbox === null ? null : `${group.mailbox}@${domain}`,
    });
    if (!record) return [];
    if (group.type === 'Queue') queues.push({ id: idOf(record), weight: group.weight });
  }
  return queues;
}

/** True when Case.OwnerId can hold a Group id in this org. */
function casesTakeQueues(ctx: GeneratorContext): boolean {
  const owner = ctx.shapers.get('Case')?.schema.fields.find((field) => field.name === 'OwnerId');
  return owner?.referenceTo.includes('Group') ?? false;
}

function queueCases(
  ctx: GeneratorContext,
  queues: readonly { id: string; weight: number }[],
  seed: number,
): void {
  if (queues.length === 0 || !casesTakeQueues(ctx)) return;
  const open = (ctx.output.get('Case') ?? []).filter((record) => record['IsClosed'] === false);
  const byId = new Map<string, StoredRecord>(open.map((record) => [idOf(record), record]));
  const queued = lowestDraws(
    [...byId.keys()],
    (id) => unitDraw(seed, 'queued-case', id),
    Math.round(open.length * QUEUED_CASE_SHARE),
  );
  for (const caseId of queued) {
    const record = byId.get(caseId);
    if (record) record['OwnerId'] = byWeight(queues, unitDraw(seed, 'case-queue', caseId)).id;
  }
}

/**
 * Adds UserRole and Group records and assigns them (User.UserRoleId, Case.OwnerId), for the objects
 * and fields the org has. Call it last: it reads the generated users and cases from ctx.output.
 */
export function generateRolesAndQueues(ctx: GeneratorContext, users: UserPool, seed: number): void {
  assignRoles(ctx, users, seed);
  queueCases(ctx, createGroups(ctx, users), seed);
}
