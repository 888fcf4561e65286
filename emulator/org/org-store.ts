/**
 * The org's records in memory, by object and by id. Writes stamp the audit fields as Salesforce
 * does (every write moves SystemModstamp, LastModifiedDate and LastModifiedById); deletes are soft
 * (IsDeleted) until the recycle-bin retention passes, so queryAll and getDeleted can see them.
 */
import type { OrgClock } from './clock.js';
import { canonicalId, type IdFactory } from './ids.js';
import type { FieldDescribe, OrgView, SObjectSchema, StoredRecord, WireValue } from './types.js';
import { formatDateTime } from './wire-format.js';

export interface DeletedEntry {
  readonly id: string;
  readonly deletedDate: Date;
}

export interface OrgStore extends OrgView {
  readonly objectNames: readonly string[];
  insert(objectName: string, values: Readonly<Record<string, WireValue>>, userId: string): StoredRecord;
  /** Applies values to a live record; the caller has checked it exists and is not deleted. */
  update(record: StoredRecord, values: Readonly<Record<string, WireValue>>, userId: string): StoredRecord;
  softDelete(record: StoredRecord, userId: string): void;
  /** Brings a deleted record back from the recycle bin; false when it is not there (any more). */
  undelete(record: StoredRecord, userId: string): boolean;
  /** Empties the org (reset). */
  clear(): void;
  /** Deleted records of an object whose deletion falls in [start, end). */
  deletedBetween(objectName: string, start: Date, end: Date): DeletedEntry[];
  /** The oldest deletion time still kept (older deletions are gone for good). */
  earliestDeletedAvailable(): Date;
  /** Adds generated records as they are (ids and audit fields already set). */
  load(objectName: string, records: readonly StoredRecord[]): void;
  count(objectName: string): number;
}

export interface OrgStoreOptions {
  readonly schemas: ReadonlyMap<string, SObjectSchema>;
  readonly clock: OrgClock;
  readonly ids: IdFactory;
  /** How long deleted records stay visible to queryAll and getDeleted (Salesforce: 15 days). */
  readonly deletedRetentionMs: number;
  readonly currencyRates?: ReadonlyMap<string, number>;
}

/** A field's value on a new record when the write does not give it. */
function initialValue(field: FieldDescribe): WireValue {
  if (field.type === 'boolean') return false;
  if (field.type === 'picklist' && !field.createable && field.defaultedOnCreate) {
    return field.picklistValues.find((entry) => entry.defaultValue)?.value ?? null;
  }
  return null;
}

export function createOrgStore(options: OrgStoreOptions): OrgStore {
  const { clock, ids } = options;
  const schemaByLowerName = new Map([...options.schemas.values()].map((s) => [s.name.toLowerCase(), s]));
  const recordsByObject = new Map<string, Map<string, StoredRecord>>();
  const objectOfId = new Map<string, string>();
  const deletions = new Map<string, { record: StoredRecord; at: Date }>();
  for (const schema of schemaByLowerName.values()) recordsByObject.set(schema.name, new Map());

  const schemaOf = (name: string): SObjectSchema | undefined => schemaByLowerName.get(name.toLowerCase());
  const tableOf = (name: string): Map<string, StoredRecord> => {
    const schema = schemaOf(name);
    const table = schema && recordsByObject.get(schema.name);
    if (!table) throw new Error(`no such object in the emulated org: ${name}`);
    return table;
  };

  /** Drops deletions older than the retention: the recycle bin was emptied. */
  const purge = (): void => {
    const cutoff = clock.now().getTime() - options.deletedRetentionMs;
    for (const [id, deletion] of deletions) {
      if (deletion.at.getTime() >= cutoff) continue;
      deletions.delete(id);
      const objectName = objectOfId.get(id);
      if (objectName) recordsByObject.get(objectName)?.delete(id);
      objectOfId.delete(id);
    }
  };

  const stamp = (record: StoredRecord, userId: string): void => {
    const now = formatDateTime(clock.now());
    record['LastModifiedDate'] = now;
    record['LastModifiedById'] = userId;
    record['SystemModstamp'] = now;
  };

  return {
    get objectNames() {
      return [...recordsByObject.keys()];
    },
    schemaOf,
    recordsOf(objectName) {
      purge();
      return tableOf(objectName).values();
    },
    recordById(id) {
      if (id.length !== 15 && id.length !== 18) return undefined;
      const key = canonicalId(id);
      const objectName = objectOfId.get(key);
      return objectName ? recordsByObject.get(objectName)?.get(key) : undefined;
    },
    now: () => clock.now(),
    currencyRates: () => options.currencyRates ?? new Map(),
    insert(objectName, values, userId) {
      const schema = schemaOf(objectName);
      if (!schema) throw new Error(`no such object in the emulated org: ${objectName}`);
      const id = ids.next(schema.keyPrefix);
      const now = formatDateTime(clock.now());
      const record: StoredRecord = {};
      // Unset fields are null, except checkboxes (Salesforce has no null boolean) and picklists the
      // org fills itself (User.UserType), which get their default.
      for (const field of schema.fields) record[field.name] = initialValue(field);
      Object.assign(record, values, {
        Id: id,
        IsDeleted: false,
        CreatedDate: now,
        CreatedById: userId,
      });
      stamp(record, userId);
      tableOf(schema.name).set(id, record);
      objectOfId.set(id, schema.name);
      return record;
    },
    update(record, values, userId) {
      Object.assign(record, values);
      stamp(record, userId);
      return record;
    },
    softDelete(record, userId) {
      record['IsDeleted'] = true;
      stamp(record, userId);
      deletions.set(String(record['Id']), { record, at: clock.now() });
    },
    undelete(record, userId) {
      purge();
      const id = String(record['Id']);
      if (record['IsDeleted'] !== true || !deletions.has(id)) return false;
      deletions.delete(id);
      record['IsDeleted'] = false;
      stamp(record, userId);
      return true;
    },
    clear() {
      for (const table of recordsByObject.values()) table.clear();
      objectOfId.clear();
      deletions.clear();
    },
    deletedBetween(objectName, start, end) {
      purge();
      const schema = schemaOf(objectName);
      const found: DeletedEntry[] = [];
      for (const [id, deletion] of deletions) {
        if (objectOfId.get(id) !== schema?.name) continue;
        const at = deletion.at.getTime();
        if (at >= start.getTime() && at < end.getTime()) found.push({ id, deletedDate: deletion.at });
      }
      return found;
    },
    earliestDeletedAvailable() {
      return new Date(clock.now().getTime() - options.deletedRetentionMs);
    },
    load(objectName, records) {
      const table = tableOf(objectName);
      const name = schemaOf(objectName)?.name ?? objectName;
      for (const record of records) {
        const id = String(record['Id']);
        table.set(id, record);
        objectOfId.set(id, name);
      }
    },
    count(objectName) {
      return tableOf(objectName).size;
    },
  };
}
