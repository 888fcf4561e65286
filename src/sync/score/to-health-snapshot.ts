/**
 * Turns what the pull stored for an account into the health model's snapshot: Salesforce field
 * names stay, the mapped optional inputs go under `fields`, and a case's first response comes
 * from the org's field when it has one.
 */
import type { FieldMapping } from '../../config/index.js';
import { AccountSnapshot, type HealthModel } from '../../health/index.js';
import type { PulledRecord } from '../snapshot/snapshot-store.js';

const pick = (record: PulledRecord, names: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(names.filter((name) => record[name] !== undefined).map((name) => [name, record[name]]));

const ACCOUNT_FIELDS = [
  'Id',
  'Name',
  'Type',
  'AnnualRevenue',
  'CurrencyIsoCode',
  'OwnerId',
  'CreatedDate',
  'LastActivityDate',
];
const OPPORTUNITY_FIELDS = [
  'Id',
  'StageName',
  'IsClosed',
  'IsWon',
  'CloseDate',
  'Amount',
  'Probability',
  'Type',
  'CurrencyIsoCode',
];
const CASE_FIELDS = [
  'Id',
  'CaseNumber',
  'Priority',
  'Status',
  'IsClosed',
  'IsEscalated',
  'CreatedDate',
  'ClosedDate',
];

export function toHealthSnapshot(
  stored: {
    account: PulledRecord;
    opportunities: readonly PulledRecord[];
    cases: readonly PulledRecord[];
    history?: readonly { at: string; score: number }[];
  },
  mapping: FieldMapping,
  model: HealthModel,
): AccountSnapshot {
  const inputs = Object.values(model.config.inputs).map((input) => input.field);
  const fields = Object.fromEntries(
    inputs.filter((name) => stored.account[name] !== undefined).map((name) => [name, stored.account[name]]),
  );
  return AccountSnapshot.parse({
    account: {
      ...pick(stored.account, ACCOUNT_FIELDS),
      Health_Score_Override__c: stored.account[mapping.override] ?? null,
      fields,
    },
    opportunities: stored.opportunities.map((opportunity) => pick(opportunity, OPPORTUNITY_FIELDS)),
    cases: stored.cases.map((item) => ({
      ...pick(item, CASE_FIELDS),
      ...(item['First_Response_At__c'] === undefined
        ? {}
        : { FirstResponseAt: item['First_Response_At__c'] }),
    })),
    history: stored.history ?? [],
  });
}
