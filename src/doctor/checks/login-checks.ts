/**
 * Can Pulse log in, as whom, to what kind of org, and does the org serve the configured API
 * version? Each failure names the setting or Setup page to fix.
 */
import type { OrgConfig } from '../../config/index.js';
import { SalesforceError } from '../../salesforce/errors/salesforce-error.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import { soqlId } from '../../salesforce/soql.js';
import { check, type CheckResult } from '../doctor-report.js';

const GUIDES: Readonly<Record<OrgConfig['authFlow'], string>> = {
  jwt: 'docs/connect-an-org/jwt-bearer.md',
  refresh_token: 'docs/connect-an-org/refresh-token.md',
  client_credentials: 'docs/connect-an-org/client-credentials.md',
  password: 'docs/connect-an-org/username-password.md',
};

function orgKind(host: string): string {
  if (host.endsWith('.sandbox.my.salesforce.com')) return 'a sandbox (My Domain)';
  if (host.endsWith('.my.salesforce.com')) return 'a production org (My Domain)';
  if (host === '127.0.0.1' || host === 'localhost') return 'a local emulated org';
  return 'an org without a My Domain URL';
}

export async function checkLogin(client: SalesforceClient, org: OrgConfig): Promise<CheckResult> {
  try {
    const identity = await client.identity();
    const users = await client.query<{ Username: string }>(
      `SELECT Username FROM User WHERE Id = ${soqlId(identity.userId)}`,
    );
    const username = users.records[0]?.Username ?? identity.userId;
    const host = new URL(identity.instanceUrl).hostname;
    let sandbox = '';
    try {
      const orgs = await client.query<{ IsSandbox: boolean }>('SELECT IsSandbox FROM Organization');
      sandbox = orgs.records[0]?.IsSandbox === true ? ' (Organization.IsSandbox: true)' : '';
    } catch {
      // Not every user may read Organization; the host says enough.
    }
    return check(
      'login',
      'Login',
      'ok',
      `Logged in with the ${org.authFlow} flow as ${username} (${identity.userId}) to ${orgKind(host)}${sandbox} at ${identity.instanceUrl}.`,
    );
  } catch (error) {
    const detail = error instanceof SalesforceError ? error.message : String(error);
    return check(
      'login',
      'Login',
      'fail',
      `Login with the ${org.authFlow} flow failed: ${detail}`,
      `Follow ${GUIDES[org.authFlow]} and check the credentials in config/orgs.yaml or the SF_* variables.`,
    );
  }
}

export async function checkApiVersion(client: SalesforceClient, org: OrgConfig): Promise<CheckResult> {
  const versions = await client.apiVersions();
  if (versions.includes(org.apiVersion)) {
    return check(
      'api-version',
      'API version',
      'ok',
      `The org serves API ${org.apiVersion} (newest: ${versions.at(-1) ?? '?'}).`,
    );
  }
  return check(
    'api-version',
    'API version',
    'fail',
    `The org does not serve API ${org.apiVersion}; it serves ${versions[0] ?? '?'} to ${versions.at(-1) ?? '?'}.`,
    `Set apiVersion (or SF_API_VERSION) to ${versions.at(-1) ?? 'a served version'}.`,
  );
}
