/** The Task object: activity on accounts and opportunities; Pulse upserts tasks by Pulse_Key__c. */
import type { SObjectSchema } from '../org/types.js';
import {
  booleanField,
  dateField,
  picklistField,
  referenceField,
  stringField,
  SYSTEM_MANAGED,
  textareaField,
} from './field-builders.js';
import { auditFields, identityFields, ownerField } from './standard-fields.js';

export const TASK_STATUS_VALUES = [
  'Not Started',
  'In Progress',
  'Completed',
  'Waiting on someone else',
  'Deferred',
] as const;
/** The statuses that close a task. */
export const TASK_CLOSED_STATUSES: ReadonlySet<string> = new Set(['Completed']);
export const TASK_PRIORITY_VALUES = ['High', 'Normal', 'Low'] as const;
export const TASK_TYPE_VALUES = ['Call', 'Email', 'Meeting', 'Other'] as const;

export function taskSchema(): SObjectSchema {
  return {
    name: 'Task',
    label: 'Task',
    labelPlural: 'Tasks',
    keyPrefix: '00T',
    custom: false,
    fields: [
      ...identityFields('Activity'),
      referenceField('WhatId', 'Related To ID', ['Account', 'Opportunity'], 'What'),
      stringField('Subject', 'Subject', 255, { nameField: true }),
      dateField('ActivityDate', 'Due Date Only'),
      picklistField('Status', 'Status', TASK_STATUS_VALUES, {
        nillable: false,
        defaultPicklistValue: 'Not Started',
      }),
      picklistField('Priority', 'Priority', TASK_PRIORITY_VALUES, {
        nillable: false,
        defaultPicklistValue: 'Normal',
      }),
      picklistField('Type', 'Type', TASK_TYPE_VALUES),
      booleanField('IsClosed', 'Closed', SYSTEM_MANAGED),
      textareaField('Description', 'Description', 32000),
      ownerField(),
      ...auditFields(),
      stringField('Pulse_Key__c', 'Pulse Key', 80, { externalId: true, unique: true, idLookup: true }),
    ],
    childRelationships: [],
  };
}
