/**
 * The secrets canary's search: a secret is found in each form it can leak in — inside a larger
 * base64 string (HTTP Basic `id:secret`) whatever byte offset it starts at, base64url too — and
 * text that does not hold it is not reported.
 */
import { describe, expect, it } from 'vitest';

import { findSecrets, secretForms } from '../../support/secret-forms.js';

const SECRET = 'CANARY-client-secret-7f3a9c';
const SECRETS = { clientSecret: SECRET };
const SLASHY = 'CANARY?>?>?>~~~???>>>7f3a';

describe('secretForms', () => {
  it('gives the plain, URL-encoded and JSON-escaped forms, and base64 cores of 8 characters or more', () => {
    const tricky = 'CANARY p@ss"w\\rd/+=&7f3a';
    const forms = secretForms(tricky);
    expect(forms).toEqual(
      expect.arrayContaining([
        tricky,
        encodeURIComponent(tricky),
        JSON.stringify(tricky).slice(1, -1),
        'CANARY+p%40ss%22w%5Crd%2F%2B%3D%267f3a',
      ]),
    );
    expect(new Set(forms).size).toBe(forms.length);
    expect(forms.every((form) => form.length >= 8)).toBe(true);
  });

  it('finds a secret inside HTTP Basic credentials at each byte offset, in base64 and base64url', () => {
    for (const id of ['id', 'id1', 'id12']) {
      const basic = Buffer.from(`${id}:${SECRET}`).toString('base64');
      expect([id, findSecrets(`Authorization: Basic ${basic}`, SECRETS)]).toEqual([
        id,
        ['clientSecret (base64)'],
      ]);
      // A secret whose encoding has `+` and `/` (`-` and `_` in base64url), followed by more bytes.
      const url = Buffer.from(`${id}:${SLASHY}?then=more`).toString('base64url');
      expect([id, findSecrets(`cookie=${url}`, { slashy: SLASHY })]).toEqual([id, ['slashy (base64url)']]);
    }
  });

  it('finds the plain, URL-encoded and JSON-escaped forms', () => {
    const secrets = { password: 'CANARY p@ss"w0rd' };
    expect(findSecrets('password=CANARY+p%40ss%22w0rd&x=1', secrets)).toEqual(['password (form-encoded)']);
    expect(findSecrets('{"message":"CANARY p@ss\\"w0rd"}', secrets)).toEqual(['password (JSON-escaped)']);
    expect(findSecrets('/login?p=CANARY%20p%40ss%22w0rd', secrets)).toEqual(['password (URL-encoded)']);
    expect(findSecrets('said CANARY p@ss"w0rd', secrets)).toContain('password (plain)');
  });

  it('reports nothing for text without the secret', () => {
    const unrelated = [
      'Authorization: Basic ' + Buffer.from('id:another-secret-value').toString('base64'),
      'CANARY-client-secret-7f3a9',
      Buffer.from('CANARY-client-secret-7f3a').toString('base64'),
      '{"error":"invalid_client","error_description":"invalid client credentials"}',
    ].join('\n');
    expect(findSecrets(unrelated, SECRETS)).toEqual([]);
  });
});
