/**
 * Validation rules an org can have: on chosen records, a write fails with
 * FIELD_CUSTOM_VALIDATION_EXCEPTION and the rule's own message, like an admin's rule would.
 */
import { canonicalId } from '../org/ids.js';
import type { StoredRecord } from '../org/types.js';

export interface ValidationRule {
  /** API name of the object the rule is on. */
  readonly object: string;
  /** Records it fires on, by id (15 or 18 characters)... */
  readonly recordIds?: readonly string[];
  /** ...or by a regular expression over their Name. */
  readonly namePattern?: string;
  /** The field the error is shown on; none for a record-level error. */
  readonly errorField?: string;
  readonly message: string;
}

/** The first rule that refuses this write to `record` (its values after the write), if any. */
export function failingRule(
  rules: readonly ValidationRule[],
  objectName: string,
  record: Readonly<StoredRecord>,
): ValidationRule | undefined {
  return rules.find((rule) => {
    if (rule.object.toLowerCase() !== objectName.toLowerCase()) return false;
    const id = typeof record['Id'] === 'string' ? canonicalId(record['Id']) : undefined;
    if (rule.recordIds && id && rule.recordIds.some((ruleId) => canonicalId(ruleId) === id)) return true;
    return rule.namePattern !== undefined && new RegExp(rule.namePattern).test(String(record['Name'] ?? ''));
  });
}
