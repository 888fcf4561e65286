/**
 * Fields and relationships every standard object shares: Id, IsDeleted, OwnerId, the audit fields
 * (system-set, never written) and CurrencyIsoCode in multi-currency orgs.
 */
import type { ChildRelationship, FieldDescribe } from '../org/types.js';
import { CURRENCY_LABELS, CORPORATE_CURRENCY } from './currencies.js';
import {
  booleanField,
  datetimeField,
  idField,
  picklistValues,
  referenceField,
  picklistField,
} from './field-builders.js';

const AUDIT = { createable: false, updateable: false, nillable: false, defaultedOnCreate: true } as const;

/** `Id` and `IsDeleted`. */
export function identityFields(objectLabel: string): FieldDescribe[] {
  return [
    idField(`${objectLabel} ID`),
    booleanField('IsDeleted', 'Deleted', { ...AUDIT, defaultValue: null }),
  ];
}

export function ownerField(referenceTo: readonly string[] = ['User']): FieldDescribe {
  return referenceField('OwnerId', 'Owner ID', referenceTo, 'Owner', {
    nillable: false,
    defaultedOnCreate: true,
  });
}

/** CreatedDate, CreatedById, LastModifiedDate, LastModifiedById, SystemModstamp. */
export function auditFields(): FieldDescribe[] {
  return [
    datetimeField('CreatedDate', 'Created Date', AUDIT),
    referenceField('CreatedById', 'Created By ID', ['User'], 'CreatedBy', AUDIT),
    datetimeField('LastModifiedDate', 'Last Modified Date', AUDIT),
    referenceField('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', AUDIT),
    datetimeField('SystemModstamp', 'System Modstamp', AUDIT),
  ];
}

/** The record's currency in a multi-currency org: restricted to the org's active currencies. */
export function currencyIsoCodeField(objectLabel: string, currencies: readonly string[]): FieldDescribe {
  const base = picklistField('CurrencyIsoCode', `${objectLabel} Currency`, currencies, {
    length: 3,
    byteLength: 9,
    restrictedPicklist: true,
    defaultedOnCreate: true,
  });
  const values = picklistValues(
    currencies,
    currencies.includes(CORPORATE_CURRENCY) ? CORPORATE_CURRENCY : currencies[0],
  );
  return {
    ...base,
    picklistValues: values.map((entry) => ({
      ...entry,
      label: `${entry.value} - ${CURRENCY_LABELS.get(entry.value) ?? entry.value}`,
    })),
  };
}

export function childRelationship(
  childSObject: string,
  field: string,
  relationshipName: string | null,
  cascadeDelete = false,
): ChildRelationship {
  return {
    cascadeDelete,
    childSObject,
    deprecatedAndHidden: false,
    field,
    relationshipName,
    restrictedDelete: false,
  };
}
