/** The Opportunity object: renewals, expansions and new business, with the standard sales stages. */
import type { SObjectSchema } from '../org/types.js';
import {
  booleanField,
  dateField,
  numberField,
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

export interface OpportunityStage {
  readonly name: string;
  /** The stage's default Probability (%). */
  readonly probability: number;
  /** ForecastCategoryName; ForecastCategory is the matching API value. */
  readonly forecastCategoryName: string;
  readonly closed: boolean;
  readonly won: boolean;
}

const open = (name: string, probability: number, forecastCategoryName: string): OpportunityStage => ({
  name,
  probability,
  forecastCategoryName,
  closed: false,
  won: false,
});

/** The standard sales process, in order. */
export const OPPORTUNITY_STAGES: readonly OpportunityStage[] = [
  open('Prospecting', 10, 'Pipeline'),
  open('Qualification', 10, 'Pipeline'),
  open('Needs Analysis', 20, 'Pipeline'),
  open('Value Proposition', 50, 'Pipeline'),
  open('Id. Decision Makers', 60, 'Pipeline'),
  open('Perception Analysis', 70, 'Best Case'),
  open('Proposal/Price Quote', 75, 'Best Case'),
  open('Negotiation/Review', 90, 'Commit'),
  { name: 'Closed Won', probability: 100, forecastCategoryName: 'Closed', closed: true, won: true },
  { name: 'Closed Lost', probability: 0, forecastCategoryName: 'Omitted', closed: true, won: false },
];

export const OPPORTUNITY_TYPE_VALUES = [
  'Existing Customer - Upgrade',
  'Existing Customer - Replacement',
  'Existing Customer - Downgrade',
  'New Customer',
  'Renewal',
] as const;

export const FORECAST_CATEGORY_NAME_VALUES = [
  'Omitted',
  'Pipeline',
  'Best Case',
  'Commit',
  'Closed',
] as const;

/** ForecastCategoryName -> ForecastCategory (the read-only API value). */
export const FORECAST_CATEGORY_BY_NAME: ReadonlyMap<string, string> = new Map([
  ['Omitted', 'Omitted'],
  ['Pipeline', 'Pipeline'],
  ['Best Case', 'BestCase'],
  ['Commit', 'Forecast'],
  ['Closed', 'Closed'],
]);

export function opportunitySchema(currencies: readonly string[]): SObjectSchema {
  return {
    name: 'Opportunity',
    label: 'Opportunity',
    labelPlural: 'Opportunities',
    keyPrefix: '006',
    custom: false,
    fields: [
      ...identityFields('Opportunity'),
      referenceField('AccountId', 'Account ID', ['Account'], 'Account'),
      stringField('Name', 'Name', 120, { nillable: false, nameField: true }),
      textareaField('Description', 'Description', 32000),
      picklistField(
        'StageName',
        'Stage',
        OPPORTUNITY_STAGES.map((stage) => stage.name),
        { nillable: false },
      ),
      numberField('currency', 'Amount', 'Amount', 18, 2),
      numberField('percent', 'Probability', 'Probability (%)', 3, 0, { defaultedOnCreate: true }),
      dateField('CloseDate', 'Close Date', { nillable: false }),
      picklistField('Type', 'Opportunity Type', OPPORTUNITY_TYPE_VALUES),
      stringField('NextStep', 'Next Step', 255),
      booleanField('IsClosed', 'Closed', SYSTEM_MANAGED),
      booleanField('IsWon', 'Won', SYSTEM_MANAGED),
      picklistField('ForecastCategory', 'Forecast Category', [...FORECAST_CATEGORY_BY_NAME.values()], {
        ...SYSTEM_MANAGED,
        nillable: false,
        defaultedOnCreate: true,
      }),
      picklistField('ForecastCategoryName', 'Forecast Category', FORECAST_CATEGORY_NAME_VALUES, {
        defaultedOnCreate: true,
      }),
      currencyIsoCodeField('Opportunity', currencies),
      ownerField(),
      ...auditFields(),
    ],
    childRelationships: [childRelationship('Task', 'WhatId', 'Tasks', true)],
  };
}
