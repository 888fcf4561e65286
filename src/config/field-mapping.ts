/**
 * Which Account fields Pulse writes and reads, by API name. Defaults are DESIGN.md's fields (and
 * the SFDX package's); an org whose admin named them differently maps them here.
 */
import { z } from 'zod';

/** An Account field API name: letters, digits and underscores, custom ones ending in `__c`. */
const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}(__c)?$/, {
  error: 'expected a field API name such as "Health_Score__c"',
});

export const DEFAULT_FIELD_MAPPING = {
  score: 'Health_Score__c',
  status: 'Health_Status__c',
  scoreChange: 'Health_Score_Change__c',
  escalationStatus: 'Escalation_Status__c',
  riskFlags: 'Risk_Flags__c',
  reasons: 'Health_Reasons__c',
  updatedAt: 'Health_Updated_At__c',
  override: 'Health_Score_Override__c',
} as const;

export type FieldMappingKey = keyof typeof DEFAULT_FIELD_MAPPING;

export const FieldMapping = z
  .object({
    /** Number(3,0), 0-100. */
    score: fieldName.default(DEFAULT_FIELD_MAPPING.score),
    /** Restricted picklist of the model's status bands. */
    status: fieldName.default(DEFAULT_FIELD_MAPPING.status),
    /** Number(4,0): change against the score about 30 days earlier. */
    scoreChange: fieldName.default(DEFAULT_FIELD_MAPPING.scoreChange),
    /** Restricted picklist: None / Watch / Escalated / SLA Breached / Critical. */
    escalationStatus: fieldName.default(DEFAULT_FIELD_MAPPING.escalationStatus),
    /** Restricted multi-select picklist of the model's risk flags. */
    riskFlags: fieldName.default(DEFAULT_FIELD_MAPPING.riskFlags),
    /** Long Text Area. */
    reasons: fieldName.default(DEFAULT_FIELD_MAPPING.reasons),
    /** Date/Time of Pulse's last write. */
    updatedAt: fieldName.default(DEFAULT_FIELD_MAPPING.updatedAt),
    /** Number(3,0) set by CSMs; read, never written. */
    override: fieldName.default(DEFAULT_FIELD_MAPPING.override),
  })
  .strict()
  .superRefine((mapping, ctx) => {
    // Two of Pulse's values in one field would overwrite each other on every run.
    const firstByField = new Map<string, FieldMappingKey>();
    for (const [key, field] of Object.entries(mapping) as [FieldMappingKey, string][]) {
      const first = firstByField.get(field.toLowerCase());
      if (first === undefined) {
        firstByField.set(field.toLowerCase(), key);
        continue;
      }
      // Blamed on the one the admin set (the other kept its default).
      const [blamed, other] = mapping[key] === DEFAULT_FIELD_MAPPING[key] ? [first, key] : [key, first];
      ctx.addIssue({
        code: 'custom',
        path: [blamed],
        input: field,
        message: `already the field of ${other}: each value needs a field of its own`,
      });
    }
  })
  .prefault({});
export type FieldMapping = z.output<typeof FieldMapping>;
