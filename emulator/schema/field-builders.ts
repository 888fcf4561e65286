/**
 * Builders for describe field entries: every FieldDescribe key filled with the values a real org
 * reports for that field type (soapType, length/byteLength, precision/scale, groupable, ...).
 */
import type { FieldDescribe, FieldType, PicklistValue } from '../org/types.js';

/** Anything a builder's caller may set beyond the type's defaults. */
export type FieldOverrides = Partial<Omit<FieldDescribe, 'name' | 'label' | 'type'>>;

/** The defaults every field shares; keys in the alphabetical order current API versions use. */
function field(
  name: string,
  label: string,
  type: FieldType,
  soapType: string,
  overrides: FieldOverrides,
): FieldDescribe {
  return {
    aggregatable: true,
    autoNumber: false,
    byteLength: 0,
    calculated: false,
    calculatedFormula: null,
    cascadeDelete: false,
    caseSensitive: false,
    controllerName: null,
    createable: true,
    custom: name.endsWith('__c'),
    defaultValue: null,
    defaultValueFormula: null,
    defaultedOnCreate: false,
    dependentPicklist: false,
    deprecatedAndHidden: false,
    digits: 0,
    externalId: false,
    extraTypeInfo: null,
    filterable: true,
    groupable: true,
    htmlFormatted: false,
    idLookup: false,
    inlineHelpText: null,
    label,
    length: 0,
    name,
    nameField: false,
    namePointing: false,
    nillable: true,
    picklistValues: [],
    precision: 0,
    referenceTo: [],
    relationshipName: null,
    relationshipOrder: null,
    restrictedPicklist: false,
    scale: 0,
    soapType,
    sortable: true,
    type,
    unique: false,
    updateable: true,
    writeRequiresMasterRead: false,
    ...overrides,
  };
}

/** Text types store up to 3 bytes per character. */
function textField(
  name: string,
  label: string,
  type: 'string' | 'textarea' | 'email' | 'phone' | 'url',
  length: number,
  overrides: FieldOverrides,
): FieldDescribe {
  return field(name, label, type, 'xsd:string', { length, byteLength: length * 3, ...overrides });
}

/** The record's own id: never written, never null. */
export function idField(label: string): FieldDescribe {
  return field('Id', label, 'id', 'tns:ID', {
    length: 18,
    byteLength: 18,
    createable: false,
    updateable: false,
    nillable: false,
    defaultedOnCreate: true,
    idLookup: true,
  });
}

/** A lookup: 18-character id of one of `referenceTo`; polymorphic ones are name-pointing. */
export function referenceField(
  name: string,
  label: string,
  referenceTo: readonly string[],
  relationshipName: string,
  overrides: FieldOverrides = {},
): FieldDescribe {
  return field(name, label, 'reference', 'tns:ID', {
    length: 18,
    byteLength: 18,
    referenceTo,
    relationshipName,
    namePointing: referenceTo.length > 1,
    ...overrides,
  });
}

export function stringField(
  name: string,
  label: string,
  length: number,
  overrides: FieldOverrides = {},
): FieldDescribe {
  return textField(name, label, 'string', length, overrides);
}

/** Text area; long ones (over 255) can be neither filtered, sorted nor grouped. */
export function textareaField(
  name: string,
  label: string,
  length: number,
  overrides: FieldOverrides = {},
): FieldDescribe {
  const long = length > 255;
  return textField(name, label, 'textarea', length, {
    extraTypeInfo: 'plaintextarea',
    filterable: !long,
    sortable: !long,
    groupable: !long,
    aggregatable: !long,
    ...overrides,
  });
}

export function emailField(
  name: string,
  label: string,
  length = 80,
  overrides: FieldOverrides = {},
): FieldDescribe {
  return textField(name, label, 'email', length, overrides);
}

export function phoneField(name: string, label: string, overrides: FieldOverrides = {}): FieldDescribe {
  return textField(name, label, 'phone', 40, overrides);
}

export function urlField(name: string, label: string, overrides: FieldOverrides = {}): FieldDescribe {
  return textField(name, label, 'url', 255, overrides);
}

/** Picklist entries as describe lists them; `defaultValue` marks the value new records get. */
export function picklistValues(values: readonly string[], defaultValue?: string): PicklistValue[] {
  return values.map((value) => ({
    active: true,
    defaultValue: value === defaultValue,
    label: value,
    validFor: null,
    value,
  }));
}

export function picklistField(
  name: string,
  label: string,
  values: readonly string[],
  overrides: FieldOverrides & { readonly defaultPicklistValue?: string } = {},
): FieldDescribe {
  const { defaultPicklistValue, ...rest } = overrides;
  return field(name, label, 'picklist', 'xsd:string', {
    length: 255,
    byteLength: 765,
    picklistValues: picklistValues(values, defaultPicklistValue),
    defaultedOnCreate: defaultPicklistValue !== undefined,
    ...rest,
  });
}

/** Multi-select picklist: values joined with `;`, up to 4099 characters, neither sortable nor groupable. */
export function multipicklistField(
  name: string,
  label: string,
  values: readonly string[],
  overrides: FieldOverrides = {},
): FieldDescribe {
  return field(name, label, 'multipicklist', 'xsd:string', {
    length: 4099,
    byteLength: 4099,
    picklistValues: picklistValues(values),
    groupable: false,
    sortable: false,
    aggregatable: false,
    ...overrides,
  });
}

/** Checkboxes are never null and always get a value on create. */
export function booleanField(name: string, label: string, overrides: FieldOverrides = {}): FieldDescribe {
  return field(name, label, 'boolean', 'xsd:boolean', {
    nillable: false,
    defaultValue: false,
    defaultedOnCreate: true,
    aggregatable: false,
    ...overrides,
  });
}

/** double, currency and percent: length 0, sized by precision (all digits) and scale (decimals). */
export function numberField(
  type: 'double' | 'currency' | 'percent',
  name: string,
  label: string,
  precision: number,
  scale: number,
  overrides: FieldOverrides = {},
): FieldDescribe {
  return field(name, label, type, 'xsd:double', { precision, scale, groupable: false, ...overrides });
}

/** Integers are sized by `digits`, with precision and scale 0. */
export function intField(
  name: string,
  label: string,
  digits: number,
  overrides: FieldOverrides = {},
): FieldDescribe {
  return field(name, label, 'int', 'xsd:int', { digits, ...overrides });
}

export function dateField(name: string, label: string, overrides: FieldOverrides = {}): FieldDescribe {
  return field(name, label, 'date', 'xsd:date', overrides);
}

export function datetimeField(name: string, label: string, overrides: FieldOverrides = {}): FieldDescribe {
  return field(name, label, 'datetime', 'xsd:dateTime', { groupable: false, ...overrides });
}

/** A formula field: computed by the org, so never written. */
export function formulaField(base: FieldDescribe, formula: string): FieldDescribe {
  return {
    ...base,
    calculated: true,
    calculatedFormula: formula,
    createable: false,
    updateable: false,
    nillable: true,
    defaultedOnCreate: false,
  };
}

/** A field the org fills and nobody writes (system, roll-up and derived fields). */
export const SYSTEM_MANAGED: FieldOverrides = { createable: false, updateable: false };
