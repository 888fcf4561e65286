/**
 * The org's users: an admin who set the org up, and customer success managers (about one per 25
 * accounts, at least 3 users in all) who own accounts and opportunities. A few have left (inactive)
 * but still own records, as in real orgs.
 */
import { TIME_ZONE_VALUES } from '../schema/user.js';
import { emit, idOf, type GeneratorContext } from './context.js';
import { DAY } from './time.js';

export interface UserPool {
  readonly adminId: string;
  /** Users who own records (everyone but the admin). */
  readonly ownerIds: readonly string[];
  /** When each user was created, by id. */
  readonly createdMsById: ReadonlyMap<string, number>;
}

/** Lowercase ASCII letters only, for usernames and aliases. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

export function userCount(accounts: number): number {
  return Math.max(3, Math.round(accounts / 25));
}

export function generateUsers(ctx: GeneratorContext, count: number): UserPool {
  const { random, nowMs } = ctx;
  const domain = `${slug(random.faker.company.name()).slice(0, 20) || 'pulse'}.example.com`;
  const adminCreatedMs = nowMs - 2600 * DAY - random.int(0, 200 * 86_400) * 1000;
  const createdMsById = new Map<string, number>();
  let adminId = '';
  const ownerIds: string[] = [];

  for (let index = 0; index < count; index += 1) {
    const isAdmin = index === 0;
    const firstName = isAdmin ? 'Admin' : random.faker.person.firstName();
    const lastName = isAdmin ? 'User' : random.faker.person.lastName();
    const handle = `${slug(firstName) || 'user'}.${slug(lastName) || 'user'}`;
    const createdMs = isAdmin
      ? adminCreatedMs
      : adminCreatedMs + random.int(DAY / 1000, 2500 * 86_400) * 1000;
    const active = index <= 1 || random.chance(0.92);
    const record = emit(
      ctx,
      'User',
      {
        createdMs: Math.min(createdMs, nowMs - 30 * DAY),
        createdById: isAdmin ? '' : adminId,
        modifiedMs: createdMs + random.int(0, 300 * 86_400) * 1000,
        modifiedById: isAdmin ? '' : adminId,
      },
      {
        Username: `${handle}${isAdmin ? '' : `.${index}`}@${domain}`,
        FirstName: firstName,
        LastName: lastName,
        Name: `${firstName} ${lastName}`,
        Alias: `${slug(firstName).slice(0, 1)}${slug(lastName)}`.slice(0, 8) || `user${index}`,
        Email: `${handle}@${domain}`,
        IsActive: active,
        TimeZoneSidKey: random.pick(TIME_ZONE_VALUES),
        UserType: 'Standard',
      },
    );
    if (!record) throw new Error('the emulated org needs the User object');
    const id = idOf(record);
    if (isAdmin) {
      adminId = id;
      // The first user created itself.
      record['CreatedById'] = id;
      record['LastModifiedById'] = id;
    } else {
      ownerIds.push(id);
    }
    createdMsById.set(id, Math.min(createdMs, nowMs - 30 * DAY));
  }
  return { adminId, ownerIds, createdMsById };
}

/** `userId` when that user existed at `ms`, else the admin (who imported the record). */
export function creatorAt(users: UserPool, userId: string, ms: number): string {
  return (users.createdMsById.get(userId) ?? Number.POSITIVE_INFINITY) <= ms ? userId : users.adminId;
}
