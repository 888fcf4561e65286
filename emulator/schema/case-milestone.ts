/**
 * CaseMilestone (orgs with Entitlement Management): a case's response and resolution targets.
 * Salesforce creates milestones itself; the API may only complete them.
 */
import type { SObjectSchema } from '../org/types.js';
import { booleanField, datetimeField, intField, referenceField, SYSTEM_MANAGED } from './field-builders.js';
import { auditFields, identityFields } from './standard-fields.js';

export function caseMilestoneSchema(): SObjectSchema {
  return {
    name: 'CaseMilestone',
    label: 'Case Milestone',
    labelPlural: 'Case Milestones',
    keyPrefix: '552',
    custom: false,
    fields: [
      ...identityFields('Case Milestone'),
      referenceField('CaseId', 'Case ID', ['Case'], 'Case', { ...SYSTEM_MANAGED, nillable: false }),
      datetimeField('StartDate', 'Start Date', SYSTEM_MANAGED),
      datetimeField('TargetDate', 'Target Date', { ...SYSTEM_MANAGED, nillable: false }),
      datetimeField('CompletionDate', 'Completion Date', { createable: false }),
      booleanField('IsCompleted', 'Completed', SYSTEM_MANAGED),
      booleanField('IsViolated', 'Violation', SYSTEM_MANAGED),
      intField('TargetResponseInMins', 'Target Response (Mins)', 9, SYSTEM_MANAGED),
      ...auditFields(),
    ],
    childRelationships: [],
  };
}
