/**
 * buildOrgSchemas: the org's features (Entitlements, multi-currency), the doctor's variations
 * (undeployed and read-only fields), and the fields Pulse and a health model rely on.
 */
import { describe, expect, it } from 'vitest';

import type { FieldDescribe } from '../../../../emulator/org/types.js';
import { buildOrgSchemas } from '../../../../emulator/schema/org-schemas.js';

const fieldOf = (
  schemas: ReadonlyMap<string, { fields: readonly FieldDescribe[] }>,
  name: string,
): FieldDescribe | undefined => {
  const [object, field] = name.split('.');
  return schemas.get(object ?? '')?.fields.find((candidate) => candidate.name === field);
};
const values = (field: FieldDescribe | undefined): string[] =>
  field?.picklistValues.map((entry) => entry.value) ?? [];

describe('buildOrgSchemas: features', () => {
  it('has no CaseMilestone and no CurrencyIsoCode by default', () => {
    const schemas = buildOrgSchemas();
    expect([...schemas.keys()]).toEqual([
      'User',
      'UserRole',
      'Group',
      'Account',
      'Opportunity',
      'Case',
      'Task',
      'PermissionSet',
      'PermissionSetAssignment',
      'ObjectPermissions',
      'UserPermissionAccess',
    ]);
    for (const schema of schemas.values())
      expect(schema.fields.some((field) => field.name === 'CurrencyIsoCode')).toBe(false);
    expect(schemas.get('Case')?.childRelationships).toEqual([]);
  });

  it('adds CaseMilestone, linked to Case, with Entitlements', () => {
    const schemas = buildOrgSchemas({ entitlements: true });
    expect(fieldOf(schemas, 'CaseMilestone.CaseId')).toMatchObject({
      referenceTo: ['Case'],
      relationshipName: 'Case',
    });
    expect(
      schemas.get('Case')?.childRelationships.map((relationship) => relationship.relationshipName),
    ).toEqual(['CaseMilestones']);
    for (const name of ['TargetDate', 'CompletionDate', 'StartDate'])
      expect(fieldOf(schemas, `CaseMilestone.${name}`)?.type).toBe('datetime');
    expect(fieldOf(schemas, 'CaseMilestone.TargetResponseInMins')?.type).toBe('int');
  });

  it('adds a restricted CurrencyIsoCode picklist of the active currencies when multi-currency', () => {
    const schemas = buildOrgSchemas({ multiCurrency: true, currencies: ['USD', 'EUR'] });
    for (const object of ['Account', 'Opportunity', 'Case']) {
      const field = fieldOf(schemas, `${object}.CurrencyIsoCode`);
      expect(field).toMatchObject({ type: 'picklist', length: 3, restrictedPicklist: true });
      expect(values(field)).toEqual(['USD', 'EUR']);
      expect(field?.picklistValues.find((entry) => entry.defaultValue)?.value).toBe('USD');
    }
    expect(() => buildOrgSchemas({ multiCurrency: true, currencies: ['CHF'] })).toThrow(/CHF/);
  });
});

describe('buildOrgSchemas: doctor variations', () => {
  it('leaves missing fields out, and relationships through them', () => {
    const schemas = buildOrgSchemas({
      missingFields: ['Account.Health_Score__c', 'Account.ParentId', 'Task.Pulse_Key__c'],
    });
    expect(fieldOf(schemas, 'Account.Health_Score__c')).toBeUndefined();
    expect(fieldOf(schemas, 'Task.Pulse_Key__c')).toBeUndefined();
    expect(fieldOf(schemas, 'Account.Health_Status__c')).toBeDefined();
    const relationships = schemas
      .get('Account')
      ?.childRelationships.map((relationship) => relationship.relationshipName);
    expect(relationships).not.toContain('ChildAccounts');
    expect(relationships).toContain('Opportunities');
  });

  it('makes read-only fields neither createable nor updateable, and nothing else', () => {
    const schemas = buildOrgSchemas({ readOnlyFields: ['Account.Health_Score__c', 'Account.Risk_Flags__c'] });
    const plain = buildOrgSchemas();
    expect(fieldOf(schemas, 'Account.Health_Score__c')).toEqual({
      ...fieldOf(plain, 'Account.Health_Score__c'),
      createable: false,
      updateable: false,
    });
    expect(fieldOf(schemas, 'Account.Risk_Flags__c')).toMatchObject({ createable: false, updateable: false });
    expect(fieldOf(schemas, 'Account.Health_Status__c')).toMatchObject({
      createable: true,
      updateable: true,
    });
  });

  it('rejects names that are not fields of the org, and the Id', () => {
    expect(() => buildOrgSchemas({ missingFields: ['Account.Health_Scor__c'] })).toThrow(
      /Account.Health_Scor__c/,
    );
    expect(() => buildOrgSchemas({ readOnlyFields: ['Health_Score__c'] })).toThrow(/Object.Field/);
    expect(() => buildOrgSchemas({ missingFields: ['Widget__c.Name'] })).toThrow(/Widget__c.Name/);
    expect(() => buildOrgSchemas({ missingFields: ['Account.Id'] })).toThrow(/Account.Id/);
  });

  it('does not share field objects between orgs built with different options', () => {
    const locked = buildOrgSchemas({ readOnlyFields: ['Account.Health_Score__c'] });
    expect(fieldOf(buildOrgSchemas(), 'Account.Health_Score__c')?.updateable).toBe(true);
    expect(fieldOf(locked, 'Account.Health_Score__c')?.updateable).toBe(false);
  });
});

describe('buildOrgSchemas: the fields Pulse relies on', () => {
  const schemas = buildOrgSchemas();
  const field = (name: string) => fieldOf(schemas, name);

  it('has the health fields of DESIGN.md on Account', () => {
    expect(field('Account.Health_Score__c')).toMatchObject({
      type: 'double',
      precision: 3,
      scale: 0,
      custom: true,
      updateable: true,
    });
    expect(field('Account.Health_Score_Change__c')).toMatchObject({ type: 'double', precision: 4, scale: 0 });
    expect(field('Account.Health_Score_Override__c')).toMatchObject({
      type: 'double',
      precision: 3,
      scale: 0,
    });
    expect(field('Account.Health_Status__c')).toMatchObject({
      type: 'picklist',
      restrictedPicklist: true,
      length: 255,
      byteLength: 765,
    });
    expect(values(field('Account.Health_Status__c'))).toEqual(['Green', 'Yellow', 'Red']);
    expect(values(field('Account.Escalation_Status__c'))).toEqual([
      'None',
      'Watch',
      'Escalated',
      'SLA Breached',
      'Critical',
    ]);
    expect(field('Account.Escalation_Status__c')?.restrictedPicklist).toBe(true);
    expect(field('Account.Risk_Flags__c')).toMatchObject({
      type: 'multipicklist',
      restrictedPicklist: true,
      length: 4099,
    });
    expect(values(field('Account.Risk_Flags__c'))).toEqual([
      'Renewal At Risk',
      'Open P1',
      'SLA Breach',
      'Support Spike',
      'Declining Usage',
      'Low NPS',
      'No Recent Activity',
    ]);
    expect(field('Account.Health_Reasons__c')).toMatchObject({
      type: 'textarea',
      length: 32768,
      extraTypeInfo: 'plaintextarea',
      filterable: false,
    });
    expect(field('Account.Health_Updated_At__c')).toMatchObject({ type: 'datetime', custom: true });
  });

  it('has the optional usage fields on Account', () => {
    expect(field('Account.Active_Users__c')).toMatchObject({
      type: 'double',
      precision: 8,
      scale: 0,
      custom: true,
    });
    expect(field('Account.Licensed_Seats__c')).toMatchObject({ type: 'double', precision: 8, scale: 0 });
    expect(field('Account.Usage_Trend__c')).toMatchObject({ type: 'percent', precision: 5, scale: 2 });
    expect(field('Account.NPS_Score__c')).toMatchObject({ type: 'double', precision: 3, scale: 0 });
    expect(field('Account.CSAT_Score__c')).toMatchObject({ type: 'percent', precision: 5, scale: 2 });
    expect(values(field('Account.Support_Region__c'))).toEqual(['AMER', 'EMEA', 'APAC']);
  });

  it('has a formula field and system-managed fields nobody writes', () => {
    expect(field('Account.Days_Since_Last_Activity__c')).toMatchObject({
      calculated: true,
      createable: false,
      updateable: false,
      type: 'double',
    });
    for (const name of [
      'Account.LastActivityDate',
      'Opportunity.IsClosed',
      'Opportunity.IsWon',
      'Case.IsClosed',
      'Case.ClosedDate',
      'Case.CaseNumber',
    ]) {
      expect(field(name), name).toMatchObject({ createable: false, updateable: false });
    }
    expect(field('Case.IsEscalated')?.updateable).toBe(true);
    expect(field('Case.First_Response_At__c')).toMatchObject({
      type: 'datetime',
      custom: true,
      updateable: true,
    });
  });

  it('has the standard lookups with their relationship names', () => {
    expect(field('Account.OwnerId')).toMatchObject({ referenceTo: ['User'], relationshipName: 'Owner' });
    expect(field('Account.ParentId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Parent' });
    expect(field('Opportunity.AccountId')).toMatchObject({
      referenceTo: ['Account'],
      relationshipName: 'Account',
    });
    expect(field('Case.AccountId')).toMatchObject({ referenceTo: ['Account'], relationshipName: 'Account' });
    expect(field('Task.WhatId')).toMatchObject({
      referenceTo: ['Account', 'Opportunity'],
      relationshipName: 'What',
      namePointing: true,
    });
    expect(field('Account.Name')).toMatchObject({
      type: 'string',
      length: 255,
      nameField: true,
      nillable: false,
    });
  });

  it('has the standard picklists, with Renewal and Critical added', () => {
    expect(values(field('Opportunity.StageName'))).toEqual([
      'Prospecting',
      'Qualification',
      'Needs Analysis',
      'Value Proposition',
      'Id. Decision Makers',
      'Perception Analysis',
      'Proposal/Price Quote',
      'Negotiation/Review',
      'Closed Won',
      'Closed Lost',
    ]);
    expect(values(field('Opportunity.Type'))).toEqual(
      expect.arrayContaining(['Renewal', 'Existing Customer - Upgrade', 'New Customer']),
    );
    expect(field('Opportunity.Amount')).toMatchObject({ type: 'currency', precision: 18, scale: 2 });
    expect(field('Opportunity.Probability')).toMatchObject({ type: 'percent', precision: 3, scale: 0 });
    expect(values(field('Case.Priority')).sort()).toEqual(['Critical', 'High', 'Low', 'Medium']);
    expect(values(field('Case.Status'))).toEqual(['New', 'Working', 'Escalated', 'Closed']);
    expect(field('Case.Status')?.picklistValues.find((entry) => entry.defaultValue)?.value).toBe('New');
  });

  it('has an external id on Task for upserts', () => {
    expect(field('Task.Pulse_Key__c')).toMatchObject({
      type: 'string',
      length: 80,
      externalId: true,
      unique: true,
      idLookup: true,
      custom: true,
    });
  });
});
