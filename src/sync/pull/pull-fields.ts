/**
 * Which fields the pull reads of each object: the ones scoring needs (a missing one stops the
 * pull, naming it), and the optional ones (mapped inputs, the written fields Pulse diffs against,
 * multi-currency) that are skipped with a warning when the org lacks them.
 */
import type { FieldMapping } from '../../config/index.js';
import type { HealthModel } from '../../health/index.js';
import type { SObjectInfo } from '../../salesforce/types.js';

export const PULLED_OBJECTS = ['Account', 'Opportunity', 'Case'] as const;
export type PulledObject = (typeof PULLED_OBJECTS)[number];

/** Fields the pull cannot do without (the doctor checks these too). */
export const REQUIRED_PULL_FIELDS: Readonly<Record<PulledObject, readonly string[]>> = {
  Account: [
    'Id',
    'Name',
    'Type',
    'AnnualRevenue',
    'OwnerId',
    'CreatedDate',
    'LastActivityDate',
    'SystemModstamp',
    'IsDeleted',
  ],
  Opportunity: [
    'Id',
    'AccountId',
    'StageName',
    'IsClosed',
    'IsWon',
    'CloseDate',
    'Amount',
    'Probability',
    'Type',
    'SystemModstamp',
    'IsDeleted',
  ],
  Case: [
    'Id',
    'AccountId',
    'Priority',
    'Status',
    'IsClosed',
    'IsEscalated',
    'CreatedDate',
    'ClosedDate',
    'SystemModstamp',
    'IsDeleted',
  ],
};

const OPTIONAL_STANDARD: Readonly<Record<PulledObject, readonly string[]>> = {
  Account: ['CurrencyIsoCode'],
  Opportunity: ['CurrencyIsoCode'],
  Case: ['CaseNumber', 'First_Response_At__c', 'OwnerId'],
};

export interface FieldPlan {
  readonly object: PulledObject;
  readonly fields: readonly string[];
  /** Optional fields the org does not have (or hides), reported once per run. */
  readonly skipped: readonly string[];
  /** Formula fields among them: they change without moving SystemModstamp (re-read on the full pass). */
  readonly calculated: readonly string[];
  /** Each field's describe type, to type Bulk API's CSV values. */
  readonly types: Readonly<Record<string, string>>;
}

export class MissingFieldError extends Error {
  constructor(
    readonly object: PulledObject,
    readonly fields: readonly string[],
  ) {
    super(
      `${object} lacks fields the pull needs, or the integration user cannot read them: ${fields.join(', ')}. ` +
        'Grant read access (Pulse_Integration permission set) and run `pulse doctor`.',
    );
  }
}

export function optionalFieldsOf(object: PulledObject, mapping: FieldMapping, model: HealthModel): string[] {
  const extra =
    object === 'Account'
      ? [...Object.values(mapping), ...Object.values(model.config.inputs).map((input) => input.field)]
      : [];
  return [...new Set([...OPTIONAL_STANDARD[object], ...extra])];
}

/** Decides the field list from one describe per object and run. Throws MissingFieldError. */
export function planFields(
  describe: SObjectInfo,
  object: PulledObject,
  optional: readonly string[],
): FieldPlan {
  const byName = new Map(describe.fields.map((field) => [field.name.toLowerCase(), field]));
  const missing = REQUIRED_PULL_FIELDS[object].filter((name) => !byName.has(name.toLowerCase()));
  if (missing.length > 0) throw new MissingFieldError(object, missing);
  const present = optional.filter((name) => byName.has(name.toLowerCase()));
  const skipped = optional.filter((name) => !byName.has(name.toLowerCase()));
  const fields = [
    ...REQUIRED_PULL_FIELDS[object],
    ...present.filter((name) => !REQUIRED_PULL_FIELDS[object].includes(name)),
  ];
  return {
    object,
    fields,
    skipped,
    calculated: fields.filter((name) => byName.get(name.toLowerCase())?.calculated === true),
    types: Object.fromEntries(fields.map((name) => [name, byName.get(name.toLowerCase())?.type ?? 'string'])),
  };
}
