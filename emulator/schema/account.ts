/** The Account object: standard fields a health model reads, plus Pulse's custom fields. */
import type { SObjectSchema } from '../org/types.js';
import { formulaFields, healthFields, usageFields } from './account-custom-fields.js';
import {
  dateField,
  intField,
  numberField,
  phoneField,
  picklistField,
  referenceField,
  stringField,
  SYSTEM_MANAGED,
  textareaField,
  urlField,
} from './field-builders.js';
import {
  auditFields,
  childRelationship,
  currencyIsoCodeField,
  identityFields,
  ownerField,
} from './standard-fields.js';

export const ACCOUNT_TYPE_VALUES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
] as const;

export const INDUSTRY_VALUES = [
  'Agriculture',
  'Apparel',
  'Banking',
  'Biotechnology',
  'Chemicals',
  'Communications',
  'Construction',
  'Consulting',
  'Education',
  'Electronics',
  'Energy',
  'Engineering',
  'Entertainment',
  'Environmental',
  'Finance',
  'Food & Beverage',
  'Government',
  'Healthcare',
  'Hospitality',
  'Insurance',
  'Machinery',
  'Manufacturing',
  'Media',
  'Not For Profit',
  'Recreation',
  'Retail',
  'Shipping',
  'Technology',
  'Telecommunications',
  'Transportation',
  'Utilities',
  'Other',
] as const;

export function accountSchema(currencies: readonly string[]): SObjectSchema {
  return {
    name: 'Account',
    label: 'Account',
    labelPlural: 'Accounts',
    keyPrefix: '001',
    custom: false,
    fields: [
      ...identityFields('Account'),
      stringField('Name', 'Account Name', 255, { nillable: false, nameField: true, idLookup: true }),
      picklistField('Type', 'Account Type', ACCOUNT_TYPE_VALUES),
      referenceField('ParentId', 'Parent Account ID', ['Account'], 'Parent'),
      stringField('BillingCountry', 'Billing Country', 80),
      phoneField('Phone', 'Account Phone'),
      urlField('Website', 'Website'),
      picklistField('Industry', 'Industry', INDUSTRY_VALUES),
      numberField('currency', 'AnnualRevenue', 'Annual Revenue', 18, 0),
      intField('NumberOfEmployees', 'Employees', 8),
      textareaField('Description', 'Account Description', 32000),
      ownerField(),
      currencyIsoCodeField('Account', currencies),
      ...auditFields(),
      dateField('LastActivityDate', 'Last Activity', SYSTEM_MANAGED),
      ...healthFields(),
      ...usageFields(),
      ...formulaFields(),
    ],
    childRelationships: [
      childRelationship('Account', 'ParentId', 'ChildAccounts'),
      childRelationship('Case', 'AccountId', 'Cases', true),
      childRelationship('Opportunity', 'AccountId', 'Opportunities', true),
      childRelationship('Task', 'WhatId', 'Tasks', true),
    ],
  };
}
