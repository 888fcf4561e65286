/**
 * The column mapping of the CSV importer (documented in emulator/README.md): which file becomes
 * which object, which column is a row's key, and how each field is made from a row. Validated with
 * zod; read from `import-mapping.yaml`/`.yml`/`.json` in the import directory.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

type Constant = string | number | boolean | null;

/** How one field is made from one CSV row. Exactly one source; the rest modify it in this order. */
export interface FieldSpec {
  /** The value of a column. */
  readonly column?: string | undefined;
  /** `{column}` placeholders, with optional filters `{column|slug}`, `{column|lower}`. */
  readonly template?: string | undefined;
  /** A constant. */
  readonly value?: Constant | undefined;
  /** A record of this object, chosen by a hash of the row's key (e.g. owners for rows without one). */
  readonly pick?: string | undefined;
  /** Words `[start, end)` of the text, split on spaces (`[1]`: everything after the first word). */
  readonly words?: readonly [number] | readonly [number, number] | undefined;
  /** Replaces values found here (after `words`); values not listed pass unchanged. */
  readonly map?: Readonly<Record<string, Constant>> | undefined;
  /** Multiplies a number. */
  readonly scale?: number | undefined;
  /** Moves a date or date-time by whole days. */
  readonly addDays?: number | undefined;
  /** The id of the record of this object imported with this key (an earlier or later row). */
  readonly lookup?: string | undefined;
  /** Used when the result is blank. */
  readonly or?: FieldSpec | undefined;
}

export interface ObjectMapping {
  /** CSV file, relative to the import directory (header row, any line ending). */
  readonly file: string;
  readonly object: string;
  /** Column that names a row for lookups; a key seen before (in this entry) skips the row. */
  readonly key: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

export interface ImportMapping {
  /** Moves every date and date-time by whole days so the latest one imported falls on the org's today. */
  readonly shiftDatesToNow?: boolean;
  readonly objects: readonly ObjectMapping[];
}

const constant = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const fieldSpecSchema: z.ZodType<FieldSpec> = z.lazy(() =>
  z
    .strictObject({
      column: z.string().min(1).optional(),
      template: z.string().min(1).optional(),
      value: constant.optional(),
      pick: z.string().min(1).optional(),
      words: z.union([z.tuple([z.int().min(0)]), z.tuple([z.int().min(0), z.int().min(0)])]).optional(),
      map: z.record(z.string(), constant).optional(),
      scale: z.number().optional(),
      addDays: z.int().optional(),
      lookup: z.string().min(1).optional(),
      or: fieldSpecSchema.optional(),
    })
    .refine(
      (spec) =>
        [spec.column, spec.template, spec.value, spec.pick].filter((source) => source !== undefined)
          .length === 1,
      { message: 'give exactly one of column, template, value, pick' },
    ),
);

const mappingSchema = z.strictObject({
  shiftDatesToNow: z.boolean().optional(),
  objects: z
    .array(
      z.strictObject({
        file: z.string().min(1),
        object: z.string().min(1),
        key: z.string().min(1),
        fields: z.record(z.string(), fieldSpecSchema),
      }),
    )
    .min(1),
});

export const MAPPING_FILE_NAMES = ['import-mapping.yaml', 'import-mapping.yml', 'import-mapping.json'];

/** @throws Error naming the problem when the mapping is invalid */
export function checkMapping(input: unknown, source: string): ImportMapping {
  const result = mappingSchema.safeParse(input);
  if (!result.success) throw new Error(`import mapping ${source}: ${z.prettifyError(result.error)}`);
  return result.data as ImportMapping;
}

/** The mapping file of a directory, or undefined when it has none. */
export function readMappingFile(dir: string): ImportMapping | undefined {
  for (const name of MAPPING_FILE_NAMES) {
    const file = path.join(dir, name);
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    return checkMapping(name.endsWith('.json') ? JSON.parse(text) : parseYaml(text), file);
  }
  return undefined;
}
