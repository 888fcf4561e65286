/**
 * The User object: record owners, most with a role (UserRoleId), all of UserType 'Standard'. Real
 * User has no IsDeleted; it is kept here because every emulated record carries one (org/types.ts,
 * StoredRecord).
 */
import type { SObjectSchema } from '../org/types.js';
import {
  booleanField,
  emailField,
  picklistField,
  referenceField,
  stringField,
  SYSTEM_MANAGED,
} from './field-builders.js';
import { auditFields, identityFields } from './standard-fields.js';

export const TIME_ZONE_VALUES = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Paris',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

/** User.UserType: set by the org from the user's license; Pulse's users and owners are 'Standard'. */
export const USER_TYPE_VALUES = [
  'Standard',
  'PowerPartner',
  'PowerCustomerSuccess',
  'CustomerSuccess',
  'CspLitePortal',
  'CsnOnly',
  'SelfService',
  'Guest',
] as const;

export function userSchema(): SObjectSchema {
  return {
    name: 'User',
    label: 'User',
    labelPlural: 'Users',
    keyPrefix: '005',
    custom: false,
    fields: [
      ...identityFields('User'),
      stringField('Username', 'Username', 80, { nillable: false, unique: true, idLookup: true }),
      stringField('LastName', 'Last Name', 80, { nillable: false }),
      stringField('FirstName', 'First Name', 40),
      stringField('Name', 'Full Name', 121, { ...SYSTEM_MANAGED, nillable: false, nameField: true }),
      stringField('Alias', 'Alias', 8, { nillable: false }),
      emailField('Email', 'Email', 128, { nillable: false }),
      booleanField('IsActive', 'Active', { defaultValue: true }),
      picklistField('TimeZoneSidKey', 'Time Zone', TIME_ZONE_VALUES, {
        nillable: false,
        restrictedPicklist: true,
      }),
      picklistField('UserType', 'User Type', USER_TYPE_VALUES, {
        ...SYSTEM_MANAGED,
        restrictedPicklist: true,
        defaultPicklistValue: 'Standard',
      }),
      referenceField('UserRoleId', 'Role ID', ['UserRole'], 'UserRole'),
      ...auditFields(),
    ],
    childRelationships: [],
  };
}
