/**
 * jsforce 3.10.16, unmodified, logs in to the emulator with each OAuth flow Pulse uses, and gets
 * Salesforce's error bodies when it should fail.
 */
import jsforce from 'jsforce';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ accounts: 5, refreshTokenRotation: true });
});
afterAll(async () => {
  await emulator.close();
});

function connection(extra: Partial<jsforce.ConnectionConfig> = {}): jsforce.Connection {
  const { clientId, clientSecret } = emulator.credentials;
  return new jsforce.Connection({
    version: '64.0',
    loginUrl: emulator.url,
    oauth2: { loginUrl: emulator.url, clientId, clientSecret },
    ...extra,
  });
}

async function assertion(
  claims: { aud?: string; sub?: string; iss?: string; expiresIn?: string } = {},
): Promise<string> {
  const key = await importPKCS8(emulator.credentials.jwtPrivateKeyPem ?? '', 'RS256');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuer(claims.iss ?? emulator.credentials.clientId)
    .setSubject(claims.sub ?? emulator.credentials.username)
    .setAudience(claims.aud ?? 'https://login.salesforce.com')
    .setExpirationTime(claims.expiresIn ?? '3m')
    .sign(key);
}

async function accountCount(conn: jsforce.Connection): Promise<number> {
  return (await conn.query('SELECT COUNT() FROM Account')).totalSize;
}

describe('OAuth flows with jsforce', () => {
  it('username-password over OAuth (never SOAP)', async () => {
    const conn = connection();
    const user = await conn.loginByOAuth2(emulator.credentials.username, emulator.credentials.password);
    expect(user.organizationId).toBe(emulator.state.orgId);
    expect(conn.instanceUrl).toBe(emulator.url);
    expect(conn.accessToken).toMatch(/^00D5e0000000001!/);
    expect(await accountCount(conn)).toBe(5);
  });

  it('JWT bearer with a signed assertion for aud https://login.salesforce.com', async () => {
    const conn = connection();
    await conn.authorize({ grant_type: JWT_GRANT, assertion: await assertion() });
    expect(conn.refreshToken).toBeUndefined();
    expect(await accountCount(conn)).toBe(5);
  });

  it.each([
    [{ aud: 'http://127.0.0.1' }, 'invalid_grant', 'audience is invalid'],
    [{ sub: 'someone@else.com' }, 'invalid_grant', "user hasn't approved this consumer"],
    [{ iss: 'another-app' }, 'invalid_client_id', 'client identifier invalid'],
    [{ expiresIn: '-10s' }, 'invalid_grant', 'expired authorization code'],
  ])('JWT bearer refuses %j', async (claims, error, description) => {
    await expect(
      connection().authorize({ grant_type: JWT_GRANT, assertion: await assertion(claims) }),
    ).rejects.toMatchObject({
      name: error,
      message: description,
    });
  });

  it('refuses a JWT signed by another key', async () => {
    const other = await startEmulator({ accounts: 0 });
    try {
      const key = await importPKCS8(other.credentials.jwtPrivateKeyPem ?? '', 'RS256');
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer(emulator.credentials.clientId)
        .setSubject(emulator.credentials.username)
        .setAudience('https://login.salesforce.com')
        .setExpirationTime('3m')
        .sign(key);
      await expect(
        connection().authorize({ grant_type: JWT_GRANT, assertion: forged }),
      ).rejects.toMatchObject({
        name: 'invalid_grant',
        message: 'invalid assertion',
      });
    } finally {
      await other.close();
    }
  });

  it('client credentials', async () => {
    const conn = connection();
    await conn.authorize({ grant_type: 'client_credentials' });
    expect(await accountCount(conn)).toBe(5);
  });

  it('refresh token, rotated: jsforce refreshes on 401, and the old refresh token is refused after rotation', async () => {
    const conn = connection({
      refreshToken: emulator.credentials.refreshToken,
      instanceUrl: emulator.url,
      accessToken: 'stale',
    });
    const refreshed = new Promise<{ accessToken: string; response: { refresh_token?: string } }>(
      (resolve) => {
        conn.on('refresh', (accessToken: string, response: { refresh_token?: string }) => {
          resolve({ accessToken, response });
        });
      },
    );
    expect(await accountCount(conn)).toBe(5);
    const { accessToken, response } = await refreshed;
    expect(accessToken).toMatch(/^00D5e0000000001!/);
    // Rotation hands back a new refresh token. jsforce 3.10.16 does not keep it (conn.refreshToken is
    // still the old one): whoever refreshes must store response.refresh_token itself.
    expect(response.refresh_token).toMatch(/^5Aep861/);
    expect(response.refresh_token).not.toBe(emulator.credentials.refreshToken);
    expect(conn.refreshToken).toBe(emulator.credentials.refreshToken);
    const stale = connection({
      refreshToken: emulator.credentials.refreshToken,
      instanceUrl: emulator.url,
      accessToken: 'stale',
    });
    await expect(accountCount(stale)).rejects.toThrow(/expired access\/refresh token/);
    const rotated = connection({
      refreshToken: response.refresh_token ?? '',
      instanceUrl: emulator.url,
      accessToken: 'stale',
    });
    expect(await accountCount(rotated)).toBe(5);
  });

  it('answers a wrong password with invalid_grant, and a wrong client with invalid_client_id', async () => {
    await expect(connection().loginByOAuth2(emulator.credentials.username, 'wrong')).rejects.toMatchObject({
      name: 'invalid_grant',
      message: 'authentication failure',
    });
    const stranger = new jsforce.Connection({
      version: '64.0',
      oauth2: { loginUrl: emulator.url, clientId: 'nobody', clientSecret: 'x' },
    });
    await expect(
      stranger.loginByOAuth2(emulator.credentials.username, emulator.credentials.password),
    ).rejects.toMatchObject({
      name: 'invalid_client_id',
    });
  });
});

describe('sessions', () => {
  it('expires access tokens after their TTL with 401 INVALID_SESSION_ID, and a refreshed token works at once', async () => {
    const conn = connection();
    await conn.loginByOAuth2(emulator.credentials.username, emulator.credentials.password);
    emulator.state.clock.advance(emulator.options.accessTokenTtlMs + 1000);
    const plain = new jsforce.Connection({
      version: '64.0',
      instanceUrl: emulator.url,
      accessToken: conn.accessToken ?? '',
    });
    await expect(accountCount(plain)).rejects.toMatchObject({
      errorCode: 'INVALID_SESSION_ID',
      message: 'Session expired or invalid',
    });

    let refreshes = 0;
    const fresh = connection();
    await fresh.loginByOAuth2(emulator.credentials.username, emulator.credentials.password);
    const viaRefresh = new jsforce.Connection({
      version: '64.0',
      instanceUrl: emulator.url,
      accessToken: conn.accessToken ?? '',
      refreshFn: (_c, callback) => {
        refreshes += 1;
        callback(null, fresh.accessToken ?? '');
      },
    });
    expect(await accountCount(viaRefresh)).toBe(5);
    expect(refreshes).toBe(1);
  });
});
