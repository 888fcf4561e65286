/**
 * `pulse doctor`: everything an admin must get right before the first sync, checked against the
 * org itself, each problem with its fix. Later checks are skipped when what they stand on failed.
 */
import type { OrgConfig } from '../config/index.js';
import type { HealthModel } from '../health/index.js';
import type { SalesforceClient } from '../salesforce/salesforce-client.js';
import type { SObjectInfo } from '../salesforce/types.js';
import { checkAccountVisibility, checkApiBudget } from './checks/access-checks.js';
import { checkInputFields, checkTaskKeyField, checkWrittenFields } from './checks/field-checks.js';
import { checkApiVersion, checkLogin } from './checks/login-checks.js';
import { check, type CheckResult, type DoctorReport } from './doctor-report.js';
import { expectedAccountFields, REQUIRED_INPUT_FIELDS } from './expected-fields.js';

export interface DoctorDeps {
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly model: HealthModel;
  /** Throws when Redis does not answer. */
  readonly pingRedis: () => Promise<string>;
  readonly connect: () => Promise<SalesforceClient>;
  /** Customer-success playbooks create Tasks: check the Task key field too. */
  readonly playbookTasks?: boolean;
}

const report = (org: string, checks: CheckResult[]): DoctorReport => ({
  org,
  checks,
  blocking: checks.some((result) => result.status === 'fail'),
});

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  try {
    checks.push(check('redis', 'Redis', 'ok', `Reachable (${await deps.pingRedis()}).`));
  } catch (error) {
    checks.push(
      check(
        'redis',
        'Redis',
        'fail',
        `Not reachable: ${(error as Error).message}.`,
        'Start Redis or point REDIS_URL at it.',
      ),
      check('salesforce', 'Salesforce checks', 'skipped', 'Skipped: sessions and limits are kept in Redis.'),
    );
    return report(deps.orgName, checks);
  }

  const client = await deps.connect();
  try {
    const login = await checkLogin(client, deps.org);
    checks.push(login);
    if (login.status === 'fail') {
      checks.push(check('salesforce', 'Salesforce checks', 'skipped', 'Skipped: login failed.'));
      return report(deps.orgName, checks);
    }
    checks.push(await checkApiVersion(client, deps.org));
    const describes = new Map<string, SObjectInfo>();
    for (const objectName of Object.keys(REQUIRED_INPUT_FIELDS))
      describes.set(objectName, await client.describe(objectName));
    const account = describes.get('Account');
    if (account)
      checks.push(...checkWrittenFields(account, expectedAccountFields(deps.org.fieldMapping, deps.model)));
    checks.push(...checkInputFields(describes, deps.model));
    if (deps.playbookTasks) checks.push(checkTaskKeyField(await client.describe('Task')));
    checks.push(await checkAccountVisibility(client, (await client.identity()).userId));
    checks.push(await checkApiBudget(client, deps.org));
    return report(deps.orgName, checks);
  } finally {
    await client.close();
  }
}
