/**
 * The agreement rules between the SFDX package, the field mapping, the emulator's describe and the
 * health model (and, for Task, issue 12's key). Each check returns its disagreements as sentences
 * naming the field and the sources.
 */
import type { FieldDescribe } from '../../../emulator/org/types.js';
import type { FieldMappingKey } from '../../../src/config/field-mapping.js';
import {
  API_VERSION,
  shapeOfDescribe,
  type FieldShape,
  type MetadataField,
  type ObjectPermission,
  type PermissionSetMeta,
  type Sources,
} from './package-sources.js';

/** DESIGN.md's "Custom fields written on Account" (and the metadata details), by mapping key. */
type DesignedField = Partial<
  Pick<FieldShape, 'type' | 'precision' | 'scale' | 'length' | 'restrictedPicklist'>
> & {
  readonly visibleLines?: number;
};

export const DESIGN: Readonly<Record<FieldMappingKey, DesignedField>> = {
  score: { type: 'double', precision: 3, scale: 0 },
  status: { type: 'picklist', restrictedPicklist: true },
  scoreChange: { type: 'double', precision: 4, scale: 0 },
  escalationStatus: { type: 'picklist', restrictedPicklist: true },
  riskFlags: { type: 'multipicklist', restrictedPicklist: true, visibleLines: 7 },
  reasons: { type: 'textarea', length: 32768, visibleLines: 6 },
  updatedAt: { type: 'datetime' },
  override: { type: 'double', precision: 3, scale: 0 },
};

/** Issue 12: the Task fields the package defines, as the playbooks need them. */
interface DesignedTaskField {
  readonly type: 'string';
  readonly length: number;
  readonly externalId: boolean;
  readonly unique: boolean;
  readonly caseSensitive: boolean;
  /** What the description must say, so an admin knows why the field is there. */
  readonly describes: readonly RegExp[];
}

export const TASK_DESIGN: Readonly<Record<string, DesignedTaskField>> = {
  // Playbooks upsert their Tasks on it: a retried request matches the Task it created.
  Pulse_Key__c: {
    type: 'string',
    length: 80,
    externalId: true,
    unique: true,
    caseSensitive: true,
    describes: [/upsert/i, /duplicate/i],
  },
};

/** Salesforce's limits on a permission set's texts (Metadata API PermissionSet). */
const PERMISSION_SET_DESCRIPTION_MAX = 255;
const PERMISSION_SET_LABEL_MAX = 80;

/** The one field Pulse reads but never writes; CSMs set it. */
export const OVERRIDE_KEY = 'override' satisfies FieldMappingKey;

const PACKAGE_DIR = 'force-app';
const INPUTS_DIR = 'optional-inputs';
const DESCRIBE = 'the emulator describe';
const MAPPING = 'DEFAULT_FIELD_MAPPING (src/config/field-mapping.ts)';

/** Where each picklist's values come from in the domain. */
function domainValues(
  sources: Sources,
): Partial<Record<FieldMappingKey, { from: string; values: readonly string[] }>> {
  return {
    status: { from: 'config/health-model.yaml bands', values: sources.model.bands },
    riskFlags: { from: 'config/health-model.yaml riskFlags', values: sources.model.riskFlags },
    escalationStatus: {
      from: 'ESCALATION_STATUSES (src/health/sla/escalation-status.ts)',
      values: sources.escalationStatuses,
    },
  };
}

const SHAPE_KEYS = [
  'label',
  'type',
  'precision',
  'scale',
  'length',
  'required',
  'restrictedPicklist',
  'picklistValues',
  'picklistLabels',
  'picklistDefaults',
] as const satisfies readonly (keyof FieldShape)[];

const show = (value: unknown): string => JSON.stringify(value);

/** Where two lists first differ, 1-based, e.g. `at #6 ("Poor NPS" vs "Low NPS")`. */
function firstDifference(want: readonly unknown[], got: readonly unknown[]): string {
  const at = want.findIndex((value, index) => show(value) !== show(got[index]));
  const index = at < 0 ? want.length : at;
  const item = (list: readonly unknown[]) => (index < list.length ? show(list[index]) : '(none)');
  return `at #${index + 1} (${item(want)} vs ${item(got)})`;
}

/**
 * `name: key is A in <from> but B in <to>` for every key `expected` states and `actual` differs on;
 * lists say where they first differ. Labels are reported only when the values themselves agree.
 */
function differences(
  name: string,
  expected: Partial<FieldShape>,
  expectedFrom: string,
  actual: FieldShape,
  actualFrom: string,
): string[] {
  const problems: string[] = [];
  for (const key of SHAPE_KEYS) {
    const want = expected[key];
    const got = actual[key];
    if (want === undefined || show(want) === show(got)) continue;
    if (Array.isArray(want) && Array.isArray(got)) {
      if (
        key === 'picklistLabels' &&
        problems.some((problem) => problem.startsWith(`${name}: picklistValues`))
      )
        continue;
      problems.push(
        `${name}: ${key} differ ${firstDifference(want, got)}: ${show(want)} in ${expectedFrom} but ${show(got)} in ${actualFrom}`,
      );
    } else {
      problems.push(`${name}: ${key} is ${show(want)} in ${expectedFrom} but ${show(got)} in ${actualFrom}`);
    }
  }
  return problems;
}

const where = (field: MetadataField) => `salesforce/${field.file}`;
const packageFields = (sources: Sources, dir?: string) =>
  sources.pkg.fields.filter((field) => dir === undefined || field.packageDir === dir);
const metadataField = (sources: Sources, name: string) =>
  sources.pkg.fields.find((field) => field.name === name);
const describeField = (sources: Sources, name: string): FieldDescribe | undefined =>
  sources.describe.find((field) => field.name === name);
const mappingEntries = (sources: Sources) => Object.entries(sources.mapping) as [FieldMappingKey, string][];

/** Every mapped field is in the package and the emulator; nothing is in one source only. */
export function checkFieldNames(sources: Sources): string[] {
  const problems: string[] = [];
  const inPackage = packageFields(sources, PACKAGE_DIR).map((field) => field.name);
  const mapped = new Set(Object.values(sources.mapping));
  for (const [key, name] of mappingEntries(sources)) {
    if (!inPackage.includes(name)) {
      problems.push(
        `${name}: fieldMapping.${key} in ${MAPPING} but no salesforce/${PACKAGE_DIR}/main/default/objects/Account/fields/${name}.field-meta.xml`,
      );
    }
  }
  for (const name of inPackage) {
    if (!mapped.has(name)) problems.push(`${name}: in salesforce/${PACKAGE_DIR} but not in ${MAPPING}`);
  }
  const seen = new Set<string>();
  for (const field of sources.pkg.fields) {
    if (seen.has(field.name)) problems.push(`${field.name}: defined twice in the package (${where(field)})`);
    seen.add(field.name);
    if (field.fullName !== field.name) {
      problems.push(
        `${field.name}: <fullName> is ${show(field.fullName)} in ${where(field)}, not the file's name`,
      );
    }
    if (!describeField(sources, field.name))
      problems.push(`${field.name}: in ${where(field)} but not in ${DESCRIBE}`);
  }
  for (const field of sources.describe) {
    // Formula fields are the org's own (the emulator has one); the package ships no formulas.
    if (field.custom && !field.calculated && !seen.has(field.name)) {
      problems.push(`${field.name}: in ${DESCRIBE} of Account but in no package directory under salesforce/`);
    }
  }
  return problems;
}

/** Types, sizes and picklist values of the written fields (and the override) in every source. */
export function checkWrittenFields(sources: Sources): string[] {
  const problems: string[] = [];
  const values = domainValues(sources);
  for (const [key, name] of mappingEntries(sources)) {
    const metadata = metadataField(sources, name);
    const described = describeField(sources, name);
    const design = DESIGN[key];
    if (metadata) {
      problems.push(...differences(name, design, 'DESIGN.md', metadata, where(metadata)));
      if (design.visibleLines !== undefined && metadata.visibleLines !== design.visibleLines) {
        problems.push(
          `${name}: visibleLines is ${design.visibleLines} in DESIGN.md but ${show(metadata.visibleLines)} in ${where(metadata)}`,
        );
      }
      if (metadata.trackHistory) problems.push(`${name}: trackHistory is on in ${where(metadata)}`);
    }
    if (described) {
      const shape = shapeOfDescribe(described);
      problems.push(...differences(name, design, 'DESIGN.md', shape, DESCRIBE));
      if (metadata) problems.push(...differences(name, metadata, where(metadata), shape, DESCRIBE));
      if (!described.updateable || !described.createable) {
        problems.push(`${name}: not createable and updateable in ${DESCRIBE} of the default org`);
      }
    }
    const domain = values[key];
    if (domain) {
      const expected = { picklistValues: domain.values, picklistLabels: domain.values };
      if (metadata) problems.push(...differences(name, expected, domain.from, metadata, where(metadata)));
      if (described)
        problems.push(...differences(name, expected, domain.from, shapeOfDescribe(described), DESCRIBE));
    }
  }
  const reasons = metadataField(sources, sources.mapping.reasons);
  if (reasons && sources.model.reasonsMaxChars > reasons.length) {
    problems.push(
      `${reasons.name}: config/health-model.yaml reasons.maxChars is ${sources.model.reasonsMaxChars} but the field holds ${reasons.length} in ${where(reasons)}`,
    );
  }
  return problems;
}

/** The optional input fields: package and emulator agree; the shipped model maps only fields that exist. */
export function checkInputFields(sources: Sources): string[] {
  const problems: string[] = [];
  for (const metadata of packageFields(sources, INPUTS_DIR)) {
    const described = describeField(sources, metadata.name);
    if (described)
      problems.push(
        ...differences(metadata.name, metadata, where(metadata), shapeOfDescribe(described), DESCRIBE),
      );
  }
  for (const name of sources.model.inputFields) {
    if (!metadataField(sources, name)) {
      problems.push(
        `${name}: mapped under inputs in config/health-model.yaml but in no package directory under salesforce/`,
      );
    }
  }
  return problems;
}

/** Labels and help a CSM reads, within Salesforce's limits. */
export function checkFieldTexts(sources: Sources): string[] {
  const problems: string[] = [];
  for (const field of [...sources.pkg.fields, ...sources.pkg.activityFields]) {
    if (field.label === '' || field.label.length > 40)
      problems.push(`${field.name}: label must be 1-40 characters in ${where(field)}`);
    if (field.description === '' || field.description.length > 1000) {
      problems.push(`${field.name}: description must be 1-1000 characters in ${where(field)}`);
    }
    if (field.inlineHelpText === '' || field.inlineHelpText.length > 510) {
      problems.push(`${field.name}: inlineHelpText must be 1-510 characters in ${where(field)}`);
    }
  }
  for (const key of ['score', 'override'] as const) {
    const field = metadataField(sources, sources.mapping[key]);
    if (field && !field.inlineHelpText.includes('100 is healthiest')) {
      problems.push(`${field.name}: inlineHelpText should say "100 is healthiest" in ${where(field)}`);
    }
  }
  const override = metadataField(sources, sources.mapping.override);
  if (override && !/Pulse never overwrites it/.test(override.inlineHelpText)) {
    problems.push(
      `${override.name}: inlineHelpText should say "Pulse never overwrites it" in ${where(override)}`,
    );
  }
  return problems;
}

interface AccessRule {
  readonly permissionSet: string;
  readonly packageDir: string;
  /** Exactly these Account fields, each readable; editable only those in `editable`. */
  readonly fields: readonly string[];
  readonly editable: readonly string[];
  /** Exactly these Task fields (granted as `Task.<field>`), each readable and editable. */
  readonly taskFields: readonly string[];
  readonly objects: readonly ObjectPermission[];
  readonly customPermissions: readonly string[];
  readonly userPermissions: readonly string[];
}

const objectAccess = (object: string, allowEdit: boolean): ObjectPermission => ({
  object,
  allowRead: true,
  allowCreate: false,
  allowEdit,
  allowDelete: false,
  viewAllRecords: true,
  modifyAllRecords: false,
});

/** Who may do what, as issue 6 says: edit on written fields for the integration, on the override for CSMs. */
export function accessRules(sources: Sources): AccessRule[] {
  const all = packageFields(sources, PACKAGE_DIR).map((field) => field.name);
  const override = sources.mapping[OVERRIDE_KEY];
  const written = mappingEntries(sources)
    .filter(([key]) => key !== OVERRIDE_KEY)
    .map(([, name]) => name);
  return [
    {
      permissionSet: 'Pulse_Integration',
      packageDir: PACKAGE_DIR,
      fields: all,
      editable: written,
      // The playbooks create and update their Tasks, keyed by these fields.
      taskFields: sources.pkg.activityFields
        .filter((field) => field.packageDir === PACKAGE_DIR)
        .map((field) => field.name),
      // View All so the integration user scores every account, whatever the sharing model.
      objects: [
        objectAccess('Account', true),
        objectAccess('Case', false),
        objectAccess('Opportunity', false),
      ],
      customPermissions: ['Pulse_Integration'],
      // Tasks have no object permission: creating and editing them takes Edit Tasks.
      userPermissions: ['ApiEnabled', 'EditTask'],
    },
    {
      permissionSet: 'Pulse_CSM_Read',
      packageDir: PACKAGE_DIR,
      fields: all,
      editable: [override],
      taskFields: [],
      objects: [],
      customPermissions: [],
      userPermissions: [],
    },
    {
      permissionSet: 'Pulse_Inputs_Read',
      packageDir: INPUTS_DIR,
      fields: packageFields(sources, INPUTS_DIR).map((field) => field.name),
      editable: [],
      taskFields: [],
      objects: [],
      customPermissions: [],
      userPermissions: [],
    },
  ];
}

function checkPermissionSet(rule: AccessRule, set: PermissionSetMeta, sources: Sources): string[] {
  const problems: string[] = [];
  const file = `salesforce/${set.file}`;
  if (set.packageDir !== rule.packageDir)
    problems.push(`${set.name}: belongs in salesforce/${rule.packageDir}, found ${file}`);
  for (const name of rule.fields) {
    const granted = set.fieldPermissions.find((entry) => entry.field === `Account.${name}`);
    const editable = rule.editable.includes(name);
    if (!granted) {
      problems.push(`${name}: no fieldPermissions in ${set.name} (${file})`);
    } else if (!granted.readable || granted.editable !== editable) {
      problems.push(
        `${name}: ${set.name} grants ${granted.editable ? 'edit' : granted.readable ? 'read' : 'no access'}, expected ${editable ? 'edit' : 'read only'} (${file})`,
      );
    }
  }
  if (set.label === '' || set.label.length > PERMISSION_SET_LABEL_MAX)
    problems.push(`${set.name}: label must be 1-${PERMISSION_SET_LABEL_MAX} characters (${file})`);
  if (set.description.length > PERMISSION_SET_DESCRIPTION_MAX) {
    problems.push(
      `${set.name}: description is ${set.description.length} characters, Salesforce takes at most ${PERMISSION_SET_DESCRIPTION_MAX} (${file})`,
    );
  }
  for (const name of rule.taskFields) {
    const granted = set.fieldPermissions.find((entry) => entry.field === `Task.${name}`);
    if (!granted) problems.push(`Task.${name}: no fieldPermissions in ${set.name} (${file})`);
    else if (!granted.readable || !granted.editable)
      problems.push(
        `Task.${name}: ${set.name} grants ${granted.readable ? 'read' : 'no access'}, expected edit (${file})`,
      );
  }
  for (const entry of set.fieldPermissions) {
    if (/^(Activity|Event)\./.test(entry.field)) {
      problems.push(
        `${entry.field}: ${set.name} should grant an activity field as Task.${entry.field.replace(/^\w+\./, '')} (${file})`,
      );
      continue;
    }
    if (entry.field.startsWith('Task.')) {
      const name = entry.field.slice('Task.'.length);
      if (!sources.pkg.activityFields.some((field) => field.name === name))
        problems.push(`${entry.field}: ${set.name} references a field its package does not deploy (${file})`);
      else if (!rule.taskFields.includes(name))
        problems.push(`${entry.field}: ${set.name} should not grant access to it (${file})`);
      continue;
    }
    const name = entry.field.replace(/^Account\./, '');
    const deployedWith = sources.pkg.fields.find(
      (field) =>
        field.name === name && (field.packageDir === set.packageDir || field.packageDir === PACKAGE_DIR),
    );
    if (!entry.field.startsWith('Account.') || !deployedWith) {
      problems.push(`${entry.field}: ${set.name} references a field its package does not deploy (${file})`);
    } else if (!rule.fields.includes(name)) {
      problems.push(`${entry.field}: ${set.name} should not grant access to it (${file})`);
    }
  }
  const objects = [...set.objectPermissions].sort((a, b) => a.object.localeCompare(b.object));
  if (show(objects) !== show(rule.objects)) {
    problems.push(
      `${set.name}: objectPermissions are ${show(objects)}, expected ${show(rule.objects)} (${file})`,
    );
  }
  if (show([...set.customPermissions].sort()) !== show(rule.customPermissions)) {
    problems.push(
      `${set.name}: custom permissions ${show(set.customPermissions)}, expected ${show(rule.customPermissions)} (${file})`,
    );
  }
  for (const name of set.customPermissions) {
    if (!sources.pkg.customPermissions.includes(name))
      problems.push(`${set.name}: custom permission ${name} is not in the package`);
  }
  if (show([...set.userPermissions].sort()) !== show(rule.userPermissions)) {
    problems.push(
      `${set.name}: user permissions ${show(set.userPermissions)}, expected ${show(rule.userPermissions)} (${file})`,
    );
  }
  return problems;
}

/** Both permission sets (and the inputs one) cover every field that exists, with edit only where due. */
export function checkPermissionSets(sources: Sources): string[] {
  const problems: string[] = [];
  const rules = accessRules(sources);
  for (const rule of rules) {
    const set = sources.pkg.permissionSets.find((candidate) => candidate.name === rule.permissionSet);
    if (set) problems.push(...checkPermissionSet(rule, set, sources));
    else
      problems.push(
        `${rule.permissionSet}: no salesforce/${rule.packageDir}/main/default/permissionsets/${rule.permissionSet}.permissionset-meta.xml`,
      );
  }
  for (const set of sources.pkg.permissionSets) {
    if (!rules.some((rule) => rule.permissionSet === set.name))
      problems.push(`${set.name}: a permission set the test has no rule for`);
  }
  return problems;
}

/**
 * The Task fields issue 12 asks for: defined on Activity (where Salesforce takes Task custom fields),
 * shaped as designed, described, and the same in the emulator's Task describe.
 */
export function checkTaskFields(sources: Sources): string[] {
  const problems: string[] = [];
  for (const file of sources.pkg.unknownFiles) {
    if (/\/objects\/(Task|Event)\/fields\//.test(file)) {
      problems.push(
        `salesforce/${file}: Salesforce takes Task and Event custom fields only on Activity: move it to objects/Activity/fields/`,
      );
    }
  }
  for (const field of sources.pkg.activityFields) {
    if (!(field.name in TASK_DESIGN))
      problems.push(`${field.name}: in ${where(field)} but not a Task field issue 12 designs`);
    if (field.fullName !== field.name)
      problems.push(
        `${field.name}: <fullName> is ${show(field.fullName)} in ${where(field)}, not the file's name`,
      );
  }
  for (const [name, design] of Object.entries(TASK_DESIGN)) {
    const metadata = sources.pkg.activityFields.find((field) => field.name === name);
    if (!metadata) {
      problems.push(
        `${name}: no salesforce/${PACKAGE_DIR}/main/default/objects/Activity/fields/${name}.field-meta.xml`,
      );
    } else {
      if (metadata.packageDir !== PACKAGE_DIR)
        problems.push(`${name}: belongs in salesforce/${PACKAGE_DIR}, found ${where(metadata)}`);
      for (const key of ['type', 'length', 'externalId', 'unique', 'caseSensitive'] as const) {
        if (metadata[key] !== design[key])
          problems.push(
            `${name}: ${key} is ${show(design[key])} in issue 12 but ${show(metadata[key])} in ${where(metadata)}`,
          );
      }
      if (metadata.required)
        problems.push(`${name}: required in ${where(metadata)}, but people create Tasks too`);
      for (const pattern of design.describes) {
        if (!pattern.test(metadata.description))
          problems.push(`${name}: the description in ${where(metadata)} should say ${String(pattern)}`);
      }
    }
    const described = sources.taskDescribe.find((field) => field.name === name);
    if (!described) {
      problems.push(`${name}: not in the emulator describe of Task`);
      continue;
    }
    // caseSensitive is left out: the emulator describes the key as case-insensitive (it matches
    // keys case-sensitively all the same), and the emulator is not the package's to change.
    const shape = shapeOfDescribe(described);
    for (const key of ['type', 'length', 'externalId', 'unique'] as const) {
      if (shape[key] !== design[key])
        problems.push(
          `${name}: ${key} is ${show(design[key])} in issue 12 but ${show(shape[key])} in the emulator describe of Task`,
        );
    }
    if (!described.createable || !described.updateable)
      problems.push(`${name}: not createable and updateable in the emulator describe of Task`);
  }
  return problems;
}

/** The list view and the record page name fields and values that exist. */
export function checkListViewsAndPages(sources: Sources): string[] {
  const problems: string[] = [];
  const exists = (name: string) => packageFields(sources, PACKAGE_DIR).some((field) => field.name === name);
  const atRisk = sources.pkg.listViews.find((view) => view.name === 'At_Risk_Accounts');
  if (!atRisk) problems.push('At_Risk_Accounts: no list view of that name on Account');
  for (const view of sources.pkg.listViews) {
    for (const column of view.columns) {
      if (column.endsWith('__c') && !exists(column))
        problems.push(`${column}: a column of list view ${view.name} that is not in the package`);
    }
    for (const filter of view.filters) {
      const field = metadataField(sources, filter.field);
      if (!filter.field.endsWith('__c')) continue;
      if (!field) {
        problems.push(`${filter.field}: filtered on by list view ${view.name} but not in the package`);
        continue;
      }
      for (const value of filter.value.split(',')) {
        if (!field.picklistValues.includes(value)) {
          problems.push(
            `${filter.field}: list view ${view.name} filters on ${show(value)}, not one of ${show(field.picklistValues)}`,
          );
        }
      }
    }
  }
  if (atRisk) {
    const filtered = (name: string, value: string) =>
      atRisk.filters.some((filter) => filter.field === name && filter.value.split(',').includes(value));
    const { status, escalationStatus } = sources.mapping;
    for (const [name, value] of [
      [status, 'Red'],
      [escalationStatus, 'SLA Breached'],
      [escalationStatus, 'Critical'],
    ] as const) {
      if (!filtered(name, value))
        problems.push(`${name}: At_Risk_Accounts should list accounts where it is ${value}`);
    }
  }

  const { score, status, riskFlags, reasons } = sources.mapping;
  if (sources.pkg.flexiPages.length === 0)
    problems.push('no Lightning record page (flexipage) in the package');
  for (const page of sources.pkg.flexiPages) {
    if (page.sobjectType !== 'Account')
      problems.push(`${page.name}: sobjectType is ${page.sobjectType}, expected Account`);
    for (const name of [score, status, riskFlags, reasons]) {
      if (!page.fields.some((item) => item.field === name))
        problems.push(`${name}: not shown on record page ${page.name}`);
    }
    for (const item of page.fields) {
      if (item.field.endsWith('__c') && !exists(item.field))
        problems.push(`${item.field}: on record page ${page.name} but not in the package`);
      const identifier = `Record${item.field.replace(/__c$/, '_c')}Field`;
      if (item.identifier !== identifier) {
        problems.push(
          `${item.field}: identifier on record page ${page.name} is ${item.identifier}, Salesforce expects ${identifier}`,
        );
      }
      const uiBehavior = item.field === sources.mapping.override ? 'none' : 'readonly';
      if (item.field.endsWith('__c') && item.uiBehavior !== uiBehavior) {
        problems.push(
          `${item.field}: uiBehavior is ${show(item.uiBehavior)} on record page ${page.name}, expected ${uiBehavior}`,
        );
      }
    }
  }
  return problems;
}

/** sfdx-project.json, the manifests and the files agree on what the package holds. */
export function checkProjectAndManifests(sources: Sources): string[] {
  const { pkg } = sources;
  const problems: string[] = [];
  if (pkg.sourceApiVersion !== API_VERSION)
    problems.push(`sfdx-project.json: sourceApiVersion is ${pkg.sourceApiVersion}, expected ${API_VERSION}`);
  const defaults = pkg.packageDirectories.filter((dir) => dir.default).map((dir) => dir.path);
  if (show(defaults) !== show([PACKAGE_DIR]))
    problems.push(
      `sfdx-project.json: default package directory is ${show(defaults)}, expected ["${PACKAGE_DIR}"]`,
    );
  for (const file of pkg.unknownFiles)
    problems.push(`salesforce/${file}: a file the agreement test does not know how to check`);
  for (const dir of pkg.packageDirectories) {
    const manifestFile = dir.default ? 'manifest/package.xml' : `manifest/${dir.path}.xml`;
    const manifest = pkg.manifests.get(manifestFile);
    if (!manifest) {
      problems.push(`salesforce/${manifestFile}: missing (the manifest of salesforce/${dir.path})`);
      continue;
    }
    if (manifest.version !== pkg.sourceApiVersion)
      problems.push(
        `salesforce/${manifestFile}: version ${manifest.version}, expected ${pkg.sourceApiVersion}`,
      );
    const files = pkg.components
      .filter((component) => component.packageDir === dir.path)
      .map((c) => `${c.type}:${c.member}`);
    for (const member of files)
      if (!manifest.members.includes(member))
        problems.push(`${member}: in salesforce/${dir.path} but not in salesforce/${manifestFile}`);
    for (const member of manifest.members)
      if (!files.includes(member))
        problems.push(`${member}: in salesforce/${manifestFile} but no file in salesforce/${dir.path}`);
  }
  return problems;
}
