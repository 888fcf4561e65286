/**
 * Hides secrets in text and in structured values before they reach a log line (and, later, the
 * diagnostics store). It must never throw and never change its input: it returns redacted copies.
 *
 * Secrets are found three ways: by the name they are stored under (`password`, `access_token`,
 * `Authorization`...), by their shape (Salesforce session ids, JWTs, PEM keys, `Bearer` tokens), and
 * by value (the secrets in the loaded configuration) — each in plain, URL-encoded and JSON-escaped form.
 */
import { isSecretKeyName, normaliseKeyName } from './secret-keys.js';

export const REDACTED = '[REDACTED]';

export interface RedactorOptions {
  /** More field names to treat as secret (any case; `-`, `_` ignored). */
  readonly extraKeys?: readonly string[];
  /** Values known to be secret (e.g. from configuration), hidden wherever they appear. Shorter than 4 characters is ignored. */
  readonly knownSecrets?: readonly string[];
}

export interface Redactor {
  /** The text with every secret replaced by `[REDACTED]`. */
  readonly text: (input: string) => string;
  /** A redacted deep copy: secret-named fields hidden, strings scrubbed, errors turned into plain objects. */
  readonly value: (input: unknown) => unknown;
  readonly isSecretKey: (name: string) => boolean;
}

const MAX_DEPTH = 8;
const MIN_KNOWN_SECRET_LENGTH = 4;

/** A name as it appears before `=`, `:` or `%3D`. */
const NAME = '[A-Za-z_][\\w.-]*';

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g;
const JWT = /\beyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]*/g;
/** Salesforce access tokens are session ids: 15- or 18-character org id, `!`, then the secret part. */
const SALESFORCE_SESSION_ID = /\b00D[A-Za-z0-9]{12,15}(!|%21|%2521)[\w.]{8,}/g;
/** The password in `redis://user:password@host` or `https://user:password@host`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi;
const AUTH_SCHEME = /\b(Bearer|OAuth|Basic)(\s+|%20|\+)[\w.~+/=!%-]{6,}/g;
/** `"name": "value"` with the value's own escapes honoured. */
const JSON_PAIR = /"([\w.-]+)"(\s*:\s*)"((?:\\.|[^"\\])*)"/g;
/** The same inside a JSON string (`\"name\":\"value\"`), escaped once or more. */
const ESCAPED_JSON_PAIR = /(\\+)"([\w.-]+)\1"(\s*:\s*)\1"(.*?)(?<!\\)\1"/g;
/** `name%3Dvalue` in a URL-encoded URL or body (and `%253D` when encoded twice). */
const ENCODED_PAIR = new RegExp(
  `(^|%3F|%26|%253F|%2526|%20|[^\\w%])(${NAME})(%3D|%253D)((?:(?!%26|%2526|%20)[^&\\s"'])*)`,
  'gi',
);
/** `name=value`, `name: value` in query strings, form bodies, cookies, headers and prose. */
const PLAIN_PAIR = new RegExp(
  // A value redacted already (a JWT, a session id) is left as it is.
  `(^|[^\\w%])(${NAME})(\\s*[:=]\\s*)(?!"|//|\\[REDACTED\\])([^\\s&;,"'<>}\\]]+)`,
  'g',
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every form a known secret may take in a log line or a recorded call. */
function encodingsOf(secret: string): string[] {
  return [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(encodeURIComponent(secret)),
    JSON.stringify(secret).slice(1, -1),
    Buffer.from(secret).toString('base64'),
  ];
}

function buildKnownSecretPattern(secrets: readonly string[]): RegExp | undefined {
  const forms = new Set(
    secrets.filter((s) => s.length >= MIN_KNOWN_SECRET_LENGTH).flatMap((s) => encodingsOf(s)),
  );
  if (forms.size === 0) return undefined;
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(alternatives.join('|'), 'g');
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  const extraKeys = new Set((options.extraKeys ?? []).map(normaliseKeyName));
  const knownSecrets = buildKnownSecretPattern(options.knownSecrets ?? []);
  const isSecretKey = (name: string): boolean => isSecretKeyName(name, extraKeys);

  function text(input: string): string {
    let out = input.replace(PEM_PRIVATE_KEY, REDACTED);
    if (knownSecrets) out = out.replace(knownSecrets, REDACTED);
    out = out
      .replace(JWT, REDACTED)
      .replace(SALESFORCE_SESSION_ID, REDACTED)
      .replace(URL_PASSWORD, `$1${REDACTED}@`)
      .replace(AUTH_SCHEME, (_m, scheme: string, gap: string) => `${scheme}${gap}${REDACTED}`)
      .replace(JSON_PAIR, (match, name: string, colon: string) =>
        isSecretKey(name) ? `"${name}"${colon}"${REDACTED}"` : match,
      )
      // A non-secret pair's value is scrubbed on its own: it may hold a more deeply escaped secret pair.
      .replace(
        ESCAPED_JSON_PAIR,
        (_m, esc: string, name: string, colon: string, value: string) =>
          `${esc}"${name}${esc}"${colon}${esc}"${isSecretKey(name) ? REDACTED : text(value)}${esc}"`,
      )
      .replace(ENCODED_PAIR, (match, lead: string, name: string, eq: string) =>
        isSecretKey(name) ? `${lead}${name}${eq}${REDACTED}` : match,
      )
      .replace(
        PLAIN_PAIR,
        (_m, lead: string, name: string, sep: string, value: string) =>
          `${lead}${name}${sep}${isSecretKey(name) ? REDACTED : text(value)}`,
      );
    return out;
  }

  function walk(input: unknown, seen: WeakSet<object>, depth: number): unknown {
    if (typeof input === 'string') return text(input);
    if (input === null || typeof input !== 'object') return input;
    if (input instanceof Date) return input;
    if (Buffer.isBuffer(input)) return `[${input.length} bytes]`;
    if (seen.has(input)) return '[Circular]';
    if (depth >= MAX_DEPTH) return '[Truncated]';
    seen.add(input);
    try {
      if (Array.isArray(input)) return input.map((item) => walk(item, seen, depth + 1));
      const out: Record<string, unknown> = {};
      if (input instanceof Error) {
        // Errors' own fields are not enumerable; a log line needs them as data.
        out['name'] = input.name;
        out['message'] = text(input.message);
        if (input.stack !== undefined) out['stack'] = text(input.stack);
        if (input.cause !== undefined) out['cause'] = walk(input.cause, seen, depth + 1);
      }
      for (const [key, item] of Object.entries(input)) {
        out[key] =
          isSecretKey(key) && item !== undefined && item !== null ? REDACTED : walk(item, seen, depth + 1);
      }
      return out;
    } finally {
      seen.delete(input);
    }
  }

  return {
    text,
    value: (input) => walk(input, new WeakSet(), 0),
    isSecretKey,
  };
}
