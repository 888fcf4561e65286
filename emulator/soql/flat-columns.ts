/**
 * The SELECT list as flat columns, the way Bulk API 2.0 writes query results to CSV: one column per
 * selected field in SELECT order, parent fields named by their path (`Account.Owner.Name`).
 */
import type { OrgView, StoredRecord, WireValue } from '../org/types.js';

import { parentRecord } from './field-paths.js';
import type { SelectNode } from './select-list.js';

export interface FlatColumn {
  /** `Name`, `Account.Name`. */
  readonly name: string;
  read(record: StoredRecord): WireValue;
}

/** Columns of `nodes`; undefined when the list has child subqueries (not flat). */
export function flatColumns(org: OrgView, nodes: readonly SelectNode[]): FlatColumn[] | undefined {
  const columns: FlatColumn[] = [];
  const walk = (
    level: readonly SelectNode[],
    prefix: string,
    reach: (record: StoredRecord) => StoredRecord | undefined,
  ): boolean => {
    for (const node of level) {
      switch (node.kind) {
        case 'field': {
          const read = node.read;
          columns.push({
            name: `${prefix}${node.key}`,
            read: (record) => {
              const target = reach(record);
              return target === undefined ? null : read(target);
            },
          });
          break;
        }
        case 'parent': {
          const lookup = node.lookup;
          const next = (record: StoredRecord): StoredRecord | undefined => {
            const from = reach(record);
            return from === undefined ? undefined : parentRecord(org, from, lookup);
          };
          if (!walk(node.nodes, `${prefix}${node.key}.`, next)) return false;
          break;
        }
        case 'children':
          return false;
      }
    }
    return true;
  };
  return walk(nodes, '', (record) => record) ? columns : undefined;
}
