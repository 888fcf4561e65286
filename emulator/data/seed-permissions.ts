/**
 * Seeds the permission objects consistently with the org's users: a profile permission set per
 * profile (System Administrator, Standard User, Pulse Integration), their assignments, object
 * permissions, and the integration user's UserPermissionAccess row. With restricted account
 * visibility the integration profile has no View All on Account, Opportunity or Case. The integration
 * user also holds one permission set of its own (Pulse Health Writer: Read/Edit on Account).
 */
import type { OrgStore } from '../org/org-store.js';
import type { AccountVisibility } from '../org/visibility.js';
import type { WireValue } from '../org/types.js';
import { formatDateTime } from '../org/wire-format.js';

/** `[object, read, create, edit, delete, viewAll, modifyAll]` */
type ObjectGrant = readonly [string, boolean, boolean, boolean, boolean, boolean, boolean];

interface ProfileSpec {
  readonly ownedByProfile: boolean;
  readonly name: string;
  readonly label: string;
  readonly system: Readonly<Record<string, boolean>>;
  readonly objects: readonly ObjectGrant[];
}

const DATA_OBJECTS = ['Account', 'Opportunity', 'Case', 'Task'] as const;

function profiles(
  visibility: AccountVisibility,
): Record<'admin' | 'standard' | 'integration' | 'writer', ProfileSpec> {
  const viewAll = visibility === 'all';
  return {
    admin: {
      ownedByProfile: true,
      name: 'X00e5e000000AdmAAA',
      label: 'System Administrator',
      system: { PermissionsApiEnabled: true, PermissionsViewAllData: true, PermissionsModifyAllData: true },
      objects: DATA_OBJECTS.map((name) => [name, true, true, true, true, true, true] as const),
    },
    standard: {
      ownedByProfile: true,
      name: 'X00e5e000000StdAAA',
      label: 'Standard User',
      system: { PermissionsApiEnabled: true, PermissionsViewAllData: false, PermissionsModifyAllData: false },
      objects: DATA_OBJECTS.map((name) => [name, true, true, true, true, false, false] as const),
    },
    integration: {
      ownedByProfile: true,
      name: 'X00e5e000000PlsAAA',
      label: 'Pulse Integration',
      system: { PermissionsApiEnabled: true, PermissionsViewAllData: false, PermissionsModifyAllData: false },
      objects: [
        ['Account', true, false, true, false, viewAll, false],
        ['Opportunity', true, false, true, false, viewAll, false],
        ['Case', true, false, true, false, viewAll, false],
        // Create too: Pulse upserts follow-up tasks by Pulse_Key__c.
        ['Task', true, true, true, false, false, false],
      ],
    },
    writer: {
      ownedByProfile: false,
      name: 'Pulse_Health_Writer',
      label: 'Pulse Health Writer',
      system: {},
      objects: [['Account', true, false, true, false, false, false]],
    },
  };
}

function insertPermissionSet(store: OrgStore, spec: ProfileSpec, adminId: string): string {
  const set = store.insert(
    'PermissionSet',
    { Name: spec.name, Label: spec.label, IsOwnedByProfile: spec.ownedByProfile, ...spec.system },
    adminId,
  );
  const setId = String(set['Id']);
  for (const [object, read, create, edit, remove, viewAll, modifyAll] of spec.objects) {
    store.insert(
      'ObjectPermissions',
      {
        ParentId: setId,
        SobjectType: object,
        PermissionsRead: read,
        PermissionsCreate: create,
        PermissionsEdit: edit,
        PermissionsDelete: remove,
        PermissionsViewAllRecords: viewAll,
        PermissionsModifyAllRecords: modifyAll,
      },
      adminId,
    );
  }
  return setId;
}

/** The one UserPermissionAccess row's id, as Salesforce gives it. */
export const USER_PERMISSION_ACCESS_ID = '000000000000000AAA';

/**
 * @param adminId the user who set the org up (the first generated or imported user)
 * @param apiUserId the integration user
 */
export function seedPermissions(
  store: OrgStore,
  visibility: AccountVisibility,
  adminId: string,
  apiUserId: string,
): void {
  const specs = profiles(visibility);
  const adminSet = insertPermissionSet(store, specs.admin, adminId);
  const standardSet = insertPermissionSet(store, specs.standard, adminId);
  const integrationSet = insertPermissionSet(store, specs.integration, adminId);
  const writerSet = insertPermissionSet(store, specs.writer, adminId);
  for (const user of [...store.recordsOf('User')]) {
    const id = String(user['Id']);
    const setId = id === adminId ? adminSet : id === apiUserId ? integrationSet : standardSet;
    store.insert('PermissionSetAssignment', { AssigneeId: id, PermissionSetId: setId }, adminId);
  }
  store.insert('PermissionSetAssignment', { AssigneeId: apiUserId, PermissionSetId: writerSet }, adminId);
  const now = formatDateTime(store.now());
  const access: Record<string, WireValue> = {
    Id: USER_PERMISSION_ACCESS_ID,
    IsDeleted: false,
    ...specs.integration.system,
    CreatedDate: now,
    CreatedById: apiUserId,
    LastModifiedDate: now,
    LastModifiedById: apiUserId,
    SystemModstamp: now,
  };
  store.load('UserPermissionAccess', [access]);
}
