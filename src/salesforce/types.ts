/** What the Salesforce client hands back: plain data in Pulse's vocabulary, no jsforce types. */

export interface QueryPage<T> {
  readonly totalSize: number;
  readonly done: boolean;
  readonly records: readonly T[];
  readonly nextRecordsUrl?: string;
}

/** The parts of a field's describe Pulse checks. */
export interface FieldInfo {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly length: number;
  readonly precision: number;
  readonly scale: number;
  readonly custom: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly nillable: boolean;
  readonly calculated: boolean;
  readonly restrictedPicklist: boolean;
  /** Active values, in the org's order. */
  readonly picklistValues: readonly string[];
}

export interface SObjectInfo {
  readonly name: string;
  readonly fields: readonly FieldInfo[];
}

export type OrgLimits = Readonly<Record<string, { readonly Max: number; readonly Remaining: number }>>;

/** One record's outcome of a collection write, as Salesforce reports it. */
export interface RecordResult {
  readonly id?: string;
  readonly success: boolean;
  readonly errors: readonly {
    readonly statusCode: string;
    readonly message: string;
    readonly fields: readonly string[];
  }[];
}

/**
 * One record's outcome of a collection upsert by external id. `created` is Salesforce's own word
 * on whether the key was new (true) or matched the one record holding it (false); it may be absent
 * when the record failed.
 */
export interface UpsertResult extends RecordResult {
  readonly created?: boolean;
}
