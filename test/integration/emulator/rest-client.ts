/**
 * A bare HTTP client for the emulator tests that need raw statuses, headers and bodies (CSV,
 * truncated JSON, HTML): a password-grant login and a `call` that never throws on a status.
 */
import type { RunningEmulator } from '../../../emulator/index.js';

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it expects
  json<T = unknown>(): T;
}

export async function login(emulator: RunningEmulator): Promise<string> {
  const { clientId, clientSecret, username, password } = emulator.credentials;
  const response = await fetch(`${emulator.url}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
      username,
      password,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

/** `path` is the whole path (`/services/data/v64.0/...` or `/__emulator/...`). */
export async function call(
  emulator: RunningEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<RawResponse> {
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      'content-type': options.contentType ?? 'application/json',
      ...options.headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- as above
    json: <T>() => JSON.parse(text) as T,
  };
}

export const api = (rest: string): string => `/services/data/v64.0${rest}`;

export const soql = (query: string): string => api(`/query?q=${encodeURIComponent(query)}`);
