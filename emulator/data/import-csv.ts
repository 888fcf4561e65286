/**
 * The CSV importer: loads an org from a directory of CSV files with a column mapping (its own
 * `import-mapping.yaml`, or the built-in one for the Maven CRM data set). Users come first (an
 * "Admin User" who imported the data is always added), then records in mapping order; lookups may
 * point at rows anywhere in the files, since every row gets its id before any field is evaluated.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse } from 'csv-parse/sync';

import { unitDraw } from '../faults/hash.js';
import type { IdFactory } from '../org/ids.js';
import type { SObjectSchema, StoredRecord, WireValue } from '../org/types.js';
import { formatDateTime } from '../org/wire-format.js';
import { fieldByName } from '../rest/prepare-write.js';
import { derivedValues } from './derived-fields.js';
import { readMappingFile, type ImportMapping, type ObjectMapping } from './import-mapping.js';
import { evaluateSpec, fieldValue, type RowContext } from './import-values.js';
import { MAVEN_CRM_FILES, MAVEN_CRM_MAPPING } from './maven-crm-mapping.js';
import { createShaper } from './record-shaper.js';
import { shiftToToday } from './shift-dates.js';

export interface ImportOrgOptions {
  readonly dir: string;
  readonly seed: number;
  /** The org clock: records without mapped audit times were created now. */
  readonly now: Date;
}

/** Fields a mapping may not set (CreatedDate and LastModifiedDate it may: when a row was made and changed). */
const SYSTEM = new Set(['Id', 'IsDeleted', 'CreatedById', 'LastModifiedById', 'SystemModstamp']);

interface PendingRow {
  readonly entry: ObjectMapping;
  readonly schema: SObjectSchema;
  readonly row: Readonly<Record<string, string>>;
  readonly key: string;
  readonly id: string;
  readonly where: string;
}

/** The mapping for a directory: its own file, else the built-in Maven CRM one when the files match. */
export function mappingFor(dir: string): ImportMapping {
  const own = readMappingFile(dir);
  if (own) return own;
  if (MAVEN_CRM_FILES.every((file) => existsSync(path.join(dir, file)))) return MAVEN_CRM_MAPPING;
  throw new Error(`importDir ${dir}: no import-mapping.yaml and not the Maven CRM data set`);
}

function readRows(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(dir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
    bom: true,
    trim: true,
  });
}

function adminUser(): Record<string, WireValue> {
  return {
    FirstName: 'Admin',
    LastName: 'User',
    Name: 'Admin User',
    Alias: 'admin',
    Username: 'admin@import.example.com',
    Email: 'admin@import.example.com',
    IsActive: true,
    TimeZoneSidKey: 'America/Los_Angeles',
    UserType: 'Standard',
  };
}

function checkFields(entry: ObjectMapping, schema: SObjectSchema): void {
  for (const name of Object.keys(entry.fields)) {
    const field = fieldByName(schema, name);
    if (!field || SYSTEM.has(field.name)) {
      throw new Error(`import mapping: ${entry.file}: ${schema.name} has no field ${name} to import into`);
    }
  }
}

/**
 * Records by object name (every object of `schemas`, most empty), ids minted from `ids`.
 * @throws Error naming the file and line of a value that does not fit its field, a lookup that
 *   finds no row, or a required field left empty
 */
export function importOrg(
  options: ImportOrgOptions,
  schemas: ReadonlyMap<string, SObjectSchema>,
  ids: IdFactory,
): Map<string, StoredRecord[]> {
  const mapping = mappingFor(options.dir);
  const userSchema = schemas.get('User');
  if (!userSchema) throw new Error('the emulated org needs the User object');
  const adminId = ids.next(userSchema.keyPrefix);
  const keys = new Map<string, Map<string, string>>();
  const register = (object: string, key: string, id: string): void => {
    let byKey = keys.get(object);
    if (!byKey) keys.set(object, (byKey = new Map<string, string>()));
    if (!byKey.has(key)) byKey.set(key, id);
  };

  // Every row gets its id first, so lookups can point anywhere.
  const files = new Map<string, Record<string, string>[]>();
  const pending: PendingRow[] = [];
  for (const entry of mapping.objects) {
    const schema = schemas.get(entry.object);
    if (!schema) throw new Error(`import mapping: ${entry.file}: the org has no object ${entry.object}`);
    checkFields(entry, schema);
    let rows = files.get(entry.file);
    if (!rows) files.set(entry.file, (rows = readRows(options.dir, entry.file)));
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = row[entry.key];
      if (key === undefined) throw new Error(`${entry.file}: no column ${entry.key}`);
      if (key === '' || seen.has(key)) return;
      seen.add(key);
      const id = ids.next(schema.keyPrefix);
      register(schema.name, key, id);
      pending.push({ entry, schema, row, key, id, where: `${entry.file} line ${index + 2}` });
    });
  }

  const picks = new Map<string, string[]>(
    [...keys].map(([object, byKey]) => [object, [...new Set(byKey.values())]]),
  );
  const built = pending.map((item) => {
    const ctx: RowContext = {
      row: item.row,
      where: item.where,
      lookup: (object, key) => keys.get(schemas.get(object)?.name ?? object)?.get(key),
      pick: (object) => {
        const choices = picks.get(schemas.get(object)?.name ?? object) ?? [];
        return choices[
          Math.floor(unitDraw(options.seed, 'pick', item.entry.file, item.key) * choices.length)
        ];
      },
    };
    const values: Record<string, WireValue> = {};
    for (const [name, spec] of Object.entries(item.entry.fields)) {
      const field = fieldByName(item.schema, name);
      if (field) values[field.name] = fieldValue(field, evaluateSpec(ctx, spec), item.where);
    }
    return { item, values };
  });
  if (mapping.shiftDatesToNow) shiftToToday(built, options.now);

  const nowWire = formatDateTime(new Date(Math.floor(options.now.getTime() / 1000) * 1000));
  const output = new Map<string, StoredRecord[]>([...schemas.keys()].map((name) => [name, []]));
  const admin = createShaper(userSchema).shape({
    ...adminUser(),
    Id: adminId,
    IsDeleted: false,
    CreatedDate: nowWire,
    CreatedById: adminId,
    LastModifiedDate: nowWire,
    LastModifiedById: adminId,
    SystemModstamp: nowWire,
  });
  output.get('User')?.push(admin);
  for (const { item, values } of built) {
    const created = String(values['CreatedDate'] ?? nowWire);
    const modified = String(values['LastModifiedDate'] ?? created);
    const latest = modified < created ? created : modified;
    const record = createShaper(item.schema).shape({
      ...values,
      Id: item.id,
      IsDeleted: false,
      CreatedDate: created,
      CreatedById: adminId,
      LastModifiedDate: latest,
      LastModifiedById: adminId,
      SystemModstamp: latest,
    });
    if ('OwnerId' in record && record['OwnerId'] === null) record['OwnerId'] = adminId;
    Object.assign(record, derivedValues(item.schema.name, record, new Set(Object.keys(values)), latest));
    const missing = item.schema.fields.find(
      (field) =>
        field.createable &&
        !field.nillable &&
        !field.defaultedOnCreate &&
        field.type !== 'boolean' &&
        record[field.name] === null,
    );
    if (missing) throw new Error(`${item.where}: ${item.schema.name}.${missing.name} is required`);
    output.get(item.schema.name)?.push(record);
  }
  return output;
}
