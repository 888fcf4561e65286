/**
 * Do the fields Pulse writes exist with the right types and picklist values, can the integration
 * user edit them, and can it read every field the health model needs?
 */
import type { HealthModel } from '../../health/index.js';
import type { FieldInfo, SObjectInfo } from '../../salesforce/types.js';
import { check, type CheckResult } from '../doctor-report.js';
import { REQUIRED_INPUT_FIELDS, type ExpectedField } from '../expected-fields.js';

const DEPLOY_FIX =
  'Deploy the package in salesforce/ (sf project deploy start --source-dir force-app), or map your own field under fieldMapping in config/orgs.yaml.';
const PERMISSION_FIX =
  'Assign the Pulse_Integration permission set to the integration user (Setup > Permission Sets > Pulse Integration > Manage Assignments).';

function problemsWith(expected: ExpectedField, field: FieldInfo): { problems: string[]; fix: string } {
  const problems: string[] = [];
  if (field.type !== expected.type) problems.push(`is a ${field.type}, not a ${expected.type}`);
  if (
    expected.precision !== undefined &&
    (field.precision !== expected.precision || field.scale !== expected.scale)
  ) {
    problems.push(
      `is Number(${field.precision},${field.scale}), not Number(${expected.precision},${expected.scale ?? 0})`,
    );
  }
  if (expected.minLength !== undefined && field.length < expected.minLength) {
    problems.push(`holds ${field.length} characters; the reasons text can be ${expected.minLength}`);
  }
  const missingValues = (expected.values ?? []).filter((value) => !field.picklistValues.includes(value));
  if (missingValues.length > 0)
    problems.push(`lacks the picklist values ${missingValues.map((v) => `"${v}"`).join(', ')}`);
  if (expected.written && !field.updateable) problems.push('is not editable by the integration user');
  const fix =
    expected.written && !field.updateable && problems.length === 1
      ? PERMISSION_FIX
      : missingValues.length > 0
        ? `Add the values in Setup > Object Manager > Account > Fields & Relationships > ${field.label} > Values (the package's metadata has them).`
        : DEPLOY_FIX;
  return { problems, fix };
}

export function checkWrittenFields(account: SObjectInfo, expected: readonly ExpectedField[]): CheckResult[] {
  return expected.map((want) => {
    const id = `field:${want.name}`;
    const title = `Account.${want.name}`;
    const field = account.fields.find(
      (candidate) => candidate.name.toLowerCase() === want.name.toLowerCase(),
    );
    if (!field) {
      return check(
        id,
        title,
        'fail',
        `The field does not exist, or the integration user cannot see it (${want.key}).`,
        `${DEPLOY_FIX} If it exists, ${PERMISSION_FIX.charAt(0).toLowerCase()}${PERMISSION_FIX.slice(1)}`,
      );
    }
    const { problems, fix } = problemsWith(want, field);
    if (problems.length === 0) {
      return check(
        id,
        title,
        'ok',
        `${want.written ? 'Writable' : 'Readable'} ${field.type}${want.precision === undefined ? '' : `(${field.precision},${field.scale})`}.`,
      );
    }
    return check(id, title, 'fail', `The field ${problems.join('; ')}.`, fix);
  });
}

export function checkInputFields(
  describes: ReadonlyMap<string, SObjectInfo>,
  model: HealthModel,
): CheckResult[] {
  const results: CheckResult[] = [];
  for (const [objectName, names] of Object.entries(REQUIRED_INPUT_FIELDS)) {
    const fields = new Set(describes.get(objectName)?.fields.map((field) => field.name));
    const missing = names.filter((name) => !fields.has(name));
    results.push(
      missing.length === 0
        ? check(
            `inputs:${objectName}`,
            `${objectName} fields read`,
            'ok',
            `All ${names.length} fields the pull reads are visible.`,
          )
        : check(
            `inputs:${objectName}`,
            `${objectName} fields read`,
            'fail',
            `Not visible to the integration user: ${missing.join(', ')}.`,
            `Grant read access to these fields (field-level security) in the Pulse_Integration permission set or the user's profile.`,
          ),
    );
  }
  const accountFields = new Set(describes.get('Account')?.fields.map((field) => field.name));
  for (const [signal, input] of Object.entries(model.config.inputs)) {
    results.push(
      accountFields.has(input.field)
        ? check(`input:${signal}`, `Optional input ${signal}`, 'ok', `Read from Account.${input.field}.`)
        : check(
            `input:${signal}`,
            `Optional input ${signal}`,
            'warn',
            `Account.${input.field} is not there: ${signal} is left out of the score (the reasons say so).`,
            'Deploy salesforce/optional-inputs, or remove the input from config/health-model.yaml.',
          ),
    );
  }
  return results;
}

/** The Task key customer-success playbooks upsert on: present, and writable by the integration user. */
export function checkTaskKeyField(task: SObjectInfo | undefined): CheckResult {
  const id = 'field:Task.Pulse_Key__c';
  const title = 'Task.Pulse_Key__c';
  const off = 'Or turn the playbooks off (success.enabled: false) until it is.';
  const field = task?.fields.find((candidate) => candidate.name.toLowerCase() === 'pulse_key__c');
  if (!field)
    return check(
      id,
      title,
      'fail',
      'Playbooks create Tasks keyed on this field, and it does not exist or the integration user cannot see it.',
      `Deploy the package in salesforce/ (sf project deploy start --source-dir force-app): it adds the field. ${PERMISSION_FIX} ${off}`,
    );
  if (!field.createable || !field.updateable)
    return check(
      id,
      title,
      'fail',
      'The integration user cannot set the field, so playbook Tasks would be refused.',
      `${PERMISSION_FIX} (it grants Edit Tasks and the field). ${off}`,
    );
  return check(id, title, 'ok', `Writable ${field.type}: playbook Tasks are upserted on it.`);
}
