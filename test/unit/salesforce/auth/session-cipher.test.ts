/**
 * The tokens an org's workers share are sealed: what Redis holds is no usable token, opens only
 * with the same org, purpose and configured secrets, and a value that does not open reads as absent.
 */
import { describe, expect, it } from 'vitest';

import { createSessionCipher } from '../../../../src/salesforce/auth/session-cipher.js';

const TOKEN = '00D5e000000abcd!AQ8AQKxExampleAccessTokenValue.0123456789';

describe('createSessionCipher', () => {
  const acme = createSessionCipher('acme', ['client-secret-1', 'password-1']);

  it('seals a token into a value that holds no part of it, and opens it again', () => {
    const sealed = acme.seal('accessToken', TOKEN);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(TOKEN.slice(0, 15));
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain('ExampleAccessToken');
    expect(acme.open('accessToken', sealed)).toBe(TOKEN);
  });

  it('seals the same token differently each time', () => {
    expect(acme.seal('accessToken', TOKEN)).not.toBe(acme.seal('accessToken', TOKEN));
  });

  it('any process with the same configuration opens it', () => {
    const sealed = acme.seal('refreshToken', TOKEN);
    expect(createSessionCipher('acme', ['client-secret-1', 'password-1']).open('refreshToken', sealed)).toBe(
      TOKEN,
    );
  });

  it('does not open for another purpose, another org, other secrets, or after tampering', () => {
    const sealed = acme.seal('accessToken', TOKEN);
    expect(acme.open('refreshToken', sealed)).toBeUndefined();
    expect(createSessionCipher('beta', ['client-secret-1', 'password-1']).open('accessToken', sealed)).toBe(
      undefined,
    );
    expect(createSessionCipher('acme', ['client-secret-2', 'password-1']).open('accessToken', sealed)).toBe(
      undefined,
    );
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    expect(acme.open('accessToken', `v1.${bytes.toString('base64url')}`)).toBeUndefined();
  });

  it('an access token bound to its instance URL does not open beside another', () => {
    const at = ['https://acme.my.salesforce.com', 'https://login.salesforce.com/id/00D/005'];
    const sealed = acme.seal('accessToken', TOKEN, at);
    expect(acme.open('accessToken', sealed, at)).toBe(TOKEN);
    expect(acme.open('accessToken', sealed, ['https://evil.example', at[1] ?? ''])).toBeUndefined();
    expect(acme.open('accessToken', sealed, [at[0] ?? '', 'https://evil.example/id'])).toBeUndefined();
    expect(acme.open('accessToken', sealed)).toBeUndefined();
  });

  it('reads a plain token stored before sealing, or junk, as absent', () => {
    for (const value of [
      TOKEN,
      '',
      'v1.',
      'v1.abc',
      'v2.' + acme.seal('accessToken', TOKEN).slice(3),
      'v1.a.b',
    ])
      expect(acme.open('accessToken', value)).toBeUndefined();
  });

  it('refuses an org with no secret to derive a key from', () => {
    expect(() => createSessionCipher('acme', ['', ''])).toThrow(/no secret/);
  });
});
