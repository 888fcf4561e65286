/** The Case object: support load, priority, escalation and response times. */
import type { SObjectSchema } from '../org/types.js';
import {
  booleanField,
  datetimeField,
  picklistField,
  referenceField,
  stringField,
  SYSTEM_MANAGED,
  textareaField,
} from './field-builders.js';
import {
  auditFields,
  childRelationship,
  currencyIsoCodeField,
  identityFields,
  ownerField,
} from './standard-fields.js';

/** Salesforce's High/Medium/Low plus the 'Critical' many orgs add. */
export const CASE_PRIORITY_VALUES = ['Critical', 'High', 'Medium', 'Low'] as const;
export const CASE_STATUS_VALUES = ['New', 'Working', 'Escalated', 'Closed'] as const;
export const CASE_ORIGIN_VALUES = ['Phone', 'Email', 'Web'] as const;

export function caseSchema(currencies: readonly string[]): SObjectSchema {
  return {
    name: 'Case',
    label: 'Case',
    labelPlural: 'Cases',
    keyPrefix: '500',
    custom: false,
    fields: [
      ...identityFields('Case'),
      stringField('CaseNumber', 'Case Number', 30, {
        ...SYSTEM_MANAGED,
        nillable: false,
        autoNumber: true,
        nameField: true,
        idLookup: true,
        defaultedOnCreate: true,
      }),
      referenceField('AccountId', 'Account ID', ['Account'], 'Account'),
      stringField('Subject', 'Subject', 255),
      textareaField('Description', 'Description', 32000),
      picklistField('Status', 'Status', CASE_STATUS_VALUES, { defaultPicklistValue: 'New' }),
      picklistField('Priority', 'Priority', CASE_PRIORITY_VALUES, { defaultPicklistValue: 'Medium' }),
      picklistField('Origin', 'Case Origin', CASE_ORIGIN_VALUES),
      booleanField('IsClosed', 'Closed', SYSTEM_MANAGED),
      booleanField('IsEscalated', 'Escalated'),
      datetimeField('ClosedDate', 'Closed Date', SYSTEM_MANAGED),
      ownerField(['Group', 'User']),
      currencyIsoCodeField('Case', currencies),
      ...auditFields(),
      datetimeField('First_Response_At__c', 'First Response At'),
    ],
    childRelationships: [childRelationship('CaseMilestone', 'CaseId', 'CaseMilestones', true)],
  };
}
