/**
 * The emulated org's vocabulary, shared by its parts: describe metadata, records as Salesforce
 * sends them on the wire, and the read-only view the SOQL engine queries.
 */

/** Field types as describe names them. */
export type FieldType =
  | 'id'
  | 'reference'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'double'
  | 'int'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'email'
  | 'phone'
  | 'url';

export interface PicklistValue {
  readonly value: string;
  readonly label: string;
  readonly active: boolean;
  readonly defaultValue: boolean;
  readonly validFor: string | null;
}

/** One entry of describe's `fields[]`, with every key the real payload carries. */
export interface FieldDescribe {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly soapType: string;
  readonly length: number;
  readonly byteLength: number;
  readonly precision: number;
  readonly scale: number;
  readonly digits: number;
  readonly custom: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly nillable: boolean;
  readonly unique: boolean;
  readonly externalId: boolean;
  readonly idLookup: boolean;
  readonly nameField: boolean;
  readonly autoNumber: boolean;
  readonly calculated: boolean;
  readonly calculatedFormula: string | null;
  readonly defaultValue: string | boolean | number | null;
  readonly defaultValueFormula: string | null;
  readonly defaultedOnCreate: boolean;
  readonly filterable: boolean;
  readonly sortable: boolean;
  readonly groupable: boolean;
  readonly aggregatable: boolean;
  readonly caseSensitive: boolean;
  readonly htmlFormatted: boolean;
  readonly extraTypeInfo: string | null;
  readonly picklistValues: readonly PicklistValue[];
  readonly restrictedPicklist: boolean;
  readonly dependentPicklist: boolean;
  readonly controllerName: string | null;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  readonly relationshipOrder: number | null;
  readonly namePointing: boolean;
  readonly writeRequiresMasterRead: boolean;
  readonly cascadeDelete: boolean;
  readonly deprecatedAndHidden: boolean;
  readonly inlineHelpText: string | null;
}

export interface ChildRelationship {
  readonly childSObject: string;
  readonly field: string;
  readonly relationshipName: string | null;
  readonly cascadeDelete: boolean;
  readonly deprecatedAndHidden: boolean;
  readonly restrictedDelete: boolean;
}

/** An sObject's metadata: what describe returns, minus the per-request `urls`. */
export interface SObjectSchema {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string;
  readonly custom: boolean;
  readonly fields: readonly FieldDescribe[];
  readonly childRelationships: readonly ChildRelationship[];
}

/** A value as it travels in JSON: datetimes as `2026-11-22T09:30:00.000+0000`, dates as `2026-11-22`, multi-selects as `a;b`. */
export type WireValue = string | number | boolean | null;

/** A stored record: API field name -> wire value. Always has `Id`, `IsDeleted` and the audit fields. */
export type StoredRecord = Record<string, WireValue>;

/** What the SOQL engine may read: metadata and records, nothing that writes. */
export interface OrgView {
  /** The schema of an object by API name, case-insensitive; undefined when the org has no such object. */
  schemaOf(objectName: string): SObjectSchema | undefined;
  /** Every record of an object, deleted ones included (`IsDeleted: true`), in insertion order. */
  recordsOf(objectName: string): Iterable<StoredRecord>;
  /** A record by its 15- or 18-character id, deleted or not. */
  recordById(id: string): StoredRecord | undefined;
  /** The server clock, for relative date literals (`TODAY`, `LAST_N_DAYS:n`). */
  now(): Date;
  /** Conversion rates to the corporate currency (`convertCurrency()`); empty for single-currency orgs. */
  currencyRates(): ReadonlyMap<string, number>;
}
