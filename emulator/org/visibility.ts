/**
 * Which records the integration user sees. With `accountVisibility: 'restricted'` it lacks View All
 * and sees only accounts owned by about half of the account owners (chosen by seed), and only the
 * opportunities, cases, tasks and milestones under those accounts; everything else stays visible.
 */
import { unitDraw } from '../faults/hash.js';
import type { OrgView, StoredRecord } from './types.js';

export type AccountVisibility = 'all' | 'restricted';

export interface Visibility {
  readonly mode: AccountVisibility;
  /** What queries read: the whole org, or only what the user sees. */
  readonly view: OrgView;
  isVisible(record: StoredRecord): boolean;
  /** Users whose accounts are hidden (empty when all are visible). */
  readonly hiddenOwnerIds: ReadonlySet<string>;
  /** Picks the hidden owners again from the org's users (start and reset). */
  refresh(): void;
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/**
 * @param apiUserId the integration user, whose own records stay visible
 */
export function createVisibility(
  mode: AccountVisibility,
  org: OrgView,
  seed: number,
  apiUserId: () => string,
): Visibility {
  const hidden = new Set<string>();

  const refresh = (): void => {
    hidden.clear();
    if (mode === 'all') return;
    // About half of the users who own accounts (the integration user's own accounts stay visible).
    const owners = new Set<string>();
    for (const account of org.recordsOf('Account')) owners.add(String(account['OwnerId'] ?? ''));
    owners.delete(apiUserId());
    owners.delete('');
    // Half of them (at least one, never all), in an order drawn from the seed.
    const ranked = [...owners]
      .sort()
      .map((id) => ({ id, draw: unitDraw(seed, 'visibility', id) }))
      .sort((a, b) => a.draw - b.draw);
    const count = ranked.length < 2 ? 0 : Math.max(1, Math.floor(ranked.length / 2));
    for (const { id } of ranked.slice(0, count)) hidden.add(id);
  };

  const ownerVisible = (record: StoredRecord): boolean => !hidden.has(String(record['OwnerId'] ?? ''));

  const visibleById = (id: string | undefined, depth: number): boolean => {
    if (id === undefined) return true;
    const record = org.recordById(id);
    return record === undefined || isVisibleAt(record, depth);
  };

  function isVisibleAt(record: StoredRecord, depth: number): boolean {
    if (mode === 'all' || depth > 4) return true;
    const prefix = String(record['Id'] ?? '').slice(0, 3);
    switch (prefix) {
      case '001':
        return ownerVisible(record);
      case '006':
      case '500': {
        const account = str(record['AccountId']);
        return account === undefined ? ownerVisible(record) : visibleById(account, depth + 1);
      }
      case '00T': {
        const what = str(record['WhatId']);
        return what === undefined ? ownerVisible(record) : visibleById(what, depth + 1);
      }
      default: {
        const parentCase = str(record['CaseId']);
        return parentCase === undefined ? true : visibleById(parentCase, depth + 1);
      }
    }
  }

  const isVisible = (record: StoredRecord): boolean => isVisibleAt(record, 0);

  const view: OrgView =
    mode === 'all'
      ? org
      : {
          schemaOf: (name) => org.schemaOf(name),
          *recordsOf(name) {
            for (const record of org.recordsOf(name)) if (isVisible(record)) yield record;
          },
          recordById(id) {
            const record = org.recordById(id);
            return record !== undefined && isVisible(record) ? record : undefined;
          },
          now: () => org.now(),
          currencyRates: () => org.currencyRates(),
        };

  return { mode, view, isVisible, hiddenOwnerIds: hidden, refresh };
}
