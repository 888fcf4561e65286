/**
 * An org's session as one worker sees it: the shared token from Redis, or a login when there is
 * none; and the one, counted way to refresh it. jsforce has no guard against refreshing forever on
 * 401s, so refreshes per org are counted in Redis across all workers and stop with an auth error
 * when Salesforce keeps refusing fresh sessions. A call that succeeds after a refresh starts the
 * count again: sessions that expire now and then, but work in between, are no loop.
 */
import type { OAuth2 } from 'jsforce';

import type { OrgConfig } from '../../config/index.js';
import type { Logger } from '../../logging/logger.js';
import { classify } from '../errors/classify.js';
import { SalesforceError, toSalesforceError } from '../errors/salesforce-error.js';
import { requestToken } from './request-token.js';
import { SESSION_LOCK_TTL_MS, type SessionStore, type StoredSession } from './session-store.js';

export interface OrgSessionOptions {
  readonly orgName: string;
  readonly org: OrgConfig;
  readonly store: SessionStore;
  readonly oauth2: OAuth2;
  readonly privateKeyPem?: string;
  readonly logger: Logger;
  /** Refreshes allowed per org within `refreshWindowMs` before the org's work stops. */
  readonly maxRefreshes?: number;
  readonly refreshWindowMs?: number;
}

/**
 * Longer than the lock lives: a worker killed while it held the lock leaves it until it expires,
 * and the others must outlast it rather than fail their jobs (the chaos scenario's SIGKILLs did).
 */
export const LOCK_WAIT_MS = SESSION_LOCK_TTL_MS + 5_000;
/** In all, this many times the loop limit may be refreshed in the window when sessions do work in between. */
const TOTAL_REFRESH_FACTOR = 10;

export class OrgSession {
  /** Token requests this process made (logins and refreshes), for tests and status. */
  tokenRequests = 0;
  /** The last refresh that failed: jsforce rethrows it as a plain Error, losing what it was. */
  private lastRefreshFailure: SalesforceError | undefined;
  private readonly maxRefreshes: number;
  private readonly refreshWindowMs: number;

  private readonly fingerprint: string;
  /** This process refreshed (or took up a refreshed session) and has not seen a call succeed since. */
  private unconfirmedRefresh = false;

  constructor(private readonly options: OrgSessionOptions) {
    this.maxRefreshes = options.maxRefreshes ?? 3;
    this.refreshWindowMs = options.refreshWindowMs ?? 5 * 60_000;
    const { org } = options;
    this.fingerprint = [org.loginUrl, org.clientId, 'username' in org ? org.username : org.authFlow].join(
      ' ',
    );
  }

  /** The stored session, unless it was made for another login URL, app or user. */
  private async stored(): Promise<StoredSession | undefined> {
    const session = await this.options.store.read();
    return session?.fingerprint === this.fingerprint ? session : undefined;
  }

  /** The shared session, logging in (once, under the lock) when there is none yet. */
  async current(): Promise<StoredSession> {
    const stored = await this.stored();
    if (stored) return stored;
    return this.options.store.withLock(async () => (await this.stored()) ?? this.login(), LOCK_WAIT_MS);
  }

  /**
   * A session to replace `staleAccessToken`, which Salesforce refused. If another worker already
   * refreshed it, that session is used without asking Salesforce again.
   */
  async refresh(staleAccessToken: string | undefined): Promise<StoredSession> {
    try {
      const session = await this.refreshOnce(staleAccessToken);
      this.lastRefreshFailure = undefined;
      this.unconfirmedRefresh = true;
      return session;
    } catch (error) {
      this.lastRefreshFailure = toSalesforceError(error);
      throw this.lastRefreshFailure;
    }
  }

  /** A call just succeeded: the first success after a refresh resets the org's refresh count. */
  async callSucceeded(): Promise<void> {
    if (!this.unconfirmedRefresh) return;
    this.unconfirmedRefresh = false;
    // The call itself succeeded: a Redis hiccup here must not turn it into a failure (retried).
    await this.options.store.resetRefreshCount().catch((error: unknown) => {
      this.options.logger.warn('could not reset the session refresh count', {
        orgId: this.options.orgName,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  }

  /** The failure jsforce reported as "Unable to refresh session due to: ...", restored to what it was. */
  explainFailure(error: unknown): unknown {
    const wrapped = error instanceof Error && error.message.startsWith('Unable to refresh session due to:');
    return wrapped && this.lastRefreshFailure ? this.lastRefreshFailure : error;
  }

  private async refreshOnce(staleAccessToken: string | undefined): Promise<StoredSession> {
    return this.options.store.withLock(async () => {
      const stored = await this.stored();
      if (stored && stored.accessToken !== staleAccessToken) return stored;
      const { sinceSuccess, inWindow } = await this.options.store.countRefresh(this.refreshWindowMs);
      // A loop (refused again right after each refresh), or refreshes so frequent that the
      // sessions barely work: either way, logins would go on for ever.
      const count = Math.max(sinceSuccess, Math.ceil(inWindow / TOTAL_REFRESH_FACTOR));
      if (count > this.maxRefreshes) {
        const facts = {
          errorCode: 'SESSION_REFRESH_LIMIT',
          message: `the session of org ${this.options.orgName} was refused after ${this.maxRefreshes} refreshes within ${Math.round(this.refreshWindowMs / 1000)} s`,
        };
        throw new SalesforceError(classify(facts), facts.message, {});
      }
      this.options.logger.info('refreshing the Salesforce session', {
        orgId: this.options.orgName,
        refreshes: inWindow,
      });
      return this.login();
    }, LOCK_WAIT_MS);
  }

  private async login(): Promise<StoredSession> {
    const { org, store } = this.options;
    this.tokenRequests += 1;
    try {
      const grant = await requestToken({
        org,
        oauth2: this.options.oauth2,
        ...(this.options.privateKeyPem ? { privateKeyPem: this.options.privateKeyPem } : {}),
        ...(org.authFlow === 'refresh_token'
          ? { refreshToken: (await store.readRefreshToken()) ?? org.refreshToken }
          : {}),
        now: new Date(),
      });
      // A rotating connected app invalidates the old refresh token at once: keep the new one first.
      if (grant.refreshToken) await store.writeRefreshToken(grant.refreshToken);
      const session = {
        accessToken: grant.accessToken,
        instanceUrl: grant.instanceUrl,
        identityUrl: grant.identityUrl,
        fingerprint: this.fingerprint,
      };
      await store.write(session);
      return session;
    } catch (error) {
      throw toSalesforceError(error);
    }
  }
}
