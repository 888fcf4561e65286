/**
 * What Pulse needs of the org's fields: the Account fields it writes and reads (by their mapped
 * names, with the types the package deploys), and the standard fields the health model reads.
 */
import type { FieldMapping, FieldMappingKey } from '../config/index.js';
import { ESCALATION_STATUSES, type HealthModel } from '../health/index.js';

export interface ExpectedField {
  readonly key: FieldMappingKey;
  readonly name: string;
  readonly type: 'double' | 'picklist' | 'multipicklist' | 'textarea' | 'datetime';
  /** Number(precision, scale) for numbers. */
  readonly precision?: number;
  readonly scale?: number;
  /** At least this long (text). */
  readonly minLength?: number;
  /** Values Pulse writes, which a restricted picklist must offer. */
  readonly values?: readonly string[];
  /** Pulse writes it (so the integration user must be able to edit it). */
  readonly written: boolean;
}

export function expectedAccountFields(mapping: FieldMapping, model: HealthModel): ExpectedField[] {
  const { bands, riskFlags, reasons } = model.config;
  return [
    { key: 'score', name: mapping.score, type: 'double', precision: 3, scale: 0, written: true },
    {
      key: 'status',
      name: mapping.status,
      type: 'picklist',
      values: bands.map((band) => band.status),
      written: true,
    },
    { key: 'scoreChange', name: mapping.scoreChange, type: 'double', precision: 4, scale: 0, written: true },
    {
      key: 'escalationStatus',
      name: mapping.escalationStatus,
      type: 'picklist',
      values: ESCALATION_STATUSES,
      written: true,
    },
    {
      key: 'riskFlags',
      name: mapping.riskFlags,
      type: 'multipicklist',
      values: riskFlags.map((flag) => flag.name),
      written: true,
    },
    { key: 'reasons', name: mapping.reasons, type: 'textarea', minLength: reasons.maxChars, written: true },
    { key: 'updatedAt', name: mapping.updatedAt, type: 'datetime', written: true },
    { key: 'override', name: mapping.override, type: 'double', precision: 3, scale: 0, written: false },
  ];
}

/** The fields the pull cannot do without, by object: the doctor checks exactly what the pull needs. */
export { REQUIRED_PULL_FIELDS as REQUIRED_INPUT_FIELDS } from '../sync/pull/pull-fields.js';
