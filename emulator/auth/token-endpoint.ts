/**
 * `POST /services/oauth2/token`: the four grants Pulse uses (JWT bearer, refresh token, client
 * credentials, username-password), with Salesforce's success bodies and `{error, error_description}`
 * failures. Token calls do not count against the API allocation.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import type { EmulatorState } from '../server/emulator-state.js';
import type { EmulatorRequest, EmulatorResponse } from '../server/http-types.js';
import { OAuthError } from '../server/salesforce-errors.js';
import { verifyAssertion } from './jwt-assertion.js';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function same(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** client_id/client_secret from the body, or from HTTP Basic as Salesforce also accepts. */
function clientCredentialsOf(
  request: EmulatorRequest,
  form: URLSearchParams,
): { id?: string; secret?: string } {
  const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '');
  if (basic?.[1]) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { ...(id ? { id } : {}), ...(secret ? { secret } : {}) };
  }
  const id = form.get('client_id') ?? undefined;
  const secret = form.get('client_secret') ?? undefined;
  return { ...(id ? { id } : {}), ...(secret ? { secret } : {}) };
}

function checkClient(
  state: EmulatorState,
  client: { id?: string; secret?: string },
  secretRequired: boolean,
): void {
  if (!same(client.id, state.options.clientId))
    throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if ((secretRequired || client.secret !== undefined) && !same(client.secret, state.options.clientSecret)) {
    throw new OAuthError('invalid_client', 'invalid client credentials');
  }
}

function tokenBody(
  state: EmulatorState,
  accessToken: string,
  extra: Record<string, string>,
): Record<string, string> {
  const issuedAt = String(state.clock.now().getTime());
  const id = `${state.baseUrl}/id/${state.orgId}/${state.apiUserId}`;
  const signature = createHmac('sha256', state.options.clientSecret)
    .update(id + issuedAt)
    .digest('base64');
  return {
    access_token: accessToken,
    signature,
    scope: 'api refresh_token',
    instance_url: state.baseUrl,
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
    ...extra,
  };
}

async function grant(
  state: EmulatorState,
  request: EmulatorRequest,
  form: URLSearchParams,
): Promise<Record<string, string>> {
  const grantType = form.get('grant_type');
  const { options, sessions } = state;
  switch (grantType) {
    case null:
      throw new OAuthError('invalid_request', 'missing required parameter: grant_type');
    case 'password': {
      checkClient(state, clientCredentialsOf(request, form), true);
      const expected = options.password + (options.securityToken ?? '');
      if (form.get('username') !== options.username || !same(form.get('password') ?? undefined, expected)) {
        throw new OAuthError('invalid_grant', 'authentication failure');
      }
      return tokenBody(state, sessions.issueAccessToken(state.apiUserId, options.clientId), {});
    }
    case 'refresh_token': {
      checkClient(state, clientCredentialsOf(request, form), false);
      const presented = form.get('refresh_token') ?? '';
      const owner = sessions.refreshTokenOwner(presented);
      if (!owner) throw new OAuthError('invalid_grant', 'expired access/refresh token');
      const rotated: Record<string, string> = {};
      if (options.refreshTokenRotation) {
        sessions.revoke(presented);
        rotated['refresh_token'] = sessions.issueRefreshToken(owner.userId, owner.clientId);
      }
      return tokenBody(state, sessions.issueAccessToken(owner.userId, owner.clientId), rotated);
    }
    case 'client_credentials': {
      checkClient(state, clientCredentialsOf(request, form), true);
      if (!options.clientCredentialsEnabled)
        throw new OAuthError('invalid_grant', 'no client credentials user enabled');
      return tokenBody(state, sessions.issueAccessToken(state.apiUserId, options.clientId), {});
    }
    case JWT_GRANT: {
      await verifyAssertion(form.get('assertion') ?? '', {
        publicKeyPem: state.jwtPublicKeyPem,
        clientId: options.clientId,
        username: options.username,
        audience: options.jwtAudience,
        now: state.clock.now(),
      });
      // Salesforce's JWT answer has neither issued_at nor signature, and never a refresh token.
      const {
        issued_at: _issued,
        signature: _signature,
        ...body
      } = tokenBody(state, sessions.issueAccessToken(state.apiUserId, options.clientId), {});
      return body;
    }
    default:
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
  }
}

export async function handleTokenRequest(
  state: EmulatorState,
  request: EmulatorRequest,
): Promise<EmulatorResponse> {
  try {
    const form = new URLSearchParams(request.body.toString('utf8'));
    return { status: 200, body: await grant(state, request, form) };
  } catch (error) {
    if (error instanceof OAuthError) {
      return { status: error.status, body: { error: error.error, error_description: error.description } };
    }
    throw error;
  }
}

/** `POST /services/oauth2/revoke`: ends an access or refresh token. */
export function handleRevokeRequest(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const token =
    new URLSearchParams(request.body.toString('utf8')).get('token') ?? request.url.searchParams.get('token');
  if (token) state.sessions.revoke(token);
  return { status: 200, body: '', contentType: 'text/plain' };
}
