/**
 * One token request for an org's configured flow, over the OAuth token endpoint (never SOAP
 * login, which Salesforce is retiring). jsforce's OAuth2 sends it, through Pulse's transport.
 */
import type { OAuth2, TokenResponse } from 'jsforce';

import type { OrgConfig } from '../../config/index.js';
import { defaultAudience, signAssertion } from './jwt-assertion.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export interface TokenGrant {
  readonly accessToken: string;
  readonly instanceUrl: string;
  /** The identity URL, `.../id/<org id>/<user id>`. */
  readonly identityUrl: string;
  /** Only when the flow hands one out (a rotating refresh-token app does on every refresh). */
  readonly refreshToken?: string;
}

export interface TokenRequestInputs {
  readonly org: OrgConfig;
  readonly oauth2: OAuth2;
  /** The PEM key of the JWT flow, read once from `privateKeyFile`. */
  readonly privateKeyPem?: string;
  /** The refresh token to use now: the last rotated one if any, else the configured one. */
  readonly refreshToken?: string;
  readonly now: Date;
}

function toGrant(response: TokenResponse): TokenGrant {
  return {
    accessToken: response.access_token,
    instanceUrl: response.instance_url,
    identityUrl: response.id,
    ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
  };
}

export async function requestToken(inputs: TokenRequestInputs): Promise<TokenGrant> {
  const { org, oauth2 } = inputs;
  switch (org.authFlow) {
    case 'password':
      return toGrant(await oauth2.authenticate(org.username, org.password + (org.securityToken ?? '')));
    case 'refresh_token':
      return toGrant(await oauth2.refreshToken(inputs.refreshToken ?? org.refreshToken));
    case 'client_credentials':
      return toGrant(await oauth2.requestToken({ grant_type: 'client_credentials' }));
    case 'jwt': {
      const assertion = await signAssertion({
        clientId: org.clientId,
        username: org.username,
        audience: org.audience ?? defaultAudience(org.loginUrl),
        privateKeyPem: inputs.privateKeyPem ?? '',
        now: inputs.now,
      });
      return toGrant(await oauth2.requestToken({ grant_type: JWT_GRANT, assertion }));
    }
  }
}
