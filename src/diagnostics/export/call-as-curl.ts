/**
 * A stored call as a POSIX shell command that sends its request again, to paste into a terminal or
 * a support ticket. Every recorded part is single-quoted, so nothing in a URL, header or body can
 * reach the shell: `'` is written `'\''`, and `$`, backticks, `\`, `!` and newlines stay literal.
 *
 * Secrets never come out of the record: the Authorization header is always
 * `"Authorization: Bearer $SF_ACCESS_TOKEN"` (double-quoted so the shell fills it from the
 * environment), and a token request's secret form fields (`client_secret`, `refresh_token`,
 * `password`, `assertion`, or anything redacted) become `$SF_<FIELD>` variables, sent with
 * `--data-urlencode` so a value with `&` or `+` in it arrives intact. Anything else the recorder
 * redacted is sent as `[REDACTED]` and a leading `# ` comment says so, as it does for a body the
 * recorder cut: re-sending either would not be the same request.
 *
 * curl details that matter: `--globoff` (a URL with `[REDACTED]` or `{` would otherwise be read as
 * a glob), `--data-raw` (a body starting with `@` is not a file name), `Name;` for an empty header
 * (`Name:` would remove it), and no `Host`, `Content-Length` or `Transfer-Encoding` (curl sets them
 * from what it sends).
 */
import { REDACTED } from '../../redaction/redactor.js';
import { isSecretKeyName } from '../../redaction/secret-keys.js';
import type { StoredCall } from '../call-store/stored-call.js';
import { isHeader, recordedBody } from './recorded-parts.js';

/** The environment variable the exported command reads the access token from. */
export const ACCESS_TOKEN_VARIABLE = 'SF_ACCESS_TOKEN';

/** Headers curl must compute itself from what it sends. */
const DROPPED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding']);
/** A method the shell reads as it is (any other is quoted like the rest). */
const PLAIN_METHOD = /^[A-Za-z]+$/;

/** The text as one single-quoted shell word, whatever it holds. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The variable a secret form field is read from: `client_secret` -> `SF_CLIENT_SECRET`. */
export function placeholderVariable(field: string): string {
  const name = field
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `SF_${name === '' ? 'SECRET' : name}`;
}

function decodeFormPart(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** A token request's form body: recorded pairs as they were, secret ones from the environment. */
function tokenFormArguments(body: string, variables: string[]): string[] {
  const args: string[] = [];
  let plain: string[] = [];
  const flush = (): void => {
    if (plain.length > 0) args.push(`--data-raw ${shellQuote(plain.join('&'))}`);
    plain = [];
  };
  for (const pair of body.split('&')) {
    const equals = pair.indexOf('=');
    const rawName = equals < 0 ? pair : pair.slice(0, equals);
    const rawValue = equals < 0 ? '' : pair.slice(equals + 1);
    const name = decodeFormPart(rawName);
    if (!isSecretKeyName(name) && !rawValue.includes(REDACTED)) {
      plain.push(pair);
      continue;
    }
    flush();
    const variable = placeholderVariable(name);
    if (!variables.includes(variable)) variables.push(variable);
    // curl reads `name@file` as a file, and sends the name part as given: keep it encoded.
    const encodedName = rawName.replaceAll('@', '%40');
    args.push(`--data-urlencode ${shellQuote(`${encodedName}=`)}"$${variable}"`);
  }
  flush();
  return args;
}

/** A shell argument cannot hold a NUL character; the few a body might have are left out. */
function withoutNul(text: string, dropped: { nul: boolean }): string {
  if (!text.includes('\0')) return text;
  dropped.nul = true;
  return text.replaceAll('\0', '');
}

export function callAsCurl(call: StoredCall): string {
  const notes: string[] = [];
  const redactedIn: string[] = [];
  const dropped = { nul: false };

  const url = withoutNul(`${call.origin}${call.path}${call.query}`, dropped);
  if (url.includes(REDACTED)) redactedIn.push('the URL');
  // `-X HEAD` would wait for a body that never comes.
  const method =
    call.method.toUpperCase() === 'HEAD'
      ? '--head'
      : `-X ${PLAIN_METHOD.test(call.method) ? call.method : shellQuote(withoutNul(call.method, dropped))}`;
  const lines = [`curl ${method} --globoff ${shellQuote(url)}`];

  let authorized = false;
  let redactedHeader = false;
  for (const [name, value] of Object.entries(call.requestHeaders)) {
    const lower = name.toLowerCase();
    if (DROPPED_HEADERS.has(lower)) continue;
    if (isHeader(lower, 'authorization')) {
      if (!authorized) lines.push(`-H "Authorization: Bearer $${ACCESS_TOKEN_VARIABLE}"`);
      authorized = true;
      continue;
    }
    if (value.includes(REDACTED)) redactedHeader = true;
    const header = value === '' ? `${name};` : `${name}: ${value}`;
    lines.push(`-H ${shellQuote(withoutNul(header, dropped))}`);
  }
  // Every API call needs the token, even one recorded without its header.
  if (!authorized && call.kind === 'api') lines.push(`-H "Authorization: Bearer $${ACCESS_TOKEN_VARIABLE}"`);
  if (redactedHeader) redactedIn.push('a header');

  if (call.requestBody !== undefined) {
    const body = recordedBody(call.requestBody);
    const sent = withoutNul(body.kept, dropped);
    if (body.cutCharacters !== undefined)
      notes.push(
        `The recorded body was cut: ${body.cutCharacters} more characters were not kept, so this sends only its start and is not the same request.`,
      );
    if (call.kind === 'token') {
      const variables: string[] = [];
      lines.push(...tokenFormArguments(sent, variables));
      if (variables.length > 0)
        notes.push(`Set ${variables.join(', ')}: the recorded values are redacted and never exported.`);
    } else {
      if (sent.includes(REDACTED)) redactedIn.push('the body');
      lines.push(`--data-raw ${shellQuote(sent)}`);
    }
  }

  if (redactedIn.length > 0)
    notes.push(
      `Values redacted when recorded are sent as ${REDACTED} (in ${redactedIn.join(', ')}): fill them in first.`,
    );
  if (dropped.nul) notes.push('NUL characters, which a shell argument cannot hold, are left out.');

  return [...notes.map((note) => `# ${note}`), lines.join(' \\\n  ')].join('\n');
}
