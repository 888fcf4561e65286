/**
 * A tiny hand-written org for the SOQL engine tests: Account, Opportunity and User schemas, a dozen
 * records with values chosen so every expected result can be worked out by hand, and a fixed clock.
 */
import { canonicalId, to18 } from '../../../../emulator/org/ids.js';
import type {
  ChildRelationship,
  FieldDescribe,
  FieldType,
  OrgView,
  SObjectSchema,
  StoredRecord,
} from '../../../../emulator/org/types.js';

/** Wednesday 25 November 2026, 15:00 UTC. */
export const NOW = new Date('2026-11-25T15:00:00.000Z');

export function field(name: string, type: FieldType, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  return {
    name,
    label: name,
    type,
    soapType: 'xsd:string',
    length: 0,
    byteLength: 0,
    precision: type === 'currency' ? 18 : 0,
    scale: type === 'currency' ? 2 : 0,
    digits: 0,
    custom: name.endsWith('__c'),
    createable: true,
    updateable: true,
    nillable: true,
    unique: false,
    externalId: false,
    idLookup: name === 'Id',
    nameField: name === 'Name',
    autoNumber: false,
    calculated: false,
    calculatedFormula: null,
    defaultValue: null,
    defaultValueFormula: null,
    defaultedOnCreate: false,
    filterable: true,
    sortable: type !== 'multipicklist' && type !== 'textarea',
    groupable: true,
    aggregatable: true,
    caseSensitive: false,
    htmlFormatted: false,
    extraTypeInfo: null,
    picklistValues: [],
    restrictedPicklist: false,
    dependentPicklist: false,
    controllerName: null,
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    namePointing: false,
    writeRequiresMasterRead: false,
    cascadeDelete: false,
    deprecatedAndHidden: false,
    inlineHelpText: null,
    ...extra,
  };
}

const lookup = (name: string, referenceTo: string[], relationshipName: string): FieldDescribe =>
  field(name, 'reference', { referenceTo, relationshipName });

export function schema(
  name: string,
  keyPrefix: string,
  fields: FieldDescribe[],
  childRelationships: ChildRelationship[] = [],
): SObjectSchema {
  const common = [
    field('Id', 'id'),
    field('IsDeleted', 'boolean'),
    field('CreatedDate', 'datetime'),
    field('SystemModstamp', 'datetime'),
  ];
  return {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: false,
    fields: [...common, ...fields],
    childRelationships,
  };
}

export const SCHEMAS: readonly SObjectSchema[] = [
  schema(
    'Account',
    '001',
    [
      field('Name', 'string'),
      field('Type', 'picklist'),
      field('AnnualRevenue', 'currency'),
      field('CurrencyIsoCode', 'picklist'),
      lookup('OwnerId', ['User'], 'Owner'),
      field('Risk_Flags__c', 'multipicklist'),
      field('Renewal_Date__c', 'date'),
      field('NumberOfEmployees', 'int'),
      field('Description', 'textarea', { filterable: false }),
    ],
    [
      {
        childSObject: 'Opportunity',
        field: 'AccountId',
        relationshipName: 'Opportunities',
        cascadeDelete: false,
        deprecatedAndHidden: false,
        restrictedDelete: false,
      },
    ],
  ),
  schema('Opportunity', '006', [
    field('Name', 'string'),
    lookup('AccountId', ['Account'], 'Account'),
    field('Amount', 'currency'),
    field('CloseDate', 'date'),
    field('StageName', 'picklist'),
    field('CurrencyIsoCode', 'picklist'),
    lookup('Primary_Contact__c', ['Contact', 'Lead'], 'Primary_Contact__r'),
  ]),
  schema('User', '005', [field('Name', 'string'), field('Email', 'email')]),
];

const id = (prefix: string, n: number): string => to18(`${prefix}5e${String(n).padStart(10, '0')}`);

export const IDS = {
  u1: id('005', 1),
  u2: id('005', 2),
  a1: id('001', 1),
  a2: id('001', 2),
  a3: id('001', 3),
  a4: id('001', 4),
  a5: id('001', 5),
  a6: id('001', 6),
  o1: id('006', 1),
  o2: id('006', 2),
  o3: id('006', 3),
  o4: id('006', 4),
  o5: id('006', 5),
} as const;

const base = (recordId: string, stamp: string, deleted = false): StoredRecord => ({
  Id: recordId,
  IsDeleted: deleted,
  CreatedDate: '2026-01-10T08:00:00.000+0000',
  SystemModstamp: stamp,
});

const account = (recordId: string, stamp: string, values: StoredRecord, deleted = false): StoredRecord => ({
  ...base(recordId, stamp, deleted),
  Name: null,
  Type: null,
  AnnualRevenue: null,
  CurrencyIsoCode: 'USD',
  OwnerId: null,
  Risk_Flags__c: null,
  Renewal_Date__c: null,
  NumberOfEmployees: null,
  Description: null,
  ...values,
});

const opportunity = (recordId: string, values: StoredRecord, deleted = false): StoredRecord => ({
  ...base(recordId, '2026-11-01T00:00:00.000+0000', deleted),
  Name: null,
  AccountId: null,
  Amount: null,
  CloseDate: null,
  StageName: null,
  CurrencyIsoCode: 'USD',
  Primary_Contact__c: null,
  ...values,
});

export const RECORDS: Readonly<Record<string, readonly StoredRecord[]>> = {
  User: [
    { ...base(IDS.u1, '2026-01-01T00:00:00.000+0000'), Name: 'Ursula Owner', Email: 'ursula@example.com' },
    { ...base(IDS.u2, '2026-01-01T00:00:00.000+0000'), Name: 'Victor', Email: null },
  ],
  Account: [
    account(IDS.a1, '2026-11-25T09:30:00.000+0000', {
      Name: 'Acme',
      Type: 'Customer',
      AnnualRevenue: 1000,
      OwnerId: IDS.u1,
      Risk_Flags__c: 'Churn;Budget',
      Renewal_Date__c: '2026-12-01',
      NumberOfEmployees: 50,
      Description: 'Big',
    }),
    account(IDS.a2, '2026-11-24T23:59:59.999+0000', {
      Name: 'beta corp',
      Type: 'Prospect',
      AnnualRevenue: 500,
      CurrencyIsoCode: 'EUR',
      OwnerId: IDS.u2,
      Risk_Flags__c: 'Budget',
      Renewal_Date__c: '2026-11-25',
      NumberOfEmployees: 7,
    }),
    account(IDS.a3, '2026-11-20T12:00:00.000+0000', { Name: 'Gamma' }),
    account(IDS.a4, '2026-10-31T10:00:00.000+0000', {
      Name: 'Delta_1%',
      Type: 'Customer',
      AnnualRevenue: 2500.5,
      CurrencyIsoCode: 'GBP',
      OwnerId: IDS.u1,
      Risk_Flags__c: 'Churn',
      Renewal_Date__c: '2026-10-15',
      NumberOfEmployees: 1200,
    }),
    account(IDS.a5, '2026-11-25T09:30:00.000+0000', {
      Name: 'Epsilon',
      Type: 'Partner',
      AnnualRevenue: 0,
      OwnerId: IDS.u2,
      Risk_Flags__c: 'Legal;Churn;Budget',
      Renewal_Date__c: '2027-01-31',
      NumberOfEmployees: 50,
    }),
    account(IDS.a6, '2026-11-22T00:00:00.000+0000', { Name: 'Zeta', Type: 'Customer' }, true),
  ],
  Opportunity: [
    opportunity(IDS.o1, {
      Name: 'Acme renewal',
      AccountId: IDS.a1,
      Amount: 100,
      CloseDate: '2026-11-30',
      StageName: 'Prospecting',
    }),
    opportunity(IDS.o2, {
      Name: 'Acme upsell',
      AccountId: IDS.a1,
      Amount: 250.5,
      CloseDate: '2026-10-01',
      StageName: 'Closed Won',
      CurrencyIsoCode: 'EUR',
    }),
    opportunity(IDS.o3, {
      Name: 'Beta new',
      AccountId: IDS.a2,
      CloseDate: '2026-12-15',
      StageName: 'Closed Lost',
    }),
    opportunity(IDS.o4, { Name: 'Orphan', Amount: 75, CloseDate: '2026-11-25', StageName: 'Prospecting' }),
    opportunity(IDS.o5, { Name: 'Acme lost', AccountId: IDS.a1, Amount: 999, CloseDate: '2026-11-01' }, true),
  ],
};

export const RATES: ReadonlyMap<string, number> = new Map([
  ['USD', 1],
  ['EUR', 1.1],
  ['GBP', 1.25],
]);

export interface OrgOptions {
  readonly rates?: ReadonlyMap<string, number>;
  readonly records?: Readonly<Record<string, readonly StoredRecord[]>>;
  readonly schemas?: readonly SObjectSchema[];
}

export function createOrg(options: OrgOptions = {}): OrgView {
  const records = options.records ?? RECORDS;
  const byId = new Map<string, StoredRecord>();
  for (const list of Object.values(records))
    for (const record of list) byId.set(String(record['Id']), record);
  const byName = new Map((options.schemas ?? SCHEMAS).map((s) => [s.name.toLowerCase(), s]));
  return {
    schemaOf: (name) => byName.get(name.toLowerCase()),
    recordsOf: (name) => records[byName.get(name.toLowerCase())?.name ?? ''] ?? [],
    recordById: (recordId) => byId.get(canonicalId(recordId)),
    now: () => new Date(NOW),
    currencyRates: () => options.rates ?? RATES,
  };
}
