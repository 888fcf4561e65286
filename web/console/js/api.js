// Every data call of the console: `/api/v1` with the session's bearer token. An error answer
// (`{error: {code, message, details}}`) becomes an ApiError a view shows; a 401 also signs out.
import { signOut, token } from './session.js';

const PREFIX = '/api/v1';

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

async function errorOf(response) {
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = body && typeof body === 'object' ? body.error : undefined;
  return new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText ?? 'the server refused the request',
    error?.details,
  );
}

/** `path` under /api/v1; `query` entries that are empty are left out; `as`: 'json' or 'text'. */
export async function api(path, { method = 'GET', query, body, signal, as = 'json' } = {}) {
  const bearer = token();
  if (!bearer) {
    window.dispatchEvent(new CustomEvent('pulse:unauthorized', { detail: 'Sign in with an API token.' }));
    throw new ApiError(401, 'unauthenticated', 'not signed in');
  }
  const url = new URL(`${PREFIX}${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  const headers = {
    Authorization: `Bearer ${bearer}`,
    Accept: as === 'text' ? 'text/plain' : 'application/json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    cache: 'no-store',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) {
      signOut();
      window.dispatchEvent(
        new CustomEvent('pulse:unauthorized', { detail: `Signed out: ${error.message}. Sign in again.` }),
      );
    }
    throw error;
  }
  return as === 'text' ? response.text() : response.json();
}
