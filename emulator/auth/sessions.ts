/**
 * Access and refresh tokens of the emulated org. Access tokens look like Salesforce session ids
 * (`<org id>!<secret>`) and expire after a TTL; refresh tokens last until revoked, and rotate when
 * the connected app is set to rotate them (the old one stops working at once).
 */
import { randomBytes } from 'node:crypto';

import type { OrgClock } from '../org/clock.js';

export interface Session {
  readonly userId: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

export interface SessionStore {
  issueAccessToken(userId: string, clientId: string): string;
  /** The live session of a token; undefined when unknown, revoked or expired. */
  sessionOf(accessToken: string): Session | undefined;
  issueRefreshToken(userId: string, clientId: string): string;
  /** Who a refresh token belongs to; undefined when unknown or revoked. */
  refreshTokenOwner(refreshToken: string): { userId: string; clientId: string } | undefined;
  revoke(token: string): void;
  /** Expires every access token now (tests: force the refresh path). */
  expireAll(): void;
}

export function createSessionStore(orgId15: string, accessTokenTtlMs: number, clock: OrgClock): SessionStore {
  const sessions = new Map<string, Session>();
  const refreshTokens = new Map<string, { userId: string; clientId: string }>();
  return {
    issueAccessToken(userId, clientId) {
      const token = `${orgId15}!${randomBytes(48).toString('base64url').replace(/[-_]/g, 'x')}`;
      sessions.set(token, { userId, clientId, expiresAt: clock.now().getTime() + accessTokenTtlMs });
      return token;
    },
    sessionOf(accessToken) {
      const session = sessions.get(accessToken);
      if (!session) return undefined;
      if (session.expiresAt <= clock.now().getTime()) {
        sessions.delete(accessToken);
        return undefined;
      }
      return session;
    },
    issueRefreshToken(userId, clientId) {
      const token = `5Aep861${randomBytes(60).toString('base64url').replace(/[-_]/g, 'x')}`;
      refreshTokens.set(token, { userId, clientId });
      return token;
    },
    refreshTokenOwner: (refreshToken) => refreshTokens.get(refreshToken),
    revoke(token) {
      sessions.delete(token);
      refreshTokens.delete(token);
    },
    expireAll() {
      sessions.clear();
    },
  };
}
