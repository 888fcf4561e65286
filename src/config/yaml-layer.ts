/**
 * Reads one YAML configuration file into a layer, remembering the line of every value so a problem
 * can point at it. Syntax errors (including duplicate keys) become problems, not exceptions.
 */
import { readFileSync } from 'node:fs';

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

import type { ConfigProblem } from './config-error.js';
import { isPlainObject, type ConfigLayer, type ValueOrigin } from './config-layer.js';

function collectOrigins(
  node: unknown,
  path: string[],
  where: (offset: number) => string,
  origins: Map<string, ValueOrigin>,
): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const keyRange = (pair.key as Node | null)?.range;
      const childPath = [...path, key];
      const value = pair.value as Node | null;
      const raw: unknown = isScalar(value) ? value.value : value?.toJSON();
      origins.set(childPath.join('.'), { where: where(keyRange?.[0] ?? 0), raw });
      collectOrigins(value, childPath, where, origins);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const childPath = [...path, String(index)];
      const range = (item as Node | null)?.range;
      const raw: unknown = isScalar(item) ? item.value : (item as Node | null)?.toJSON();
      origins.set(childPath.join('.'), { where: where(range?.[0] ?? 0), raw });
      collectOrigins(item, childPath, where, origins);
    });
  }
}

/**
 * @param file path to read
 * @param displayName how messages name the file (relative to the working directory)
 * @param required when false, a missing file is an empty layer
 * @param requiredBy the variable that asked for the file, named when it is missing
 */
export function readYamlLayer(
  file: string,
  displayName: string,
  options: { required: boolean; requiredBy?: string },
): ConfigLayer {
  const empty = { data: {}, origins: new Map<string, ValueOrigin>() };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !options.required) return { ...empty, problems: [] };
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? 'unknown error'})`;
    const key = options.requiredBy ?? displayName;
    return { ...empty, problems: [{ key, message: `${reason}: ${displayName}` }] };
  }

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const where = (offset: number): string => `${displayName}:${lineCounter.linePos(offset).line}`;
  if (doc.errors.length > 0) {
    const problems: ConfigProblem[] = doc.errors.map((error) => ({
      key: displayName,
      where: where(error.pos[0]),
      message: `YAML syntax: ${error.message.split('\n')[0] ?? error.code}`,
    }));
    return { ...empty, problems };
  }

  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { ...empty, problems: [] };
  if (!isPlainObject(data)) {
    return {
      ...empty,
      problems: [{ key: displayName, message: 'expected a mapping of settings at the top level' }],
    };
  }
  const origins = new Map<string, ValueOrigin>();
  collectOrigins(doc.contents, [], where, origins);
  return { data, origins, problems: [] };
}
