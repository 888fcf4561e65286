/**
 * Stored calls are signed with an HMAC key from the configuration (never kept in Redis), so a call
 * altered in Redis — another host, another path, a changed body — fails verification and replay
 * refuses it. The signature covers the call's canonical JSON (keys sorted at every level).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

import type { SignedCall, StoredCall } from './stored-call.js';

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function signCall(call: StoredCall, key: string): SignedCall {
  return { call, signature: createHmac('sha256', key).update(canonical(call)).digest('hex') };
}

export function verifyCall(signed: SignedCall, key: string): boolean {
  const expected = createHmac('sha256', key).update(canonical(signed.call)).digest();
  const given = Buffer.from(typeof signed.signature === 'string' ? signed.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
