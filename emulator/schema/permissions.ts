/**
 * The permission objects a client reads to tell what the integration user may see and do, with
 * plain SOQL: PermissionSet, PermissionSetAssignment, ObjectPermissions, and UserPermissionAccess
 * (one row: the running user's effective system permissions). Read-only through the API here.
 */
import type { FieldDescribe, SObjectSchema } from '../org/types.js';
import { booleanField, referenceField, stringField, SYSTEM_MANAGED } from './field-builders.js';
import { auditFields, childRelationship, identityFields } from './standard-fields.js';

const READ_ONLY = { ...SYSTEM_MANAGED, nillable: false } as const;

/** The system permissions the emulator models, on PermissionSet and UserPermissionAccess. */
export const SYSTEM_PERMISSIONS = [
  ['PermissionsApiEnabled', 'API Enabled'],
  ['PermissionsViewAllData', 'View All Data'],
  ['PermissionsModifyAllData', 'Modify All Data'],
] as const;

const systemPermissionFields = (): FieldDescribe[] =>
  SYSTEM_PERMISSIONS.map(([name, label]) => booleanField(name, label, SYSTEM_MANAGED));

export function permissionSetSchema(): SObjectSchema {
  return {
    name: 'PermissionSet',
    label: 'Permission Set',
    labelPlural: 'Permission Sets',
    keyPrefix: '0PS',
    custom: false,
    fields: [
      ...identityFields('Permission Set'),
      stringField('Name', 'Name', 80, { ...READ_ONLY, nameField: true }),
      stringField('Label', 'Label', 80, READ_ONLY),
      booleanField('IsOwnedByProfile', 'Is Owned By Profile', SYSTEM_MANAGED),
      ...systemPermissionFields(),
      ...auditFields(),
    ],
    childRelationships: [
      childRelationship('PermissionSetAssignment', 'PermissionSetId', 'Assignments', true),
      childRelationship('ObjectPermissions', 'ParentId', 'ObjectPerms', true),
    ],
  };
}

export function permissionSetAssignmentSchema(): SObjectSchema {
  return {
    name: 'PermissionSetAssignment',
    label: 'Permission Set Assignment',
    labelPlural: 'Permission Set Assignments',
    keyPrefix: '0Pa',
    custom: false,
    fields: [
      ...identityFields('Permission Set Assignment'),
      referenceField('AssigneeId', 'Assignee ID', ['User'], 'Assignee', READ_ONLY),
      referenceField('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', READ_ONLY),
      ...auditFields(),
    ],
    childRelationships: [],
  };
}

/** Object-level access a permission set grants. */
export const OBJECT_PERMISSION_FLAGS = [
  ['PermissionsRead', 'Read'],
  ['PermissionsCreate', 'Create'],
  ['PermissionsEdit', 'Edit'],
  ['PermissionsDelete', 'Delete'],
  ['PermissionsViewAllRecords', 'View All'],
  ['PermissionsModifyAllRecords', 'Modify All'],
] as const;

export function objectPermissionsSchema(): SObjectSchema {
  return {
    name: 'ObjectPermissions',
    label: 'Object Permissions',
    labelPlural: 'Object Permissions',
    keyPrefix: '110',
    custom: false,
    fields: [
      ...identityFields('Object Permissions'),
      referenceField('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', READ_ONLY),
      stringField('SobjectType', 'Sobject Type Name', 40, READ_ONLY),
      ...OBJECT_PERMISSION_FLAGS.map(([name, label]) => booleanField(name, label, SYSTEM_MANAGED)),
      ...auditFields(),
    ],
    childRelationships: [],
  };
}

/** The running user's effective permissions: always one row, id `000000000000000AAA`. */
export function userPermissionAccessSchema(): SObjectSchema {
  return {
    name: 'UserPermissionAccess',
    label: 'User Permission Access',
    labelPlural: 'User Permission Access',
    keyPrefix: '000',
    custom: false,
    fields: [...identityFields('User Permission Access'), ...systemPermissionFields(), ...auditFields()],
    childRelationships: [],
  };
}

/** Every permission object, in describe order. */
export function permissionSchemas(): SObjectSchema[] {
  return [
    permissionSetSchema(),
    permissionSetAssignmentSchema(),
    objectPermissionsSchema(),
    userPermissionAccessSchema(),
  ];
}
