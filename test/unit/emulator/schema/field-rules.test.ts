/**
 * Every field of every emulated object follows the rules real describes show for its type
 * (reference/salesforce-rest-api.md §6), and relationships point at fields that exist.
 */
import { describe, expect, it } from 'vitest';

import type { FieldDescribe } from '../../../../emulator/org/types.js';
import { buildOrgSchemas } from '../../../../emulator/schema/org-schemas.js';

const schemas = buildOrgSchemas({ entitlements: true, multiCurrency: true });
const allFields = [...schemas.values()].flatMap((schema) =>
  schema.fields.map((field) => ({ object: schema.name, field })),
);
const AUDIT = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp'];

function expectTypeRules(field: FieldDescribe): void {
  switch (field.type) {
    case 'id':
      expect(field).toMatchObject({
        length: 18,
        byteLength: 18,
        soapType: 'tns:ID',
        nillable: false,
        createable: false,
        updateable: false,
      });
      return;
    case 'reference':
      expect(field).toMatchObject({ length: 18, byteLength: 18, soapType: 'tns:ID' });
      expect(field.referenceTo.length).toBeGreaterThan(0);
      expect(field.relationshipName).not.toBeNull();
      return;
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
      expect(field.soapType).toBe('xsd:string');
      expect(field.length).toBeGreaterThan(0);
      expect(field.byteLength).toBe(field.length * 3);
      return;
    case 'picklist':
      expect(field.soapType).toBe('xsd:string');
      expect(field.byteLength).toBe(field.length * 3);
      expect(field.picklistValues.length).toBeGreaterThan(0);
      return;
    case 'multipicklist':
      expect(field).toMatchObject({
        length: 4099,
        byteLength: 4099,
        soapType: 'xsd:string',
        sortable: false,
        groupable: false,
      });
      return;
    case 'boolean':
      expect(field).toMatchObject({ length: 0, soapType: 'xsd:boolean', nillable: false });
      return;
    case 'double':
    case 'currency':
    case 'percent':
      expect(field).toMatchObject({ length: 0, byteLength: 0, soapType: 'xsd:double', digits: 0 });
      expect(field.precision).toBeGreaterThan(field.scale);
      return;
    case 'int':
      expect(field).toMatchObject({ length: 0, precision: 0, scale: 0, soapType: 'xsd:int' });
      expect(field.digits).toBeGreaterThan(0);
      return;
    case 'date':
      expect(field).toMatchObject({ length: 0, soapType: 'xsd:date' });
      return;
    case 'datetime':
      expect(field).toMatchObject({ length: 0, soapType: 'xsd:dateTime', groupable: false });
      return;
  }
}

describe('field describes', () => {
  it.each(allFields.map(({ object, field }) => [`${object}.${field.name}`, field] as const))(
    '%s follows its type',
    (_name, field) => {
      expectTypeRules(field);
      expect(field.custom).toBe(field.name.endsWith('__c'));
      expect(new Set(field.picklistValues.map((entry) => entry.value)).size).toBe(
        field.picklistValues.length,
      );
      if (field.picklistValues.length > 0) expect(['picklist', 'multipicklist']).toContain(field.type);
      if (field.calculated) {
        expect(field).toMatchObject({ createable: false, updateable: false });
        expect(typeof field.calculatedFormula).toBe('string');
      }
    },
  );

  it('gives every object Id, IsDeleted and read-only audit fields, and unique field names', () => {
    for (const schema of schemas.values()) {
      const names = schema.fields.map((field) => field.name);
      expect(new Set(names).size, schema.name).toBe(names.length);
      expect(names.slice(0, 2)).toEqual(['Id', 'IsDeleted']);
      for (const name of [...AUDIT, 'IsDeleted']) {
        expect(
          schema.fields.find((field) => field.name === name),
          `${schema.name}.${name}`,
        ).toMatchObject({
          createable: false,
          updateable: false,
          nillable: false,
        });
      }
    }
  });

  it('uses the real key prefixes', () => {
    const prefixes = Object.fromEntries(
      [...schemas.values()].map((schema) => [schema.name, schema.keyPrefix]),
    );
    expect(prefixes).toEqual({
      Account: '001',
      Opportunity: '006',
      Case: '500',
      Task: '00T',
      User: '005',
      UserRole: '00E',
      Group: '00G',
      CaseMilestone: '552',
      PermissionSet: '0PS',
      PermissionSetAssignment: '0Pa',
      ObjectPermissions: '110',
      UserPermissionAccess: '000',
    });
  });

  it('points child relationships at reference fields of the child that refer back to the parent', () => {
    for (const parent of schemas.values()) {
      for (const relationship of parent.childRelationships) {
        const child = schemas.get(relationship.childSObject);
        const field = child?.fields.find((candidate) => candidate.name === relationship.field);
        expect(field?.type, `${parent.name}.${String(relationship.relationshipName)}`).toBe('reference');
        expect(field?.referenceTo).toContain(parent.name);
      }
    }
    const names = (object: string) =>
      schemas.get(object)?.childRelationships.map((relationship) => relationship.relationshipName);
    expect(names('Account')).toEqual(
      expect.arrayContaining(['Opportunities', 'Cases', 'Tasks', 'ChildAccounts']),
    );
    expect(names('Case')).toEqual(['CaseMilestones']);
  });

  it('has one name field per object that has a name', () => {
    const nameFields = Object.fromEntries(
      [...schemas.values()].map((schema) => [
        schema.name,
        schema.fields.filter((field) => field.nameField).map((field) => field.name),
      ]),
    );
    expect(nameFields).toEqual({
      User: ['Name'],
      UserRole: ['Name'],
      Group: ['Name'],
      Account: ['Name'],
      Opportunity: ['Name'],
      Case: ['CaseNumber'],
      Task: ['Subject'],
      CaseMilestone: [],
      PermissionSet: ['Name'],
      PermissionSetAssignment: [],
      ObjectPermissions: [],
      UserPermissionAccess: [],
    });
  });
});
