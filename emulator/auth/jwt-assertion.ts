/**
 * Checks a JWT bearer assertion the way Salesforce does: signed (RS256) by the key of the
 * connected app's certificate, `iss` the client id, `sub` the username, `aud` the login host,
 * and not expired.
 */
import { errors, importSPKI, importX509, jwtVerify } from 'jose';

import { OAuthError } from '../server/salesforce-errors.js';

export interface AssertionExpectations {
  readonly publicKeyPem: string;
  readonly clientId: string;
  readonly username: string;
  readonly audience: string;
  readonly now: Date;
}

async function importKey(pem: string): ReturnType<typeof importSPKI> {
  return pem.includes('BEGIN CERTIFICATE') ? importX509(pem, 'RS256') : importSPKI(pem, 'RS256');
}

export async function verifyAssertion(assertion: string, expected: AssertionExpectations): Promise<void> {
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, await importKey(expected.publicKeyPem), {
      algorithms: ['RS256'],
      currentDate: expected.now,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new OAuthError('invalid_grant', 'expired authorization code');
    throw new OAuthError('invalid_grant', 'invalid assertion');
  }
  if (payload.exp === undefined) throw new OAuthError('invalid_grant', 'invalid assertion');
  if (payload.iss !== expected.clientId)
    throw new OAuthError('invalid_client_id', 'client identifier invalid');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(expected.audience)) throw new OAuthError('invalid_grant', 'audience is invalid');
  if (payload.sub !== expected.username)
    throw new OAuthError('invalid_grant', "user hasn't approved this consumer");
}
