/**
 * Renders `GET /services/data/vNN.N/sobjects/{name}/describe`: the top-level keys of the real
 * payload (object capabilities, urls, record types) around the schema's fields and relationships.
 */
import type { ChildRelationship, FieldDescribe, SObjectSchema } from '../org/types.js';

interface ObjectCapabilities {
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
  readonly undeletable: boolean;
  readonly searchable: boolean;
  readonly triggerable: boolean;
  readonly mergeable: boolean;
  readonly layoutable: boolean;
  readonly feedEnabled: boolean;
}

const STANDARD: ObjectCapabilities = {
  createable: true,
  updateable: true,
  deletable: true,
  undeletable: true,
  searchable: true,
  triggerable: true,
  mergeable: false,
  layoutable: true,
  feedEnabled: true,
};

/** Setup objects the integration user reads but never writes. */
const READ_ONLY_SETUP: ObjectCapabilities = {
  ...STANDARD,
  createable: false,
  updateable: false,
  deletable: false,
  undeletable: false,
  searchable: false,
  triggerable: false,
  layoutable: false,
  feedEnabled: false,
};

/** How each object differs from a plain standard object (unknown objects get STANDARD). */
const CAPABILITIES: ReadonlyMap<string, ObjectCapabilities> = new Map([
  ['Account', { ...STANDARD, mergeable: true }],
  ['Opportunity', STANDARD],
  ['Case', STANDARD],
  ['Task', { ...STANDARD, feedEnabled: false }],
  ['User', { ...STANDARD, deletable: false, undeletable: false }],
  [
    'CaseMilestone',
    {
      ...STANDARD,
      createable: false,
      deletable: false,
      undeletable: false,
      searchable: false,
      triggerable: false,
      layoutable: false,
      feedEnabled: false,
    },
  ],
  // Setup objects an admin edits (Manage Users); no triggers, layouts, feeds or recycle bin.
  ['UserRole', { ...READ_ONLY_SETUP, createable: true, updateable: true, deletable: true }],
  ['Group', { ...READ_ONLY_SETUP, createable: true, updateable: true, deletable: true }],
  ['PermissionSet', READ_ONLY_SETUP],
  ['PermissionSetAssignment', READ_ONLY_SETUP],
  ['ObjectPermissions', READ_ONLY_SETUP],
  ['UserPermissionAccess', READ_ONLY_SETUP],
]);

export interface DescribeRecordTypeInfo {
  readonly name: string;
  readonly available: boolean;
  readonly recordTypeId: string;
  readonly defaultRecordTypeMapping: boolean;
}

export interface DescribeSObjectResult extends ObjectCapabilities {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly custom: boolean;
  readonly keyPrefix: string;
  readonly queryable: boolean;
  readonly retrieveable: boolean;
  readonly replicateable: boolean;
  readonly activateable: boolean;
  readonly customSetting: boolean;
  readonly deprecatedAndHidden: boolean;
  readonly listviewable: null;
  readonly lookupLayoutable: null;
  readonly searchLayoutable: null;
  readonly urls: Readonly<Record<string, string>>;
  readonly fields: FieldDescribe[];
  readonly childRelationships: ChildRelationship[];
  readonly recordTypeInfos: DescribeRecordTypeInfo[];
}

/** The Master record type every object has when it has no others. */
export const MASTER_RECORD_TYPE: DescribeRecordTypeInfo = {
  name: 'Master',
  available: true,
  recordTypeId: '012000000000000AAA',
  defaultRecordTypeMapping: true,
};

function copyField(field: FieldDescribe): FieldDescribe {
  return {
    ...field,
    picklistValues: field.picklistValues.map((entry) => ({ ...entry })),
    referenceTo: [...field.referenceTo],
  };
}

/**
 * The describe body for one object, as fresh JSON-ready objects (callers may serialise or mutate).
 * @param apiVersion as in the request path, without the `v` (e.g. `62.0`)
 * @param instanceUrl the org's own URL for the `ui*` templates; relative templates when omitted
 */
export function describeSObject(
  schema: SObjectSchema,
  apiVersion: string,
  instanceUrl?: string,
): DescribeSObjectResult {
  const capabilities = CAPABILITIES.get(schema.name) ?? STANDARD;
  const base = `/services/data/v${apiVersion}/sobjects/${schema.name}`;
  const ui = (instanceUrl ?? '').replace(/\/+$/, '');
  return {
    name: schema.name,
    label: schema.label,
    labelPlural: schema.labelPlural,
    custom: schema.custom,
    keyPrefix: schema.keyPrefix,
    ...capabilities,
    queryable: true,
    retrieveable: true,
    replicateable: true,
    activateable: false,
    customSetting: false,
    deprecatedAndHidden: false,
    listviewable: null,
    lookupLayoutable: null,
    searchLayoutable: null,
    urls: {
      uiEditTemplate: `${ui}/{ID}/e`,
      sobject: base,
      uiDetailTemplate: `${ui}/{ID}`,
      describe: `${base}/describe`,
      rowTemplate: `${base}/{ID}`,
      uiNewRecord: `${ui}/${schema.keyPrefix}/e`,
    },
    fields: schema.fields.map(copyField),
    childRelationships: schema.childRelationships.map((relationship) => ({ ...relationship })),
    recordTypeInfos: [{ ...MASTER_RECORD_TYPE }],
  };
}
