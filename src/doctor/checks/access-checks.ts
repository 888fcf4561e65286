/**
 * Does the integration user see every account (View All Data, or View All on Account through a
 * permission set), and how much of the org's daily API allocation is left for Pulse?
 */
import type { OrgConfig } from '../../config/index.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import { soqlId, soqlIdList } from '../../salesforce/soql.js';
import { check, type CheckResult } from '../doctor-report.js';

const VISIBILITY_FIX =
  'Assign the Pulse_Integration permission set (it grants View All on Account, Opportunity and Case), or grant View All Data; otherwise Pulse scores only the accounts the user can see.';

/** Plain SOQL only (no semi-joins): the user's permission sets, then their Account permissions. */
export async function checkAccountVisibility(client: SalesforceClient, userId: string): Promise<CheckResult> {
  const title = 'Sees all accounts';
  try {
    const user = await client.query<{ PermissionsViewAllData: boolean }>(
      'SELECT PermissionsViewAllData FROM UserPermissionAccess',
    );
    if (user.records[0]?.PermissionsViewAllData === true) {
      return check('visibility', title, 'ok', 'The integration user has View All Data.');
    }
    const assignments = await client.query<{ PermissionSetId: string }>(
      `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ${soqlId(userId)}`,
    );
    const ids = assignments.records.map((record) => record.PermissionSetId);
    if (ids.length > 0) {
      const viewAll = await client.query<{ ParentId: string }>(
        `SELECT ParentId FROM ObjectPermissions WHERE SobjectType = 'Account' AND PermissionsViewAllRecords = true AND ParentId IN ${soqlIdList(ids)}`,
      );
      if (viewAll.totalSize > 0)
        return check('visibility', title, 'ok', 'The integration user has View All on Account.');
    }
    return check(
      'visibility',
      title,
      'fail',
      'The integration user has neither View All Data nor View All on Account: some accounts are hidden from it.',
      VISIBILITY_FIX,
    );
  } catch (error) {
    return check(
      'visibility',
      title,
      'warn',
      `Could not read the user's permissions (${(error as Error).message}).`,
      VISIBILITY_FIX,
    );
  }
}

export async function checkApiBudget(client: SalesforceClient, org: OrgConfig): Promise<CheckResult> {
  const limits = await client.limits();
  const daily = limits['DailyApiRequests'];
  if (!daily) return check('budget', 'API budget', 'warn', 'The org did not report DailyApiRequests.');
  const used = daily.Max - daily.Remaining;
  const ceiling = Math.floor((daily.Max * (100 - org.apiBudget.reservePercent)) / 100);
  const detail = `The org has used ${used} of ${daily.Max} API requests in the last 24 hours; Pulse stops at ${ceiling}, keeping ${org.apiBudget.reservePercent}% for other integrations.`;
  if (used >= ceiling) {
    return check(
      'budget',
      'API budget',
      'fail',
      `${detail} A sync now would pause at once.`,
      'Wait for the rolling 24-hour window to free requests, find the integration spending them (Setup > System Overview, or the API Total Usage event log), or lower apiBudget.reservePercent.',
    );
  }
  const left = ceiling - used;
  return check(
    'budget',
    'API budget',
    left < daily.Max * 0.05 ? 'warn' : 'ok',
    `${detail} ${left} left for Pulse.`,
  );
}
