/**
 * The metadata of one emulated org: which objects and fields it has, shaped by its features
 * (Entitlements, multi-currency) and by the doctor's variations (undeployed or read-only fields).
 */
import type { FieldDescribe, SObjectSchema } from '../org/types.js';
import { accountSchema } from './account.js';
import { caseMilestoneSchema } from './case-milestone.js';
import { caseSchema } from './case.js';
import { KNOWN_CURRENCIES } from './currencies.js';
import { opportunitySchema } from './opportunity.js';
import { permissionSchemas } from './permissions.js';
import { taskSchema } from './task.js';
import { groupSchema, userRoleSchema } from './user-role.js';
import { userSchema } from './user.js';

export interface OrgSchemaOptions {
  /** `Object.Field` names left undeployed: absent from describe and from records. */
  readonly missingFields?: readonly string[];
  /** `Object.Field` names the integration user may read but not write (field-level security). */
  readonly readOnlyFields?: readonly string[];
  /** Entitlement Management: the org has CaseMilestone. Default false. */
  readonly entitlements?: boolean;
  /** The org has CurrencyIsoCode fields. Default false. */
  readonly multiCurrency?: boolean;
  /** Active currencies (CurrencyIsoCode's values) when multi-currency. Default: all of KNOWN_CURRENCIES. */
  readonly currencies?: readonly string[];
}

/** Every object the emulator knows, with every optional field, in describe order. */
export function fullCatalog(currencies: readonly string[] = KNOWN_CURRENCIES): SObjectSchema[] {
  return [
    userSchema(),
    userRoleSchema(),
    groupSchema(),
    accountSchema(currencies),
    opportunitySchema(currencies),
    caseSchema(currencies),
    taskSchema(),
    caseMilestoneSchema(),
    ...permissionSchemas(),
  ];
}

/** Splits `Object.Field`, checking both exist in the catalog so a typo fails loudly. */
function fieldKeys(names: readonly string[], catalog: readonly SObjectSchema[], option: string): Set<string> {
  const keys = new Set<string>();
  for (const name of names) {
    const [objectName, fieldName, ...rest] = name.split('.');
    const schema = catalog.find((candidate) => candidate.name === objectName);
    const exists = rest.length === 0 && schema?.fields.some((field) => field.name === fieldName);
    if (!exists) throw new Error(`${option}: no field ${name} in the emulated org (expected Object.Field)`);
    if (fieldName === 'Id') throw new Error(`${option}: ${name} cannot be changed`);
    keys.add(name);
  }
  return keys;
}

function readOnly(field: FieldDescribe): FieldDescribe {
  return { ...field, createable: false, updateable: false };
}

/**
 * The org's objects by API name.
 * @throws Error when a missing or read-only field name or a currency is unknown
 */
export function buildOrgSchemas(options: OrgSchemaOptions = {}): Map<string, SObjectSchema> {
  const currencies = options.currencies ?? KNOWN_CURRENCIES;
  const unknown = currencies.filter((code) => !KNOWN_CURRENCIES.includes(code));
  if (unknown.length > 0 || currencies.length === 0) {
    throw new Error(`unknown currencies ${unknown.join(', ')}; known: ${KNOWN_CURRENCIES.join(', ')}`);
  }
  const catalog = fullCatalog(currencies);
  const missing = fieldKeys(options.missingFields ?? [], catalog, 'missingFields');
  const locked = fieldKeys(options.readOnlyFields ?? [], catalog, 'readOnlyFields');
  const objects = catalog.filter(
    (schema) => options.entitlements === true || schema.name !== 'CaseMilestone',
  );

  const keep = (objectName: string, field: FieldDescribe): boolean =>
    !missing.has(`${objectName}.${field.name}`) &&
    (options.multiCurrency === true || field.name !== 'CurrencyIsoCode');

  const fieldsByObject = new Map(
    objects.map((schema) => [
      schema.name,
      schema.fields
        .filter((field) => keep(schema.name, field))
        .map((field) => (locked.has(`${schema.name}.${field.name}`) ? readOnly(field) : field)),
    ]),
  );

  const schemas = new Map<string, SObjectSchema>();
  for (const schema of objects) {
    const fields = fieldsByObject.get(schema.name) ?? [];
    const childRelationships = schema.childRelationships.filter((relationship) =>
      fieldsByObject.get(relationship.childSObject)?.some((field) => field.name === relationship.field),
    );
    schemas.set(schema.name, { ...schema, fields, childRelationships });
  }
  return schemas;
}
