/**
 * The built-in mapping for Maven Analytics' "CRM Sales Opportunities" files (../shared/data/
 * maven-crm-sales-opportunities): managers and sales agents become users, accounts keep their
 * hierarchy, the pipeline becomes opportunities. products.csv has no object here and is skipped.
 */
import type { FieldSpec, ImportMapping } from './import-mapping.js';

const TIME_ZONES = { Central: 'America/Chicago', East: 'America/New_York', West: 'America/Los_Angeles' };

/** The data set's sectors (including its `technolgy` typo) on Salesforce's Industry values. */
const INDUSTRIES = {
  technolgy: 'Technology',
  software: 'Technology',
  medical: 'Healthcare',
  retail: 'Retail',
  entertainment: 'Entertainment',
  marketing: 'Media',
  telecommunications: 'Telecommunications',
  finance: 'Finance',
  services: 'Consulting',
  employment: 'Other',
};

const STAGES = {
  Prospecting: 'Prospecting',
  Engaging: 'Needs Analysis',
  Won: 'Closed Won',
  Lost: 'Closed Lost',
};

function userFields(column: string): Record<string, FieldSpec> {
  return {
    FirstName: { column, words: [0, 1] },
    LastName: { column, words: [1] },
    Name: { column },
    Alias: { template: `{${column}|slug}` },
    Username: { template: `{${column}|slug}@maven.example.com` },
    Email: { template: `{${column}|slug}@maven.example.com` },
    IsActive: { value: true },
    TimeZoneSidKey: { column: 'regional_office', map: TIME_ZONES },
  };
}

/** When a deal was first worked: engaged, else 60 days before it closed, else a fixed late date. */
const ENGAGED: FieldSpec = {
  column: 'engage_date',
  or: { column: 'close_date', addDays: -60, or: { value: '2017-12-01' } },
};

export const MAVEN_CRM_MAPPING: ImportMapping = {
  shiftDatesToNow: true,
  objects: [
    { file: 'sales_teams.csv', object: 'User', key: 'manager', fields: userFields('manager') },
    { file: 'sales_teams.csv', object: 'User', key: 'sales_agent', fields: userFields('sales_agent') },
    {
      file: 'accounts.csv',
      object: 'Account',
      key: 'account',
      fields: {
        Name: { column: 'account' },
        Type: { value: 'Customer - Direct' },
        Industry: { column: 'sector', map: INDUSTRIES },
        AnnualRevenue: { column: 'revenue', scale: 1_000_000 },
        NumberOfEmployees: { column: 'employees' },
        BillingCountry: { column: 'office_location' },
        Description: { template: 'Established {year_established}.' },
        ParentId: { column: 'subsidiary_of', lookup: 'Account' },
        OwnerId: { pick: 'User' },
      },
    },
    {
      file: 'sales_pipeline.csv',
      object: 'Opportunity',
      key: 'opportunity_id',
      fields: {
        Name: { template: '{product} ({opportunity_id})' },
        AccountId: { column: 'account', lookup: 'Account' },
        OwnerId: { column: 'sales_agent', lookup: 'User' },
        StageName: { column: 'deal_stage', map: STAGES },
        Amount: { column: 'close_value' },
        Type: { value: 'New Customer' },
        Description: { template: 'Product: {product}' },
        CloseDate: {
          column: 'close_date',
          or: { column: 'engage_date', addDays: 90, or: { value: '2017-12-31' } },
        },
        CreatedDate: ENGAGED,
        LastModifiedDate: { column: 'close_date', or: ENGAGED },
      },
    },
  ],
};

/** The files that identify a directory as the Maven CRM data set. */
export const MAVEN_CRM_FILES = ['accounts.csv', 'sales_pipeline.csv', 'sales_teams.csv'];
