/**
 * Resolves field paths (`Name`, `Account.Name`, `Account.Owner.Email`) against describe metadata,
 * case-insensitively, into the canonical names and a reader that follows lookups with recordById.
 */
import type { FieldDescribe, OrgView, SObjectSchema, StoredRecord } from '../org/types.js';

import { fail, type CompileContext, type RowReader } from './compile-context.js';
import { noSuchColumnText, notSupportedText, unknownRelationshipText } from './soql-error.js';

/** One lookup traversed by a path: `Account` through `AccountId`. */
export interface RelationshipHop {
  readonly lookup: FieldDescribe;
  readonly relationshipName: string;
  readonly target: SObjectSchema;
}

export interface ResolvedPath {
  readonly hops: readonly RelationshipHop[];
  readonly field: FieldDescribe;
  /** The object that holds `field` (the root object when there are no hops). */
  readonly owner: SObjectSchema;
  /** The field's value for a root record; null when a lookup on the way is empty. */
  readonly read: RowReader;
}

interface FieldIndex {
  readonly fields: ReadonlyMap<string, FieldDescribe>;
  readonly relationships: ReadonlyMap<string, FieldDescribe>;
}

const indexes = new WeakMap<SObjectSchema, FieldIndex>();

function indexOf(schema: SObjectSchema): FieldIndex {
  let index = indexes.get(schema);
  if (index === undefined) {
    const fields = new Map<string, FieldDescribe>();
    const relationships = new Map<string, FieldDescribe>();
    for (const field of schema.fields) {
      fields.set(field.name.toLowerCase(), field);
      if (field.type === 'reference' && field.relationshipName !== null) {
        relationships.set(field.relationshipName.toLowerCase(), field);
      }
    }
    index = { fields, relationships };
    indexes.set(schema, index);
  }
  return index;
}

export function fieldOf(schema: SObjectSchema, name: string): FieldDescribe | undefined {
  return indexOf(schema).fields.get(name.toLowerCase());
}

/** The record a lookup field points at, or undefined when the lookup is empty or dangling. */
export function parentRecord(org: OrgView, record: StoredRecord, lookup: string): StoredRecord | undefined {
  const id = record[lookup];
  return typeof id === 'string' && id !== '' ? org.recordById(id) : undefined;
}

/** A reader that follows `hops` from a root record and then reads `read` on the record reached. */
export function followHops(org: OrgView, hops: readonly RelationshipHop[], read: RowReader): RowReader {
  let reader = read;
  for (const hop of [...hops].reverse()) {
    const inner = reader;
    const lookup = hop.lookup.name;
    reader = (record) => {
      const parent = parentRecord(org, record, lookup);
      return parent === undefined ? null : inner(parent);
    };
  }
  return reader;
}

/**
 * @param path the path as written in the query
 * @param offset where the path starts in the query text, for the error caret
 */
export function resolvePath(
  ctx: CompileContext,
  root: SObjectSchema,
  path: string,
  offset: number,
): ResolvedPath {
  const segments = path.split('.');
  // `SELECT Account.Name FROM Account` is legal: a leading object name is dropped.
  const first = segments[0] ?? '';
  if (
    segments.length > 1 &&
    first.toLowerCase() === root.name.toLowerCase() &&
    !indexOf(root).relationships.has(first.toLowerCase())
  ) {
    segments.shift();
  }

  const hops: RelationshipHop[] = [];
  let owner = root;
  for (const segment of segments.slice(0, -1)) {
    const lookup = indexOf(owner).relationships.get(segment.toLowerCase());
    if (lookup === undefined || lookup.relationshipName === null) {
      return fail(ctx, 'INVALID_FIELD', offset, unknownRelationshipText(segment));
    }
    if (lookup.referenceTo.length !== 1) {
      const construct = `Polymorphic relationship '${lookup.relationshipName}'`;
      return fail(ctx, 'MALFORMED_QUERY', offset, notSupportedText(construct));
    }
    const target = ctx.org.schemaOf(lookup.referenceTo[0] ?? '');
    if (target === undefined) return fail(ctx, 'INVALID_FIELD', offset, unknownRelationshipText(segment));
    hops.push({ lookup, relationshipName: lookup.relationshipName, target });
    owner = target;
  }

  const name = segments[segments.length - 1] ?? '';
  const field = indexOf(owner).fields.get(name.toLowerCase());
  if (field === undefined) return fail(ctx, 'INVALID_FIELD', offset, noSuchColumnText(name, owner.name));
  const key = field.name;
  return { hops, field, owner, read: followHops(ctx.org, hops, (record) => record[key] ?? null) };
}
