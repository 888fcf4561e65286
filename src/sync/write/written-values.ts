/**
 * The values Pulse writes for an account, normalised as Salesforce stores them (whole numbers for
 * Number(3,0), multi-select values in picklist order, text trimmed to the field), and the diff
 * against what was last read from Salesforce: an unchanged account costs no call, and Pulse's own
 * writes, which come back through the pull, are never changes.
 */
import type { FieldMapping } from '../../config/index.js';
import type { HealthModel, HealthResult } from '../../health/index.js';
import type { PulledRecord } from '../snapshot/snapshot-store.js';

export type WrittenValues = Readonly<Record<string, string | number | null>>;

const REASONS_MAX = 32_768;

export function writtenValues(
  result: HealthResult,
  mapping: FieldMapping,
  model: HealthModel,
): WrittenValues {
  const order = model.config.riskFlags.map((flag) => flag.name);
  const flags = [...new Set(result.riskFlags.map((flag) => flag.name))].sort(
    (a, b) => order.indexOf(a) - order.indexOf(b),
  );
  return {
    [mapping.score]: result.score === null ? null : Math.round(result.score),
    [mapping.status]: result.status,
    [mapping.scoreChange]: result.scoreChange === null ? null : Math.round(result.scoreChange),
    [mapping.escalationStatus]: result.escalation.status,
    [mapping.riskFlags]: flags.length > 0 ? flags.join(';') : null,
    [mapping.reasons]: result.reasons === '' ? null : result.reasons.slice(0, REASONS_MAX),
  };
}

/** The fields whose value differs from what Salesforce holds (empty: nothing to write). */
export function changedFields(values: WrittenValues, current: PulledRecord): string[] {
  return Object.entries(values)
    .filter(([name, value]) => {
      const stored = current[name] ?? null;
      if (typeof value === 'number' && typeof stored === 'number') return Math.round(stored) !== value;
      return stored !== value;
    })
    .map(([name]) => name);
}
