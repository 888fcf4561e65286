import { describe, expect, it } from 'vitest';

import type { FieldInfo, SObjectInfo } from '../../../src/salesforce/types.js';
import { MissingFieldError, planFields } from '../../../src/sync/pull/pull-fields.js';

const field = (name: string, extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  label: name,
  type: 'string',
  length: 80,
  precision: 0,
  scale: 0,
  custom: name.endsWith('__c'),
  createable: true,
  updateable: true,
  nillable: true,
  calculated: false,
  restrictedPicklist: false,
  picklistValues: [],
  ...extra,
});

const CASE_FIELDS = [
  'Id',
  'AccountId',
  'Priority',
  'Status',
  'IsClosed',
  'IsEscalated',
  'CreatedDate',
  'ClosedDate',
  'SystemModstamp',
  'IsDeleted',
];
const describeOf = (names: readonly string[], extra: FieldInfo[] = []): SObjectInfo => ({
  name: 'Case',
  fields: [...names.map((name) => field(name, name === 'IsClosed' ? { type: 'boolean' } : {})), ...extra],
});

describe('planFields', () => {
  it('reads the required fields and the optional ones the org has, skipping the others', () => {
    const plan = planFields(describeOf(CASE_FIELDS, [field('CaseNumber')]), 'Case', [
      'CaseNumber',
      'First_Response_At__c',
    ]);
    expect(plan.fields).toEqual([...CASE_FIELDS, 'CaseNumber']);
    expect(plan.skipped).toEqual(['First_Response_At__c']);
    expect(plan.types['IsClosed']).toBe('boolean');
  });

  it('stops on a missing required field, naming it and the fix', () => {
    const withoutPriority = CASE_FIELDS.filter((name) => name !== 'Priority');
    expect(() => planFields(describeOf(withoutPriority), 'Case', [])).toThrow(MissingFieldError);
    expect(() => planFields(describeOf(withoutPriority), 'Case', [])).toThrow(
      'Case lacks fields the pull needs, or the integration user cannot read them: Priority. Grant read access (Pulse_Integration permission set) and run `pulse doctor`.',
    );
  });

  it('names formula fields, which change without moving SystemModstamp', () => {
    const plan = planFields(describeOf(CASE_FIELDS, [field('Age__c', { calculated: true })]), 'Case', [
      'Age__c',
    ]);
    expect(plan.calculated).toEqual(['Age__c']);
  });
});
