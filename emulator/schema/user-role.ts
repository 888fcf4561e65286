/**
 * UserRole and Group: the org's role hierarchy (a user's `UserRoleId`) and its public groups and
 * queues (a Group of Type 'Queue' can own cases, hence Case.OwnerId's `['Group', 'User']`).
 * Only the fields the emulator fills; real orgs describe more (ParentRoleId, RelatedId, ...).
 */
import type { SObjectSchema } from '../org/types.js';
import { emailField, picklistField, stringField } from './field-builders.js';
import { auditFields, childRelationship, identityFields } from './standard-fields.js';

export function userRoleSchema(): SObjectSchema {
  return {
    name: 'UserRole',
    label: 'Role',
    labelPlural: 'Roles',
    keyPrefix: '00E',
    custom: false,
    fields: [
      ...identityFields('Role'),
      stringField('Name', 'Name', 80, { nillable: false, nameField: true }),
      stringField('DeveloperName', 'Developer Name', 80, { unique: true }),
      ...auditFields(),
    ],
    childRelationships: [childRelationship('User', 'UserRoleId', 'Users')],
  };
}

/** Group.Type: a public group, a queue, and the groups Salesforce keeps for roles and the org. */
export const GROUP_TYPE_VALUES = ['Regular', 'Queue', 'Role', 'RoleAndSubordinates', 'Organization'] as const;

export function groupSchema(): SObjectSchema {
  return {
    name: 'Group',
    label: 'Group',
    labelPlural: 'Groups',
    keyPrefix: '00G',
    custom: false,
    fields: [
      ...identityFields('Group'),
      stringField('Name', 'Name', 40, { nillable: false, nameField: true }),
      stringField('DeveloperName', 'Developer Name', 80),
      picklistField('Type', 'Type', GROUP_TYPE_VALUES, {
        nillable: false,
        restrictedPicklist: true,
        defaultPicklistValue: 'Regular',
      }),
      emailField('Email', 'Email', 255),
      ...auditFields(),
    ],
    childRelationships: [],
  };
}
