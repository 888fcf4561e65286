/**
 * One source of truth for Pulse's Account fields (and its Task key): the SFDX package, the config's
 * default field mapping, the emulator's describe and the health model agree, and the checks fail
 * when one drifts.
 */
import { describe, expect, it } from 'vitest';

import {
  checkFieldNames,
  checkFieldTexts,
  checkInputFields,
  checkListViewsAndPages,
  checkPermissionSets,
  checkProjectAndManifests,
  checkTaskFields,
  checkWrittenFields,
  DESIGN,
  TASK_DESIGN,
} from './agreement-checks.js';
import { loadSources, type MetadataField, type PermissionSetMeta, type Sources } from './package-sources.js';

const sources = loadSources();

describe('the Salesforce package, the field mapping, the emulator and the health model agree', () => {
  it('name the same fields', () => {
    expect(checkFieldNames(sources)).toEqual([]);
  });

  it('give each written field the same type, size and picklist values, in order', () => {
    expect(checkWrittenFields(sources)).toEqual([]);
  });

  it('define the optional input fields alike', () => {
    expect(checkInputFields(sources)).toEqual([]);
  });

  it('define the Task key the playbooks upsert on: on Activity, Text(80), unique case-sensitive external id', () => {
    expect(checkTaskFields(sources)).toEqual([]);
  });

  it('give every field a label, description and help text within Salesforce limits', () => {
    expect(checkFieldTexts(sources)).toEqual([]);
  });

  it('grant the integration edit on written fields and Tasks only, and CSMs edit on the override only', () => {
    expect(checkPermissionSets(sources)).toEqual([]);
  });

  it('show existing fields and values in the list view and the record page', () => {
    expect(checkListViewsAndPages(sources)).toEqual([]);
  });

  it('list every component in the manifests, at the project API version', () => {
    expect(checkProjectAndManifests(sources)).toEqual([]);
  });

  it('cover every field the mapping names (the loaders found them)', () => {
    expect(sources.pkg.fields.length).toBeGreaterThanOrEqual(Object.keys(sources.mapping).length);
    expect(sources.describe.some((field) => field.name === sources.mapping.score)).toBe(true);
    expect(sources.pkg.activityFields.map((field) => field.name)).toEqual(Object.keys(TASK_DESIGN));
    expect(sources.taskDescribe.some((field) => field.name === 'Pulse_Key__c')).toBe(true);
  });
});

function withField(base: Sources, name: string, change: Partial<MetadataField>): Sources {
  const fields = base.pkg.fields.map((field) => (field.name === name ? { ...field, ...change } : field));
  return { ...base, pkg: { ...base.pkg, fields } };
}

function withPermissionSet(
  base: Sources,
  name: string,
  change: (set: PermissionSetMeta) => PermissionSetMeta,
): Sources {
  const permissionSets = base.pkg.permissionSets.map((set) => (set.name === name ? change(set) : set));
  return { ...base, pkg: { ...base.pkg, permissionSets } };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fieldFile = (name: string) =>
  `salesforce/force-app/main/default/objects/Account/fields/${name}.field-meta.xml`;
const { score, status, riskFlags, reasons, override } = sources.mapping;
const taskKeyFile = 'force-app/main/default/objects/Activity/fields/Pulse_Key__c.field-meta.xml';

// Each case drifts one source in memory, from whatever the sources say today, and expects the
// disagreement named. (The same drifts made in files fail the checks above the same way.)
describe('the checks name the field and the disagreement when a source drifts', () => {
  it('a precision changed in the metadata', () => {
    const precision = DESIGN.score.precision!;
    const drifted = withField(sources, score, { precision: precision + 1 });
    expect(checkWrittenFields(drifted)).toContain(
      `${score}: precision is ${precision} in DESIGN.md but ${precision + 1} in ${fieldFile(score)}`,
    );
  });

  it('picklist values reordered in the emulator', () => {
    const describe = sources.describe.map((field) =>
      field.name === status ? { ...field, picklistValues: [...field.picklistValues].reverse() } : field,
    );
    const [first] = sources.model.bands;
    const last = sources.model.bands.at(-1);
    expect(checkWrittenFields({ ...sources, describe })).toContain(
      `${status}: picklistValues differ at #1 (${JSON.stringify(first)} vs ${JSON.stringify(last)}): ${JSON.stringify(sources.model.bands)} in config/health-model.yaml bands but ${JSON.stringify([...sources.model.bands].reverse())} in the emulator describe`,
    );
  });

  it('a risk flag renamed in the health model', () => {
    const flags = sources.model.riskFlags;
    const renamed = flags.map((flag, index) => (index === 0 ? `${flag} (renamed)` : flag));
    const problems = checkWrittenFields({ ...sources, model: { ...sources.model, riskFlags: renamed } });
    const was = JSON.stringify(flags[0]);
    const now = JSON.stringify(renamed[0]);
    const prefix = `${riskFlags}: picklistValues differ at #1 (${now} vs ${was}): ${JSON.stringify(renamed)} in config/health-model.yaml riskFlags but `;
    for (const source of [fieldFile(riskFlags), 'the emulator describe']) {
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`^${escape(prefix)}.* in ${escape(source)}$`)),
      );
    }
  });

  it('a field renamed in the default mapping', () => {
    const renamed = `${reasons.replace(/__c$/, '')}_Text__c`;
    const problems = checkFieldNames({ ...sources, mapping: { ...sources.mapping, reasons: renamed } });
    expect(problems).toEqual(
      expect.arrayContaining([
        `${renamed}: fieldMapping.reasons in DEFAULT_FIELD_MAPPING (src/config/field-mapping.ts) but no ${fieldFile(renamed)}`,
        `${reasons}: in salesforce/force-app but not in DEFAULT_FIELD_MAPPING (src/config/field-mapping.ts)`,
      ]),
    );
  });

  it('a long text area shortened in the emulator', () => {
    const length = DESIGN.reasons.length!;
    const describe = sources.describe.map((field) =>
      field.name === reasons ? { ...field, length: length - 768 } : field,
    );
    expect(checkWrittenFields({ ...sources, describe })).toContain(
      `${reasons}: length is ${length} in ${fieldFile(reasons)} but ${length - 768} in the emulator describe`,
    );
  });

  it('edit granted to the integration on the override', () => {
    const drifted = withPermissionSet(sources, 'Pulse_Integration', (set) => ({
      ...set,
      fieldPermissions: set.fieldPermissions.map((entry) =>
        entry.field === `Account.${override}` ? { ...entry, editable: true } : entry,
      ),
    }));
    expect(checkPermissionSets(drifted)).toContain(
      `${override}: Pulse_Integration grants edit, expected read only (salesforce/force-app/main/default/permissionsets/Pulse_Integration.permissionset-meta.xml)`,
    );
  });

  it('the Task key made case-insensitive, or no longer unique', () => {
    const drifted = {
      ...sources,
      pkg: {
        ...sources.pkg,
        activityFields: sources.pkg.activityFields.map((field) =>
          field.name === 'Pulse_Key__c' ? { ...field, unique: false, caseSensitive: false } : field,
        ),
      },
    };
    expect(checkTaskFields(drifted)).toEqual([
      `Pulse_Key__c: unique is true in issue 12 but false in salesforce/${taskKeyFile}`,
      `Pulse_Key__c: caseSensitive is true in issue 12 but false in salesforce/${taskKeyFile}`,
    ]);
  });

  it('the Task key put under objects/Task, where Salesforce refuses it', () => {
    const misplaced = 'force-app/main/default/objects/Task/fields/Pulse_Key__c.field-meta.xml';
    const drifted = {
      ...sources,
      pkg: { ...sources.pkg, activityFields: [], unknownFiles: [...sources.pkg.unknownFiles, misplaced] },
    };
    expect(checkTaskFields(drifted)).toEqual(
      expect.arrayContaining([
        `salesforce/${misplaced}: Salesforce takes Task and Event custom fields only on Activity: move it to objects/Activity/fields/`,
        'Pulse_Key__c: no salesforce/force-app/main/default/objects/Activity/fields/Pulse_Key__c.field-meta.xml',
      ]),
    );
  });

  it('the Task key granted read only, or as an Activity field, or Edit Tasks left out', () => {
    const drifted = withPermissionSet(sources, 'Pulse_Integration', (set) => ({
      ...set,
      fieldPermissions: [
        ...set.fieldPermissions.map((entry) =>
          entry.field === 'Task.Pulse_Key__c' ? { ...entry, editable: false } : entry,
        ),
        { field: 'Activity.Pulse_Key__c', readable: true, editable: true },
      ],
      userPermissions: set.userPermissions.filter((name) => name !== 'EditTask'),
    }));
    const file = 'salesforce/force-app/main/default/permissionsets/Pulse_Integration.permissionset-meta.xml';
    expect(checkPermissionSets(drifted)).toEqual([
      `Task.Pulse_Key__c: Pulse_Integration grants read, expected edit (${file})`,
      `Activity.Pulse_Key__c: Pulse_Integration should grant an activity field as Task.Pulse_Key__c (${file})`,
      `Pulse_Integration: user permissions ["ApiEnabled"], expected ["ApiEnabled","EditTask"] (${file})`,
    ]);
  });

  it('a permission set description longer than Salesforce takes', () => {
    const drifted = withPermissionSet(sources, 'Pulse_CSM_Read', (set) => ({
      ...set,
      description: 'x'.repeat(256),
    }));
    expect(checkPermissionSets(drifted)).toEqual([
      'Pulse_CSM_Read: description is 256 characters, Salesforce takes at most 255 (salesforce/force-app/main/default/permissionsets/Pulse_CSM_Read.permissionset-meta.xml)',
    ]);
  });

  it('a field missing from the CSM permission set', () => {
    const drifted = withPermissionSet(sources, 'Pulse_CSM_Read', (set) => ({
      ...set,
      fieldPermissions: set.fieldPermissions.filter((entry) => entry.field !== `Account.${riskFlags}`),
    }));
    expect(checkPermissionSets(drifted)).toContain(
      `${riskFlags}: no fieldPermissions in Pulse_CSM_Read (salesforce/force-app/main/default/permissionsets/Pulse_CSM_Read.permissionset-meta.xml)`,
    );
  });
});
