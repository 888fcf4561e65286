/**
 * What a run must leave in the org: each account's Pulse fields equal what src/health/ computes
 * from the org's own data (its opportunities and cases) at the time Pulse stamped on the account.
 */
import path from 'node:path';

import { expect } from 'vitest';

import type { RunningEmulator } from '../../emulator/index.js';
import { FieldMapping } from '../../src/config/index.js';
import { evaluateAccount } from '../../src/health/index.js';
import { loadHealthModel } from '../../src/main/load-health-model.js';
import { toHealthSnapshot } from '../../src/sync/score/to-health-snapshot.js';
import { writtenValues } from '../../src/sync/write/written-values.js';

const model = loadHealthModel({ cwd: path.resolve(import.meta.dirname, '../..') });
const mapping = FieldMapping.parse({});

export function liveRecords(emulator: RunningEmulator, object: string) {
  return [...emulator.state.store.recordsOf(object)].filter((record) => record['IsDeleted'] !== true);
}

/** Checks every live account not in `except`; returns how many it checked. */
export function expectAccountsMatchModel(emulator: RunningEmulator, except: ReadonlySet<string>): number {
  const byAccount = (object: string): Map<unknown, Record<string, unknown>[]> => {
    const groups = new Map<unknown, Record<string, unknown>[]>();
    for (const record of liveRecords(emulator, object))
      groups.set(record['AccountId'], [...(groups.get(record['AccountId']) ?? []), record]);
    return groups;
  };
  const opportunities = byAccount('Opportunity');
  const cases = byAccount('Case');
  let checked = 0;
  for (const account of liveRecords(emulator, 'Account')) {
    if (except.has(String(account['Id']))) continue;
    const stamped = account[mapping.updatedAt];
    expect([account['Id'], typeof stamped]).toEqual([account['Id'], 'string']);
    const stored = {
      account,
      opportunities: opportunities.get(account['Id']) ?? [],
      cases: cases.get(account['Id']) ?? [],
    };
    const at = new Date(Date.parse(String(stamped)));
    const expected = writtenValues(
      evaluateAccount(toHealthSnapshot(stored, mapping, model), model, at),
      mapping,
      model,
    );
    for (const [field, value] of Object.entries(expected))
      expect([account['Id'], field, account[field]]).toEqual([account['Id'], field, value]);
    checked += 1;
  }
  return checked;
}
