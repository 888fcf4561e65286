/**
 * The signed assertion of the JWT bearer flow: RS256 with the connected app's private key,
 * `iss` the client id, `sub` the integration user, `aud` Salesforce's login host (never the
 * instance URL), valid for three minutes as Salesforce allows.
 */
import { importPKCS8, SignJWT } from 'jose';

const VALIDITY_SECONDS = 180;

export interface AssertionClaims {
  readonly clientId: string;
  readonly username: string;
  readonly audience: string;
  readonly privateKeyPem: string;
  readonly now: Date;
}

export async function signAssertion(claims: AssertionClaims): Promise<string> {
  const key = await importPKCS8(claims.privateKeyPem, 'RS256');
  const issuedAt = Math.floor(claims.now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(claims.clientId)
    .setSubject(claims.username)
    .setAudience(claims.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + VALIDITY_SECONDS)
    .sign(key);
}

/** `https://test.salesforce.com` for sandboxes, else production's login host, unless configured. */
export function defaultAudience(loginUrl: string): string {
  const host = new URL(loginUrl).hostname;
  return host === 'test.salesforce.com' || host.endsWith('.sandbox.my.salesforce.com')
    ? 'https://test.salesforce.com'
    : 'https://login.salesforce.com';
}
