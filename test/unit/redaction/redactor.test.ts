import { describe, expect, it } from 'vitest';

import { createRedactor, REDACTED } from '../../../src/redaction/redactor.js';

const SESSION_ID =
  '00Dx0000000BV7z!AR8AQAxo9UfVkh8AlV0Gomt9Czx9LjHnSSpwBMmbRcgKFmxOtvxjTrKW19ye6PE3Ds1eQz3z8jr3W7_VbWmEu4Q8TVGSTHxs';
const JWT =
  'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSIsInN1YiI6InVAZXhhbXBsZS5jb20iLCJhdWQiOiJodHRwczovL2xvZ2luLnNhbGVzZm9yY2UuY29tIn0.c2lnbmF0dXJlLXBhcnQ';

describe('redactor.text', () => {
  const redactor = createRedactor();
  const hides = (input: string, ...secrets: string[]) => {
    const output = redactor.text(input);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).toContain(REDACTED);
    return output;
  };

  it('hides a bearer token in an Authorization header', () => {
    expect(hides(`Authorization: Bearer ${SESSION_ID}`, 'AR8AQAxo9Uf')).toMatch(/^Authorization: /);
  });

  it('hides an OAuth-scheme header and a Basic credential', () => {
    hides('Authorization: OAuth abcdefghijklmnop123', 'abcdefghijklmnop123');
    hides('Authorization: Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy');
  });

  it('hides a Salesforce session id wherever it appears, plain or URL-encoded', () => {
    hides(`session ${SESSION_ID} expired`, 'AR8AQAxo9Uf');
    hides(`/secur/frontdoor.jsp?sid=${encodeURIComponent(SESSION_ID)}`, 'AR8AQAxo9Uf');
    hides(`token=${encodeURIComponent(encodeURIComponent(SESSION_ID))}`, 'AR8AQAxo9Uf');
  });

  it('hides a JWT assertion', () => {
    const out = hides(
      `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=${JWT}`,
      'eyJpc3Mi',
    );
    // Redacted once, not wrapped again by the name=value rule.
    expect(out).toMatch(/&assertion=\[REDACTED\]$/);
  });

  it('hides secret parameters in a form body and a query string', () => {
    const out = hides(
      'grant_type=password&client_id=3MVG9abc&client_secret=shh-123&username=u%40x.com&password=hunter2tok',
      'shh-123',
      'hunter2tok',
    );
    expect(out).toContain('client_id=3MVG9abc');
    expect(out).toContain('username=u%40x.com');
    hides('https://x.my.salesforce.com/cb?access_token=abc123def&state=1', 'abc123def');
  });

  it('hides secret parameters in a URL-encoded URL (the whole query encoded once and twice)', () => {
    const once = encodeURIComponent('https://h/cb?refresh_token=5Aep861rt&x=1');
    expect(hides(once, '5Aep861rt')).toContain('x%3D1');
    hides(encodeURIComponent(once), '5Aep861rt');
  });

  it('hides secret fields in JSON, keeping the rest', () => {
    const body = JSON.stringify({
      access_token: SESSION_ID,
      refresh_token:
        '5Aep861TSESvWeug_xvFHRBTTbf_YrTWgEyjBJo7Xr34yOQ7GCFUN5DnNPxzDIoGoWi4evqOl_lT1B9nE5dAtSb',
      instance_url: 'https://na1.salesforce.com',
      token_type: 'Bearer',
    });
    const out = hides(body, 'AR8AQAxo9Uf', '5Aep861TSES');
    expect(JSON.parse(out)).toMatchObject({
      instance_url: 'https://na1.salesforce.com',
      access_token: REDACTED,
    });
  });

  it('hides a password containing an escaped quote without leaking its tail', () => {
    const out = hides(JSON.stringify({ password: 'pa"ss-tail-secret' }), 'tail-secret');
    expect(JSON.parse(out)).toEqual({ password: REDACTED });
  });

  it('hides secret fields in JSON-escaped JSON (a body logged inside a JSON string), once and twice', () => {
    const inner = JSON.stringify({ client_secret: 'shh-very-secret', username: 'u@x.com' });
    const once = JSON.stringify({ body: inner });
    const out = hides(once, 'shh-very-secret');
    expect(JSON.parse((JSON.parse(out) as { body: string }).body)).toEqual({
      client_secret: REDACTED,
      username: 'u@x.com',
    });
    hides(JSON.stringify({ wrapped: once }), 'shh-very-secret');
  });

  it('hides cookies and session headers', () => {
    hides('Cookie: sid=00Dabc; BrowserId=xyz', '00Dabc');
    hides('X-SFDC-Session: 9f8e7d6c5b4a', '9f8e7d6c5b4a');
  });

  it('hides the password in a connection URL', () => {
    const out = hides('connecting to redis://:s3cr3tpw@redis.internal:6379/0', 's3cr3tpw');
    expect(out).toBe(`connecting to redis://:${REDACTED}@redis.internal:6379/0`);
  });

  it('hides a PEM private key block', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----';
    hides(`key file: ${pem}`, 'MIIEvQIBADAN');
    hides(JSON.stringify({ note: pem }), 'MIIEvQIBADAN');
  });

  it('hides prose like "password: x" and leaves ordinary text alone', () => {
    hides('login failed for u@x.com with password: Winter2026!', 'Winter2026!');
    const plain =
      'Synced 120 accounts in 3.2s (errorCode=UNABLE_TO_LOCK_ROW, id=001xx0000001, tokens left 12)';
    expect(redactor.text(plain)).toBe(plain);
  });

  it('hides values it was told are secret, in every encoding', () => {
    const withKnown = createRedactor({ knownSecrets: ['p@ss word/1', 'abc'] });
    for (const form of [
      'p@ss word/1',
      encodeURIComponent('p@ss word/1'),
      JSON.stringify('p@ss word/1'),
      Buffer.from('p@ss word/1').toString('base64'),
    ]) {
      expect(withKnown.text(`found ${form} in an error`)).not.toContain('ss word');
    }
    // Too short to hide safely: "abc" would wipe out ordinary words.
    expect(withKnown.text('abc def')).toBe('abc def');
  });
});

describe('redactor.value', () => {
  it('hides secret-named fields at any depth and in any case, without changing the input', () => {
    const redactor = createRedactor({ extraKeys: ['x-api-signature'] });
    const input = {
      headers: { Authorization: 'Bearer abc', 'Content-Type': 'application/json', 'X-Api-Signature': 'sig' },
      org: { clientSecret: 's', refreshToken: 'r', SF_PASSWORD: 'p', username: 'u' },
      list: [{ access_token: 'a' }],
      count: 3,
    };
    const snapshot = structuredClone(input);
    expect(redactor.value(input)).toEqual({
      headers: { Authorization: REDACTED, 'Content-Type': 'application/json', 'X-Api-Signature': REDACTED },
      org: { clientSecret: REDACTED, refreshToken: REDACTED, SF_PASSWORD: REDACTED, username: 'u' },
      list: [{ access_token: REDACTED }],
      count: 3,
    });
    expect(input).toEqual(snapshot);
  });

  it('scrubs strings inside values', () => {
    expect(createRedactor().value({ url: 'https://h/x?access_token=abcdef' })).toEqual({
      url: `https://h/x?access_token=${REDACTED}`,
    });
  });

  it('turns errors into plain objects with message, stack, own fields and cause, all scrubbed', () => {
    const cause = new Error(`refresh failed for ${SESSION_ID}`);
    const error = Object.assign(new Error('INVALID_SESSION_ID: Session expired or invalid', { cause }), {
      errorCode: 'INVALID_SESSION_ID',
      password: 'leak',
    });
    const out = createRedactor().value(error) as Record<string, unknown>;
    expect(out).toMatchObject({ name: 'Error', errorCode: 'INVALID_SESSION_ID', password: REDACTED });
    expect(out['stack']).toContain('INVALID_SESSION_ID');
    expect(JSON.stringify(out)).not.toContain('AR8AQAxo9Uf');
  });

  it('survives cycles and deep nesting', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node['self'] = node;
    expect(createRedactor().value(node)).toEqual({ name: 'a', self: '[Circular]' });
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 20; i += 1) deep = { deep };
    expect(JSON.stringify(createRedactor().value(deep))).toContain('[Truncated]');
  });
});
