/**
 * Generated activity: tasks on an account or its opportunities, recent for healthy accounts, old or
 * missing for accounts at risk, plus a few open ones due soon. Sets the account's LastActivityDate
 * (the latest closed task's date, as Salesforce does) and the formula field that counts from it.
 */
import type { StoredRecord } from '../org/types.js';
import { TASK_CLOSED_STATUSES } from '../schema/task.js';
import type { AccountProfile } from './account-profile.js';
import { emit, hasField, type GeneratorContext } from './context.js';
import type { OpportunitySummary } from './opportunities.js';
import { TASK_NOTES, TASK_SUBJECTS } from './text-pools.js';
import { DAY, dayOf, HOUR, wireDate } from './time.js';
import { creatorAt, type UserPool } from './users.js';

type TaskType = 'Call' | 'Email' | 'Meeting' | 'Other';

const TYPES: readonly (readonly [TaskType, number])[] = [
  ['Call', 35],
  ['Email', 35],
  ['Meeting', 20],
  ['Other', 10],
];
const PRIORITIES: readonly (readonly [string, number])[] = [
  ['Normal', 75],
  ['High', 15],
  ['Low', 10],
];
const OPEN_STATUSES: readonly (readonly [string, number])[] = [
  ['Not Started', 60],
  ['In Progress', 25],
  ['Waiting on someone else', 15],
];

/** How many tasks, and how many days ago the latest completed one was. */
function activityPlan(
  ctx: GeneratorContext,
  account: AccountProfile,
): { count: number; lastTouchDays: number } {
  const { random } = ctx;
  if (account.churnedDay !== null) {
    return { count: random.int(0, 3), lastTouchDays: ctx.today - account.churnedDay + random.int(0, 60) };
  }
  if (!account.customer) return { count: random.int(0, 3), lastTouchDays: random.int(0, 90) };
  switch (account.risk) {
    case 'healthy':
      return { count: random.int(3, 12), lastTouchDays: random.int(0, 14) };
    case 'watch':
      return { count: random.int(1, 6), lastTouchDays: random.int(7, 60) };
    case 'atRisk':
      return { count: random.int(0, 4), lastTouchDays: random.int(21, 150) };
  }
}

export function generateTasks(
  ctx: GeneratorContext,
  account: AccountProfile,
  opportunities: readonly OpportunitySummary[],
  users: UserPool,
): void {
  const { random, nowMs, today } = ctx;
  const { count, lastTouchDays } = activityPlan(ctx, account);
  const createdDay = dayOf(account.createdMs);
  let lastActivityDay: number | null = null;
  let completedSoFar = 0;

  for (let i = 0; i < count; i += 1) {
    const open = account.churnedDay === null && random.chance(0.2);
    let activityDay: number;
    let createdMs: number;
    let status: string;
    if (open) {
      activityDay = Math.max(today + random.int(-5, 30), createdDay);
      status = random.weighted(OPEN_STATUSES);
      createdMs = nowMs - random.int(0, 20 * 24 * 3600) * 1000;
    } else {
      const daysAgo = completedSoFar === 0 ? lastTouchDays : lastTouchDays + random.int(0, 300);
      activityDay = Math.max(today - daysAgo, createdDay);
      status = 'Completed';
      createdMs = Math.min(activityDay * DAY + random.int(8, 19) * HOUR + random.int(0, 3599) * 1000, nowMs);
      completedSoFar += 1;
    }
    createdMs = Math.max(createdMs, account.createdMs);
    const closed = TASK_CLOSED_STATUSES.has(status);
    if (closed && activityDay <= today && (lastActivityDay === null || activityDay > lastActivityDay)) {
      lastActivityDay = activityDay;
    }

    const type = random.weighted(TYPES);
    const ownerId = random.chance(0.8) ? account.ownerId : random.pick(users.ownerIds);
    const author = creatorAt(users, ownerId, createdMs);
    const what = opportunities.length > 0 && random.chance(0.3) ? random.pick(opportunities).id : account.id;
    emit(
      ctx,
      'Task',
      { createdMs, createdById: author, modifiedMs: createdMs, modifiedById: author },
      {
        WhatId: what,
        Subject: random.pick(TASK_SUBJECTS[type]),
        ActivityDate: wireDate(activityDay),
        Status: status,
        Priority: random.weighted(PRIORITIES),
        Type: type,
        IsClosed: closed,
        Description: random.chance(0.25) ? random.pick(TASK_NOTES) : null,
        OwnerId: ownerId,
      },
    );
  }
  setLastActivity(ctx, account.record, lastActivityDay);
}

/** LastActivityDate and Days_Since_Last_Activity__c, where the org has them. */
function setLastActivity(ctx: GeneratorContext, account: StoredRecord, day: number | null): void {
  if (hasField(ctx, 'Account', 'LastActivityDate'))
    account['LastActivityDate'] = day === null ? null : wireDate(day);
  if (hasField(ctx, 'Account', 'Days_Since_Last_Activity__c')) {
    account['Days_Since_Last_Activity__c'] = day === null ? null : ctx.today - day;
  }
}
