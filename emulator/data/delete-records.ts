/**
 * Deletes and undeletes records as a person in Salesforce does: deleting a record deletes the
 * children its cascade-delete relationships hold (an account's opportunities, cases and tasks), and
 * undeleting it from the recycle bin brings those children back with it.
 */
import { canonicalId, isWellFormedId } from '../org/ids.js';
import type { OrgStore } from '../org/org-store.js';
import type { StoredRecord } from '../org/types.js';

export interface Deletions {
  /** Ids deleted (the records asked for, then their cascaded children); unknown or deleted ids are skipped. */
  remove(ids: readonly string[], userId: string): string[];
  /** Ids brought back; ids not in the recycle bin are skipped. */
  restore(ids: readonly string[], userId: string): string[];
  clear(): void;
}

export function createDeletions(store: OrgStore): Deletions {
  const cascaded = new Map<string, string[]>();

  const live = (id: string): StoredRecord | undefined => {
    if (!isWellFormedId(id)) return undefined;
    const record = store.recordById(canonicalId(id));
    return record && record['IsDeleted'] !== true ? record : undefined;
  };

  const removeOne = (record: StoredRecord, userId: string, out: string[]): void => {
    const id = String(record['Id']);
    store.softDelete(record, userId);
    out.push(id);
    const schema = store.objectNames
      .map((name) => store.schemaOf(name))
      .find((s) => s && id.startsWith(s.keyPrefix));
    const children: string[] = [];
    for (const relationship of schema?.childRelationships ?? []) {
      if (!relationship.cascadeDelete || !store.schemaOf(relationship.childSObject)) continue;
      for (const child of [...store.recordsOf(relationship.childSObject)]) {
        if (child['IsDeleted'] === true || child[relationship.field] !== id) continue;
        children.push(String(child['Id']));
        removeOne(child, userId, out);
      }
    }
    if (children.length > 0) cascaded.set(id, children);
  };

  const restoreOne = (id: string, userId: string, out: string[]): void => {
    const record = isWellFormedId(id) ? store.recordById(canonicalId(id)) : undefined;
    if (!record || !store.undelete(record, userId)) return;
    out.push(String(record['Id']));
    for (const child of cascaded.get(String(record['Id'])) ?? []) restoreOne(child, userId, out);
    cascaded.delete(String(record['Id']));
  };

  return {
    remove(ids, userId) {
      const out: string[] = [];
      for (const id of ids) {
        const record = live(id);
        if (record) removeOne(record, userId, out);
      }
      return out;
    },
    restore(ids, userId) {
      const out: string[] = [];
      for (const id of ids) restoreOne(id, userId, out);
      return out;
    },
    clear() {
      cascaded.clear();
    },
  };
}
