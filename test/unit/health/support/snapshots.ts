/** Snapshot builders: a plain account with nothing going on, and cases/opportunities with sensible defaults. */
import type {
  AccountSnapshot,
  SnapshotAccount,
  SnapshotCase,
  SnapshotOpportunity,
} from '../../../../src/health/snapshot.js';

export function account(overrides: Partial<SnapshotAccount> = {}): SnapshotAccount {
  return {
    Id: '001000000000001',
    Name: 'Acme',
    Type: 'Customer',
    AnnualRevenue: 100_000,
    OwnerId: '005000000000001',
    CreatedDate: '2024-01-01T00:00:00Z',
    LastActivityDate: null,
    Health_Score_Override__c: null,
    fields: {},
    ...overrides,
  };
}

let caseCounter = 0;
export function supportCase(overrides: Partial<SnapshotCase> = {}): SnapshotCase {
  caseCounter += 1;
  return {
    Id: `500${String(caseCounter).padStart(12, '0')}`,
    CaseNumber: String(1000 + caseCounter).padStart(8, '0'),
    Priority: 'Medium',
    Status: 'New',
    IsClosed: false,
    IsEscalated: false,
    CreatedDate: '2026-06-17T09:00:00Z',
    ClosedDate: null,
    ...overrides,
  };
}

let opportunityCounter = 0;
export function opportunity(overrides: Partial<SnapshotOpportunity> = {}): SnapshotOpportunity {
  opportunityCounter += 1;
  return {
    Id: `006${String(opportunityCounter).padStart(12, '0')}`,
    StageName: 'Prospecting',
    IsClosed: false,
    IsWon: false,
    CloseDate: '2026-09-30',
    Amount: null,
    Probability: null,
    Type: 'Renewal',
    ...overrides,
  };
}

export function snapshot(overrides: Partial<AccountSnapshot> = {}): AccountSnapshot {
  return { account: account(), opportunities: [], cases: [], history: [], ...overrides };
}
