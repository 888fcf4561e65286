/**
 * Loads the four sources the agreement test compares: the SFDX package under salesforce/, the
 * config's default field mapping, the emulator's Account (and Task) describe and
 * config/health-model.yaml.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { buildOrgSchemas, describeSObject } from '../../../emulator/schema/index.js';
import type { FieldDescribe } from '../../../emulator/org/types.js';
import { DEFAULT_FIELD_MAPPING, type FieldMappingKey } from '../../../src/config/field-mapping.js';
import { ESCALATION_STATUSES } from '../../../src/health/sla/escalation-status.js';
import { childrenNamed, childText, parseXml, type XmlElement } from './metadata-xml.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const API_VERSION = '64.0';
const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/** A field as every source can state it, in describe's vocabulary (`double`, `multipicklist`...). */
export interface FieldShape {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  /** Number and percent fields only; 0 otherwise. */
  readonly precision: number;
  readonly scale: number;
  /** Text and text area fields only; 0 otherwise (describe derives the others' lengths). */
  readonly length: number;
  readonly required: boolean;
  readonly restrictedPicklist: boolean;
  readonly picklistValues: readonly string[];
  readonly picklistLabels: readonly string[];
  readonly picklistDefaults: readonly string[];
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly caseSensitive: boolean;
}

/** A CustomField file: its shape plus what only the metadata says. */
export interface MetadataField extends FieldShape {
  readonly file: string;
  readonly packageDir: string;
  readonly fullName: string;
  readonly description: string;
  readonly inlineHelpText: string;
  readonly visibleLines: number | undefined;
  readonly trackHistory: boolean;
}

export interface FieldPermission {
  readonly field: string;
  readonly readable: boolean;
  readonly editable: boolean;
}

export interface ObjectPermission {
  readonly object: string;
  readonly allowRead: boolean;
  readonly allowCreate: boolean;
  readonly allowEdit: boolean;
  readonly allowDelete: boolean;
  readonly viewAllRecords: boolean;
  readonly modifyAllRecords: boolean;
}

export interface PermissionSetMeta {
  readonly name: string;
  readonly file: string;
  readonly packageDir: string;
  readonly label: string;
  readonly description: string;
  readonly fieldPermissions: readonly FieldPermission[];
  readonly objectPermissions: readonly ObjectPermission[];
  /** Enabled custom and user permissions, by API name. */
  readonly customPermissions: readonly string[];
  readonly userPermissions: readonly string[];
}

export interface ListViewMeta {
  readonly name: string;
  readonly file: string;
  readonly columns: readonly string[];
  readonly filters: readonly { readonly field: string; readonly operation: string; readonly value: string }[];
}

export interface FlexiPageMeta {
  readonly name: string;
  readonly file: string;
  readonly sobjectType: string;
  /** `Record.X` field items, without the `Record.` prefix, with their uiBehavior. */
  readonly fields: readonly {
    readonly field: string;
    readonly uiBehavior: string;
    readonly identifier: string;
  }[];
}

/** One deployable component, as a manifest names it (`CustomField` `Account.Health_Score__c`). */
export interface Component {
  readonly type: string;
  readonly member: string;
  readonly file: string;
  readonly packageDir: string;
}

export interface SfdxPackage {
  readonly sourceApiVersion: string;
  readonly packageDirectories: readonly { readonly path: string; readonly default: boolean }[];
  /** Account fields. */
  readonly fields: readonly MetadataField[];
  /**
   * Task fields: Salesforce defines Task and Event custom fields on Activity
   * (`objects/Activity/fields/`); permission sets grant them as `Task.<field>`.
   */
  readonly activityFields: readonly MetadataField[];
  readonly permissionSets: readonly PermissionSetMeta[];
  readonly customPermissions: readonly string[];
  readonly listViews: readonly ListViewMeta[];
  readonly flexiPages: readonly FlexiPageMeta[];
  readonly components: readonly Component[];
  /** Files under a package directory that the loader does not know how to read. */
  readonly unknownFiles: readonly string[];
  /** manifest file -> its version and components (`Type:Member`). */
  readonly manifests: ReadonlyMap<string, { readonly version: string; readonly members: readonly string[] }>;
}

export interface HealthModelSlice {
  readonly bands: readonly string[];
  readonly riskFlags: readonly string[];
  /** Account fields the shipped model maps as optional inputs. */
  readonly inputFields: readonly string[];
  readonly reasonsMaxChars: number;
}

export interface Sources {
  readonly pkg: SfdxPackage;
  readonly mapping: Readonly<Record<FieldMappingKey, string>>;
  /** The emulated org's Account describe fields. */
  readonly describe: readonly FieldDescribe[];
  /** The emulated org's Task describe fields. */
  readonly taskDescribe: readonly FieldDescribe[];
  readonly model: HealthModelSlice;
  readonly escalationStatuses: readonly string[];
}

const METADATA_TYPES: Record<string, string> = {
  Number: 'double',
  Percent: 'percent',
  Picklist: 'picklist',
  MultiselectPicklist: 'multipicklist',
  LongTextArea: 'textarea',
  DateTime: 'datetime',
  Text: 'string',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

const flag = (text: string | undefined): boolean => text === 'true';
const numberOr0 = (text: string | undefined): number => (text === undefined ? 0 : Number(text));

function readMetadata(file: string, root: string, rootName: string): XmlElement {
  const where = relative(root, file);
  const element = parseXml(readFileSync(file, 'utf8'), where);
  if (element.name !== rootName)
    throw new Error(`${where}: root is <${element.name}>, expected <${rootName}>`);
  if (element.attributes['xmlns'] !== METADATA_NAMESPACE) {
    throw new Error(`${where}: xmlns is ${element.attributes['xmlns']}, expected ${METADATA_NAMESPACE}`);
  }
  return element;
}

function readField(xml: XmlElement, file: string, packageDir: string): MetadataField {
  const metadataType = childText(xml, 'type') ?? '';
  const type = METADATA_TYPES[metadataType];
  if (type === undefined) throw new Error(`${file}: field type ${metadataType} is not one the test knows`);
  const valueSet = childrenNamed(xml, 'valueSet')[0];
  const definition = valueSet ? childrenNamed(valueSet, 'valueSetDefinition')[0] : undefined;
  const values = definition ? childrenNamed(definition, 'value') : [];
  const numeric = type === 'double' || type === 'percent';
  const visibleLines = childText(xml, 'visibleLines');
  return {
    file,
    packageDir,
    name: (file.split('/').pop() ?? '').replace(/\.field-meta\.xml$/, ''),
    fullName: childText(xml, 'fullName') ?? '',
    label: childText(xml, 'label') ?? '',
    type,
    precision: numeric ? numberOr0(childText(xml, 'precision')) : 0,
    scale: numeric ? numberOr0(childText(xml, 'scale')) : 0,
    length: type === 'textarea' || type === 'string' ? numberOr0(childText(xml, 'length')) : 0,
    required: flag(childText(xml, 'required')),
    restrictedPicklist: valueSet ? flag(childText(valueSet, 'restricted')) : false,
    picklistValues: values.map((value) => childText(value, 'fullName') ?? ''),
    picklistLabels: values.map((value) => childText(value, 'label') ?? ''),
    picklistDefaults: values
      .filter((value) => flag(childText(value, 'default')))
      .map((value) => childText(value, 'fullName') ?? ''),
    externalId: flag(childText(xml, 'externalId')),
    unique: flag(childText(xml, 'unique')),
    caseSensitive: flag(childText(xml, 'caseSensitive')),
    description: childText(xml, 'description') ?? '',
    inlineHelpText: childText(xml, 'inlineHelpText') ?? '',
    visibleLines: visibleLines === undefined ? undefined : Number(visibleLines),
    trackHistory: flag(childText(xml, 'trackHistory')),
  };
}

function readPermissionSet(
  xml: XmlElement,
  name: string,
  file: string,
  packageDir: string,
): PermissionSetMeta {
  const enabled = (element: string) =>
    childrenNamed(xml, element)
      .filter((entry) => flag(childText(entry, 'enabled')))
      .map((entry) => childText(entry, 'name') ?? '');
  return {
    name,
    file,
    packageDir,
    label: childText(xml, 'label') ?? '',
    description: childText(xml, 'description') ?? '',
    fieldPermissions: childrenNamed(xml, 'fieldPermissions').map((entry) => ({
      field: childText(entry, 'field') ?? '',
      readable: flag(childText(entry, 'readable')),
      editable: flag(childText(entry, 'editable')),
    })),
    objectPermissions: childrenNamed(xml, 'objectPermissions').map((entry) => ({
      object: childText(entry, 'object') ?? '',
      allowRead: flag(childText(entry, 'allowRead')),
      allowCreate: flag(childText(entry, 'allowCreate')),
      allowEdit: flag(childText(entry, 'allowEdit')),
      allowDelete: flag(childText(entry, 'allowDelete')),
      viewAllRecords: flag(childText(entry, 'viewAllRecords')),
      modifyAllRecords: flag(childText(entry, 'modifyAllRecords')),
    })),
    customPermissions: enabled('customPermissions'),
    userPermissions: enabled('userPermissions'),
  };
}

/** Every `Record.X` field item anywhere in the page's regions. */
function readFlexiPage(xml: XmlElement, name: string, file: string): FlexiPageMeta {
  const fields = childrenNamed(xml, 'flexiPageRegions').flatMap((region) =>
    childrenNamed(region, 'itemInstances').flatMap((item) =>
      childrenNamed(item, 'fieldInstance').map((instance) => {
        const behaviour = childrenNamed(instance, 'fieldInstanceProperties').find(
          (property) => childText(property, 'name') === 'uiBehavior',
        );
        return {
          field: (childText(instance, 'fieldItem') ?? '').replace(/^Record\./, ''),
          uiBehavior: behaviour ? (childText(behaviour, 'value') ?? '') : '',
          identifier: childText(instance, 'identifier') ?? '',
        };
      }),
    ),
  );
  return { name, file, sobjectType: childText(xml, 'sobjectType') ?? '', fields };
}

const ProjectFile = z.object({
  sourceApiVersion: z.string(),
  packageDirectories: z.array(z.object({ path: z.string(), default: z.boolean().default(false) })),
});

/** Reads every metadata file of every package directory, and the manifests. */
export function loadSfdxPackage(root = join(REPO_ROOT, 'salesforce')): SfdxPackage {
  const project = ProjectFile.parse(JSON.parse(readFileSync(join(root, 'sfdx-project.json'), 'utf8')));
  const fields: MetadataField[] = [];
  const activityFields: MetadataField[] = [];
  const permissionSets: PermissionSetMeta[] = [];
  const customPermissions: string[] = [];
  const listViews: ListViewMeta[] = [];
  const flexiPages: FlexiPageMeta[] = [];
  const components: Component[] = [];
  const unknownFiles: string[] = [];

  for (const { path: packageDir } of project.packageDirectories) {
    for (const absolute of filesUnder(join(root, packageDir))) {
      const file = relative(root, absolute).split(sep).join('/');
      const inDefault = file.slice(`${packageDir}/main/default/`.length);
      const add = (type: string, member: string) => components.push({ type, member, file, packageDir });
      let match: RegExpExecArray | null;
      if ((match = /^objects\/(\w+)\/fields\/(\w+)\.field-meta\.xml$/.exec(inDefault))) {
        const field = readField(readMetadata(absolute, root, 'CustomField'), file, packageDir);
        if (match[1] === 'Account') fields.push(field);
        else if (match[1] === 'Activity') activityFields.push(field);
        else unknownFiles.push(file);
        add('CustomField', `${match[1]}.${match[2]}`);
      } else if ((match = /^permissionsets\/(\w+)\.permissionset-meta\.xml$/.exec(inDefault))) {
        const name = match[1] ?? '';
        permissionSets.push(
          readPermissionSet(readMetadata(absolute, root, 'PermissionSet'), name, file, packageDir),
        );
        add('PermissionSet', name);
      } else if ((match = /^customPermissions\/(\w+)\.customPermission-meta\.xml$/.exec(inDefault))) {
        readMetadata(absolute, root, 'CustomPermission');
        customPermissions.push(match[1] ?? '');
        add('CustomPermission', match[1] ?? '');
      } else if ((match = /^objects\/(\w+)\/listViews\/(\w+)\.listView-meta\.xml$/.exec(inDefault))) {
        const xml = readMetadata(absolute, root, 'ListView');
        listViews.push({
          name: childText(xml, 'fullName') ?? '',
          file,
          columns: childrenNamed(xml, 'columns').map((column) => column.text),
          filters: childrenNamed(xml, 'filters').map((filter) => ({
            field: childText(filter, 'field') ?? '',
            operation: childText(filter, 'operation') ?? '',
            value: childText(filter, 'value') ?? '',
          })),
        });
        add('ListView', `${match[1]}.${match[2]}`);
      } else if ((match = /^flexipages\/(\w+)\.flexipage-meta\.xml$/.exec(inDefault))) {
        flexiPages.push(readFlexiPage(readMetadata(absolute, root, 'FlexiPage'), match[1] ?? '', file));
        add('FlexiPage', match[1] ?? '');
      } else {
        unknownFiles.push(file);
      }
    }
  }

  const manifests = new Map<string, { version: string; members: string[] }>();
  for (const absolute of filesUnder(join(root, 'manifest'))) {
    const xml = readMetadata(absolute, root, 'Package');
    manifests.set(relative(root, absolute).split(sep).join('/'), {
      version: childText(xml, 'version') ?? '',
      members: childrenNamed(xml, 'types').flatMap((types) =>
        childrenNamed(types, 'members').map((member) => `${childText(types, 'name') ?? ''}:${member.text}`),
      ),
    });
  }

  return {
    sourceApiVersion: project.sourceApiVersion,
    packageDirectories: project.packageDirectories,
    fields,
    activityFields,
    permissionSets,
    customPermissions,
    listViews,
    flexiPages,
    components,
    unknownFiles,
    manifests,
  };
}

const ModelFile = z.object({
  bands: z.array(z.object({ status: z.string() })),
  riskFlags: z.array(z.object({ name: z.string() })),
  inputs: z
    .record(z.string(), z.object({ field: z.string() }))
    .nullish()
    .transform((inputs) => inputs ?? {}),
  reasons: z.object({ maxChars: z.number() }).prefault({ maxChars: 4000 }),
});

export function loadHealthModel(file = join(REPO_ROOT, 'config', 'health-model.yaml')): HealthModelSlice {
  const model = ModelFile.parse(parseYaml(readFileSync(file, 'utf8')));
  return {
    bands: model.bands.map((band) => band.status),
    riskFlags: model.riskFlags.map((flag) => flag.name),
    inputFields: Object.values(model.inputs).map((input) => input.field),
    reasonsMaxChars: model.reasons.maxChars,
  };
}

/** The emulated org's describe of `objectName`, as `GET /sobjects/<objectName>/describe` returns it. */
function emulatorDescribe(objectName: string): FieldDescribe[] {
  const schema = buildOrgSchemas().get(objectName);
  if (!schema) throw new Error(`the emulated org has no ${objectName} object`);
  return describeSObject(schema, API_VERSION).fields;
}

/** The emulated org's Account describe, as `GET /sobjects/Account/describe` returns it. */
export function emulatorAccountDescribe(): FieldDescribe[] {
  return emulatorDescribe('Account');
}

export function loadSources(): Sources {
  return {
    pkg: loadSfdxPackage(),
    mapping: DEFAULT_FIELD_MAPPING,
    describe: emulatorAccountDescribe(),
    taskDescribe: emulatorDescribe('Task'),
    model: loadHealthModel(),
    escalationStatuses: ESCALATION_STATUSES,
  };
}

/** A describe field in the same vocabulary as the metadata. */
export function shapeOfDescribe(field: FieldDescribe): FieldShape {
  const numeric = field.type === 'double' || field.type === 'percent';
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    precision: numeric ? field.precision : 0,
    scale: numeric ? field.scale : 0,
    length: field.type === 'textarea' || field.type === 'string' ? field.length : 0,
    required: !field.nillable,
    restrictedPicklist: field.restrictedPicklist,
    picklistValues: field.picklistValues.map((entry) => entry.value),
    picklistLabels: field.picklistValues.map((entry) => entry.label),
    picklistDefaults: field.picklistValues.filter((entry) => entry.defaultValue).map((entry) => entry.value),
    externalId: field.externalId,
    unique: field.unique,
    caseSensitive: field.caseSensitive,
  };
}
