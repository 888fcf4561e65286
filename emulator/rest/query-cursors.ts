/**
 * Open query results (what a `nextRecordsUrl` points at). A cursor keeps the matched rows of one
 * query and expires after a period without use, after which its locator gets INVALID_QUERY_LOCATOR.
 */
import { randomBytes } from 'node:crypto';

import type { OrgClock } from '../org/clock.js';
import type { StoredRecord } from '../org/types.js';

export type ProjectRow = (record: StoredRecord, apiVersion: string) => Record<string, unknown>;

export interface QueryCursor {
  readonly id: string;
  readonly rows: readonly StoredRecord[];
  readonly project: ProjectRow;
  readonly batchSize: number;
}

export interface QueryCursorStore {
  /** @param id the cursor id (`01g...`); a random one when not given */
  open(rows: readonly StoredRecord[], project: ProjectRow, batchSize: number, id?: string): QueryCursor;
  /** Forgets every cursor (org reset). */
  clear(): void;
  /** The cursor of a locator id; undefined when unknown or expired. Using it keeps it alive. */
  get(id: string): QueryCursor | undefined;
  readonly size: number;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function newCursorId(): string {
  const bytes = randomBytes(15);
  return `01g${[...bytes].map((byte) => ALPHANUMERIC.charAt(byte % ALPHANUMERIC.length)).join('')}`;
}

export function createQueryCursorStore(clock: OrgClock, idleTtlMs: number): QueryCursorStore {
  const cursors = new Map<string, { cursor: QueryCursor; lastUsed: number }>();
  const sweep = (now: number): void => {
    for (const [id, entry] of cursors) if (now - entry.lastUsed >= idleTtlMs) cursors.delete(id);
  };
  return {
    open(rows, project, batchSize, id) {
      const now = clock.now().getTime();
      sweep(now);
      const cursor = { id: id ?? newCursorId(), rows, project, batchSize };
      cursors.set(cursor.id, { cursor, lastUsed: now });
      return cursor;
    },
    get(id) {
      const now = clock.now().getTime();
      const entry = cursors.get(id);
      if (!entry) return undefined;
      if (now - entry.lastUsed >= idleTtlMs) {
        cursors.delete(id);
        return undefined;
      }
      entry.lastUsed = now;
      return entry.cursor;
    },
    get size() {
      return cursors.size;
    },
    clear() {
      cursors.clear();
    },
  };
}
