/**
 * Changes the org the way its people do between two syncs: N% of an object's live records get one
 * change each — a field value, an opportunity's stage, a case's or task's status or priority, a new
 * owner, or a case/opportunity/task moved to another account — saved by a human user (the record's
 * owner, else the admin). Deterministic from (seed, object, round).
 */
import { unitDraw } from '../faults/hash.js';
import type { OrgStore } from '../org/org-store.js';
import type { StoredRecord, WireValue } from '../org/types.js';
import { formatDate, formatDateTime, parseDate } from '../org/wire-format.js';
import { INDUSTRY_VALUES } from '../schema/account.js';
import { CASE_PRIORITY_VALUES, CASE_STATUS_VALUES } from '../schema/case.js';
import { OPPORTUNITY_STAGES } from '../schema/opportunity.js';
import { TASK_PRIORITY_VALUES, TASK_STATUS_VALUES } from '../schema/task.js';
import { derivedValues } from './derived-fields.js';
import { createRandom, type Random } from './random.js';
import { DAY } from './time.js';

export const CHANGE_KINDS = ['fields', 'stage', 'status', 'priority', 'owner', 'reparent'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The kinds of change each object can take. */
const APPLICABLE: Readonly<Record<string, readonly ChangeKind[]>> = {
  Account: ['fields', 'owner'],
  Opportunity: ['fields', 'stage', 'owner', 'reparent'],
  Case: ['fields', 'status', 'priority', 'owner', 'reparent'],
  Task: ['fields', 'status', 'priority', 'owner', 'reparent'],
};

export interface ChangeSpec {
  readonly object: string;
  /** Share of live records to change, 0-100. */
  readonly percent: number;
  /** Kinds to choose from (default: every kind the object can take). */
  readonly kinds?: readonly ChangeKind[];
}

export interface ChangedRecord {
  readonly id: string;
  readonly kind: ChangeKind;
  readonly fields: readonly string[];
  readonly by: string;
}

export interface ChangeActors {
  readonly adminId: string;
  readonly apiUserId: string;
}

export const changeableObjects = (): string[] => Object.keys(APPLICABLE);

const other = <T>(random: Random, values: readonly T[], current: unknown): T =>
  random.pick(
    values.filter((value) => value !== current).length > 0
      ? values.filter((value) => value !== current)
      : values,
  );

function scaled(value: WireValue, random: Random): number {
  const base = typeof value === 'number' ? value : 100;
  return Math.max(1, Math.round(base * random.between(0.7, 1.3)));
}

function fieldChange(
  objectName: string,
  record: StoredRecord,
  random: Random,
  nowMs: number,
): Record<string, WireValue> {
  switch (objectName) {
    case 'Account':
      return random.chance(0.5)
        ? { NumberOfEmployees: scaled(record['NumberOfEmployees'] ?? null, random) }
        : { Industry: other(random, INDUSTRY_VALUES, record['Industry']) };
    case 'Opportunity': {
      const close = parseDate(String(record['CloseDate'] ?? ''))?.getTime() ?? nowMs;
      return random.chance(0.5)
        ? { Amount: scaled(record['Amount'] ?? null, random) }
        : { CloseDate: formatDate(new Date(close + random.int(7, 60) * DAY)) };
    }
    case 'Case':
      return { IsEscalated: record['IsEscalated'] !== true };
    default:
      return { ActivityDate: formatDate(new Date(nowMs + random.int(1, 30) * DAY)) };
  }
}

function change(
  kind: ChangeKind,
  objectName: string,
  record: StoredRecord,
  random: Random,
  pools: { readonly owners: readonly string[]; readonly accounts: readonly string[] },
  nowMs: number,
): Record<string, WireValue> {
  switch (kind) {
    case 'fields':
      return fieldChange(objectName, record, random, nowMs);
    case 'stage':
      return {
        StageName: other(
          random,
          OPPORTUNITY_STAGES.map((stage) => stage.name),
          record['StageName'],
        ),
      };
    case 'status':
      return {
        Status: other(
          random,
          objectName === 'Case' ? CASE_STATUS_VALUES : TASK_STATUS_VALUES,
          record['Status'],
        ),
      };
    case 'priority':
      return {
        Priority: other(
          random,
          objectName === 'Case' ? CASE_PRIORITY_VALUES : TASK_PRIORITY_VALUES,
          record['Priority'],
        ),
      };
    case 'owner':
      return { OwnerId: other(random, pools.owners, record['OwnerId']) };
    case 'reparent': {
      const field = objectName === 'Task' ? 'WhatId' : 'AccountId';
      return { [field]: other(random, pools.accounts, record[field]) };
    }
  }
}

/** @throws Error for an object the change endpoint does not know, or a kind it cannot take */
export function changeRecords(
  store: OrgStore,
  spec: ChangeSpec,
  seed: number,
  round: number,
  actors: ChangeActors,
): ChangedRecord[] {
  const schema = store.schemaOf(spec.object);
  const applicable = schema ? APPLICABLE[schema.name] : undefined;
  if (!schema || !applicable) throw new Error(`changes: expected one of ${changeableObjects().join(', ')}`);
  const kinds = (spec.kinds ?? applicable).filter((kind) => applicable.includes(kind));
  if (kinds.length === 0) throw new Error(`changes: ${schema.name} takes ${applicable.join(', ')}`);
  const random = createRandom(Math.floor(unitDraw(seed, 'changes', schema.name, round) * 2 ** 31));
  const live = [...store.recordsOf(schema.name)].filter((record) => record['IsDeleted'] !== true);
  const count = Math.round((Math.min(Math.max(spec.percent, 0), 100) / 100) * live.length);
  // A partial Fisher-Yates shuffle picks `count` distinct records.
  for (let i = 0; i < count; i += 1) {
    const j = random.int(i, live.length - 1);
    [live[i], live[j]] = [live[j] as StoredRecord, live[i] as StoredRecord];
  }
  const users = [...store.recordsOf('User')];
  const owners = users
    .filter((user) => user['IsActive'] === true && user['Id'] !== actors.apiUserId)
    .map((user) => String(user['Id']));
  const accounts = [...store.recordsOf('Account')]
    .filter((account) => account['IsDeleted'] !== true)
    .map((account) => String(account['Id']));
  const nowMs = store.now().getTime();
  return live.slice(0, count).map((record) => {
    const kind = random.pick(kinds);
    const values = change(kind, schema.name, record, random, { owners, accounts }, nowMs);
    const owner = String(record['OwnerId'] ?? '');
    const by = owners.includes(owner) ? owner : actors.adminId;
    const merged = { ...record, ...values };
    Object.assign(
      values,
      derivedValues(schema.name, merged, new Set(Object.keys(values)), formatDateTime(new Date(nowMs))),
    );
    store.update(record, values, by);
    return { id: String(record['Id']), kind, fields: Object.keys(values), by };
  });
}
