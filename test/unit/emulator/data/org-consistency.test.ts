/**
 * The generated org tells a consistent story: case and opportunity states agree with their dates,
 * LastActivityDate follows the tasks, milestones follow their cases, and every kind of record a
 * health model must handle is present.
 */
import { describe, expect, it } from 'vitest';

import { generateOrg } from '../../../../emulator/data/generate-org.js';
import { createIdFactory } from '../../../../emulator/org/ids.js';
import type { StoredRecord } from '../../../../emulator/org/types.js';
import { OPPORTUNITY_STAGES } from '../../../../emulator/schema/opportunity.js';
import { buildOrgSchemas } from '../../../../emulator/schema/org-schemas.js';

const NOW = new Date('2026-11-22T09:30:00.000Z');
const NOW_WIRE = '2026-11-22T09:30:00.000+0000';
const TODAY = '2026-11-22';
const DAY = 86_400_000;

const schemas = buildOrgSchemas({ entitlements: true, multiCurrency: true });
const org = generateOrg(
  { accounts: 200, seed: 3, now: NOW, currencies: ['USD', 'EUR'] },
  schemas,
  createIdFactory(),
);
const list = (name: string): readonly StoredRecord[] => org.get(name) ?? [];
const text = (record: StoredRecord, field: string): string => String(record[field]);
const ms = (wire: string): number => Date.parse(wire.replace('+0000', 'Z'));

describe('generated org: audit fields', () => {
  it('stamps every record in the past with consistent audit fields', () => {
    for (const [objectName, records] of org) {
      for (const record of records) {
        const where = `${objectName} ${text(record, 'Id')}`;
        expect(record['IsDeleted'], where).toBe(false);
        expect(text(record, 'CreatedDate') <= NOW_WIRE, where).toBe(true);
        expect(text(record, 'LastModifiedDate') >= text(record, 'CreatedDate'), where).toBe(true);
        expect(text(record, 'LastModifiedDate') <= NOW_WIRE, where).toBe(true);
        expect(record['SystemModstamp'], where).toBe(record['LastModifiedDate']);
      }
    }
  });
});

describe('generated org: cases', () => {
  const cases = list('Case');

  it('closes a case exactly when it has a ClosedDate after its CreatedDate', () => {
    for (const record of cases) {
      const closed = record['Status'] === 'Closed';
      expect(record['IsClosed']).toBe(closed);
      expect(record['ClosedDate'] !== null).toBe(closed);
      if (closed) expect(text(record, 'ClosedDate') >= text(record, 'CreatedDate')).toBe(true);
      if (record['Status'] === 'Escalated') expect(record['IsEscalated']).toBe(true);
    }
  });

  it('responds after creation, before closing, and not yet for New cases', () => {
    for (const record of cases) {
      const response = record['First_Response_At__c'];
      if (record['Status'] === 'New') expect(response).toBeNull();
      if (typeof response !== 'string') continue;
      expect(response >= text(record, 'CreatedDate')).toBe(true);
      expect(response <= NOW_WIRE).toBe(true);
      if (record['IsClosed'] === true) expect(response <= text(record, 'ClosedDate')).toBe(true);
    }
  });

  it('covers every priority, escalations, cases open for weeks and recently closed ones', () => {
    expect(new Set(cases.map((record) => record['Priority']))).toEqual(
      new Set(['Critical', 'High', 'Medium', 'Low']),
    );
    expect(new Set(cases.map((record) => record['Status']))).toEqual(
      new Set(['New', 'Working', 'Escalated', 'Closed']),
    );
    const age = (record: StoredRecord): number => (NOW.getTime() - ms(text(record, 'CreatedDate'))) / DAY;
    expect(cases.some((record) => record['IsClosed'] === false && age(record) > 21)).toBe(true);
    const recentlyClosed = cases.filter(
      (record) => record['IsClosed'] === true && NOW.getTime() - ms(text(record, 'ClosedDate')) < 7 * DAY,
    );
    expect(recentlyClosed.length).toBeGreaterThan(0);
    expect(cases.filter((record) => record['IsEscalated'] === true).length).toBeGreaterThan(0);
  });

  it('numbers cases uniquely', () => {
    expect(new Set(cases.map((record) => record['CaseNumber'])).size).toBe(cases.length);
  });

  it('completes milestones with the case and flags violations against the target', () => {
    const caseById = new Map(cases.map((record) => [record['Id'], record]));
    const milestones = list('CaseMilestone');
    expect(milestones.length).toBe(cases.length * 2);
    for (const milestone of milestones) {
      const parent = caseById.get(milestone['CaseId']);
      expect(parent).toBeDefined();
      expect(milestone['StartDate']).toBe(parent?.['CreatedDate']);
      expect(milestone['IsCompleted']).toBe(milestone['CompletionDate'] !== null);
      const completion =
        typeof milestone['CompletionDate'] === 'string' ? milestone['CompletionDate'] : NOW_WIRE;
      expect(milestone['IsViolated']).toBe(completion > text(milestone, 'TargetDate'));
    }
    expect(milestones.some((milestone) => milestone['IsViolated'] === true)).toBe(true);
    expect(milestones.some((milestone) => milestone['IsViolated'] === false)).toBe(true);
  });
});

describe('generated org: opportunities', () => {
  const opportunities = list('Opportunity');
  const stageByName = new Map(OPPORTUNITY_STAGES.map((stage) => [stage.name, stage]));

  it('keeps IsClosed, IsWon, Probability and CloseDate in line with the stage', () => {
    for (const record of opportunities) {
      const stage = stageByName.get(text(record, 'StageName'));
      expect(stage).toBeDefined();
      expect(record['IsClosed']).toBe(stage?.closed);
      expect(record['IsWon']).toBe(stage?.won);
      expect(record['Probability']).toBe(stage?.probability);
      if (stage?.closed === true) expect(text(record, 'CloseDate') <= TODAY).toBe(true);
      else expect(text(record, 'CloseDate') > TODAY).toBe(true);
    }
  });

  it('has renewals at every stage, expansions and new business', () => {
    const renewalStages = new Set(
      opportunities.filter((r) => r['Type'] === 'Renewal').map((r) => r['StageName']),
    );
    expect(renewalStages).toEqual(new Set(OPPORTUNITY_STAGES.map((stage) => stage.name)));
    const types = new Set(opportunities.map((record) => record['Type']));
    expect(types).toEqual(new Set(['Renewal', 'New Customer', 'Existing Customer - Upgrade']));
  });

  it('gives each account at most 8 opportunities', () => {
    const perAccount = new Map<unknown, number>();
    for (const record of opportunities)
      perAccount.set(record['AccountId'], (perAccount.get(record['AccountId']) ?? 0) + 1);
    expect(Math.max(...perAccount.values())).toBeLessThanOrEqual(8);
  });
});

describe('generated org: accounts and activity', () => {
  const accounts = list('Account');

  it('sets LastActivityDate to the latest completed task on the account or its opportunities', () => {
    const accountOfOpportunity = new Map(
      list('Opportunity').map((record) => [record['Id'], record['AccountId']]),
    );
    const latest = new Map<unknown, string>();
    for (const task of list('Task')) {
      if (task['IsClosed'] !== true) continue;
      const accountId = accountOfOpportunity.get(task['WhatId']) ?? task['WhatId'];
      const date = text(task, 'ActivityDate');
      if (date > (latest.get(accountId) ?? '')) latest.set(accountId, date);
    }
    for (const account of accounts) {
      const expected = latest.get(account['Id']) ?? null;
      expect(account['LastActivityDate']).toBe(expected);
      const days = expected === null ? null : (Date.parse(TODAY) - Date.parse(expected)) / DAY;
      expect(account['Days_Since_Last_Activity__c']).toBe(days);
    }
    expect(accounts.filter((account) => account['LastActivityDate'] === null).length).toBeLessThan(
      accounts.length / 2,
    );
  });

  it('dates completed tasks in the past and has open tasks due soon', () => {
    const tasks = list('Task');
    for (const task of tasks)
      if (task['IsClosed'] === true) expect(text(task, 'ActivityDate') <= TODAY).toBe(true);
    expect(tasks.some((task) => task['IsClosed'] === false && text(task, 'ActivityDate') > TODAY)).toBe(true);
  });

  it('groups some accounts under parents and never under themselves', () => {
    const withParent = accounts.filter((account) => account['ParentId'] !== null);
    expect(withParent.length).toBeGreaterThan(0);
    for (const account of withParent) expect(account['ParentId']).not.toBe(account['Id']);
  });

  it('fills usage and survey fields for most customers, leaving some empty', () => {
    const customers = accounts.filter((account) => text(account, 'Type').startsWith('Customer'));
    for (const field of [
      'Active_Users__c',
      'Licensed_Seats__c',
      'Usage_Trend__c',
      'NPS_Score__c',
      'CSAT_Score__c',
    ]) {
      const filled = customers.filter((account) => account[field] !== null).length;
      expect(filled / customers.length, field).toBeGreaterThan(0.6);
      expect(filled, field).toBeLessThan(customers.length);
    }
    for (const account of customers) {
      if (account['Active_Users__c'] === null) continue;
      expect(Number(account['Active_Users__c'])).toBeLessThanOrEqual(Number(account['Licensed_Seats__c']));
    }
  });

  it('leaves the fields Pulse writes empty, with a CSM override on about 2% of accounts', () => {
    for (const field of [
      'Health_Score__c',
      'Health_Status__c',
      'Health_Score_Change__c',
      'Escalation_Status__c',
      'Risk_Flags__c',
      'Health_Reasons__c',
      'Health_Updated_At__c',
    ]) {
      expect(
        accounts.every((account) => account[field] === null),
        field,
      ).toBe(true);
    }
    const larger =
      generateOrg({ accounts: 3000, seed: 11, now: NOW }, buildOrgSchemas(), createIdFactory()).get(
        'Account',
      ) ?? [];
    const overridden =
      larger.filter((account) => account['Health_Score_Override__c'] !== null).length / larger.length;
    expect(overridden).toBeGreaterThan(0.01);
    expect(overridden).toBeLessThan(0.035);
  });
});
