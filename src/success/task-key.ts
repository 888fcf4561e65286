/**
 * The Task's Pulse_Key__c: one value per (playbook, subject, episode, action, occurrence), so the
 * upsert of a retried or repeated request updates the Task it created instead of adding another.
 * Readable enough to find in Salesforce (`pulse:at-risk:...`), within the field's 80 characters.
 */
import { createHash } from 'node:crypto';

export interface TaskKeyParts {
  readonly playbookId: string;
  readonly subjectId: string;
  readonly seq: number;
  readonly actionIndex: number;
  readonly occurrence: number;
}

export function taskKey(parts: TaskKeyParts): string {
  const digest = createHash('sha256')
    .update([parts.playbookId, parts.subjectId, parts.seq, parts.actionIndex, parts.occurrence].join('|'))
    .digest('hex')
    .slice(0, 32);
  return `pulse:${parts.playbookId}:${digest}`;
}
