/**
 * Generated support cases, 0-15 per customer, more and worse for accounts at risk: every priority,
 * escalations, cases open for weeks and recently closed ones. A case is closed exactly when its
 * resolution time has passed; its first response comes before it closes.
 */
import type { AccountProfile, Risk } from './account-profile.js';
import { generateMilestones, type CaseTimes } from './case-milestones.js';
import { emit, idOf, type GeneratorContext } from './context.js';
import { FIRST_RESPONSE_TARGET_MINS, type CasePriority } from './sla.js';
import { CASE_DETAILS, CASE_SUBJECTS } from './text-pools.js';
import { DAY, MINUTE, wholeSecond, wireDateTime } from './time.js';
import { creatorAt, type UserPool } from './users.js';

const PRIORITIES: Readonly<Record<Risk, readonly (readonly [CasePriority, number])[]>> = {
  healthy: [
    ['Critical', 3],
    ['High', 15],
    ['Medium', 45],
    ['Low', 37],
  ],
  watch: [
    ['Critical', 6],
    ['High', 22],
    ['Medium', 42],
    ['Low', 30],
  ],
  atRisk: [
    ['Critical', 12],
    ['High', 28],
    ['Medium', 38],
    ['Low', 22],
  ],
};

/** [min, max] resolution time in minutes by priority. */
const RESOLUTION_MINS: Readonly<Record<CasePriority, readonly [number, number]>> = {
  Critical: [2 * 60, 3 * 24 * 60],
  High: [4 * 60, 7 * 24 * 60],
  Medium: [24 * 60, 21 * 24 * 60],
  Low: [24 * 60, 45 * 24 * 60],
};

const RISK_FACTOR: Readonly<Record<Risk, number>> = { healthy: 1, watch: 1.3, atRisk: 1.8 };
const SEGMENT_BASE = { SMB: 1.2, 'Mid-Market': 3, Enterprise: 6 } as const;
const ORIGINS: readonly (readonly [string, number])[] = [
  ['Email', 50],
  ['Web', 30],
  ['Phone', 20],
];

/** The org-wide CaseNumber sequence. */
export interface CaseNumbering {
  next: number;
}

function caseCount(ctx: GeneratorContext, account: AccountProfile): number {
  if (!account.customer) return 0;
  const base = SEGMENT_BASE[account.segment] * { healthy: 0.7, watch: 1.3, atRisk: 2.2 }[account.risk];
  const burst = account.risk === 'atRisk' && ctx.random.chance(0.5) ? ctx.random.int(1, 3) : 0;
  return Math.min(15, Math.floor(base * ctx.random.between(0, 2)) + burst);
}

export function generateCases(
  ctx: GeneratorContext,
  account: AccountProfile,
  users: UserPool,
  numbering: CaseNumbering,
): void {
  const { random, nowMs } = ctx;
  const count = caseCount(ctx, account);
  const since = Math.max(account.createdMs, ((account.customerSinceDay ?? 0) + 1) * DAY, nowMs - 730 * DAY);
  const until = account.churnedDay === null ? nowMs : Math.min(nowMs, account.churnedDay * DAY);
  if (count === 0 || until - since < DAY) return;
  const recency = account.risk === 'atRisk' ? 3 : 2;

  for (let i = 0; i < count; i += 1) {
    const createdMs = wholeSecond(until - (until - since) * random.unit() ** recency);
    const priority = random.weighted(PRIORITIES[account.risk]);
    const responseFactor =
      account.risk === 'healthy'
        ? random.between(0.05, 1.1)
        : account.risk === 'watch'
          ? random.between(0.1, 1.6)
          : random.between(0.2, 3);
    const [minResolution, maxResolution] = RESOLUTION_MINS[priority];
    const stuck = random.chance(0.06) ? random.between(4, 10) : 1;
    const resolutionMins = random.between(minResolution, maxResolution) * RISK_FACTOR[account.risk] * stuck;

    const closedAt = wholeSecond(createdMs + resolutionMins * MINUTE);
    const closed = closedAt <= nowMs;
    let firstResponseAt: number | null = wholeSecond(
      createdMs + FIRST_RESPONSE_TARGET_MINS[priority] * responseFactor * MINUTE,
    );
    if (closed) firstResponseAt = Math.min(firstResponseAt, closedAt);
    else if (firstResponseAt > nowMs) firstResponseAt = null;
    const severe = priority === 'Critical' || priority === 'High';
    const ageDays = (nowMs - createdMs) / DAY;
    const escalated = closed
      ? severe && random.chance(0.15)
      : firstResponseAt !== null &&
        (severe || ageDays > 14) &&
        random.chance(account.risk === 'atRisk' ? 0.5 : 0.35);
    const status = closed ? 'Closed' : firstResponseAt === null ? 'New' : escalated ? 'Escalated' : 'Working';

    const origin = random.weighted(ORIGINS);
    const ownerId = random.pick(users.ownerIds);
    const createdById = origin === 'Phone' ? creatorAt(users, ownerId, createdMs) : users.adminId;
    const lastTouch = closed
      ? closedAt
      : Math.max(firstResponseAt ?? createdMs, createdMs + random.unit() * (nowMs - createdMs));
    const record = emit(
      ctx,
      'Case',
      { createdMs, createdById, modifiedMs: lastTouch, modifiedById: creatorAt(users, ownerId, lastTouch) },
      {
        CaseNumber: String(numbering.next).padStart(8, '0'),
        AccountId: account.id,
        Subject: random.pick(CASE_SUBJECTS),
        Description: random.chance(0.4) ? random.pick(CASE_DETAILS) : null,
        Status: status,
        Priority: priority,
        Origin: origin,
        IsClosed: closed,
        IsEscalated: escalated,
        ClosedDate: closed ? wireDateTime(closedAt) : null,
        OwnerId: ownerId,
        CurrencyIsoCode: account.currency,
        First_Response_At__c: firstResponseAt === null ? null : wireDateTime(firstResponseAt),
      },
    );
    numbering.next += 1;
    if (!record) continue;
    const times: CaseTimes = { createdMs, firstResponseAt, closedAt: closed ? closedAt : null, priority };
    generateMilestones(ctx, idOf(record), times, createdById);
  }
}
