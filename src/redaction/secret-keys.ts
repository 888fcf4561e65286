/**
 * Which field, header, parameter and cookie names hold secrets. One definition shared by log
 * redaction, the configuration loader (never echo a secret) and, later, the diagnostics call store.
 */

/** Names compared after lower-casing and dropping `-`, `_` and spaces: `Client-Secret` is `clientsecret`. */
const SECRET_NAMES = new Set([
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'xsfdcsession',
  'sid',
  'assertion',
  'clientassertion',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
]);

/** Name endings that mark a secret whatever comes before: `SF_REFRESH_TOKEN`, `hmacKey`, `sessionId`. */
const SECRET_SUFFIXES = [
  'token',
  'secret',
  'password',
  'sessionid',
  'privatekey',
  'apikey',
  'hmackey',
  'signingkey',
  'secretkey',
  'encryptionkey',
  'webhookurl',
];

export function normaliseKeyName(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

/** True when a value stored under `name` must never be shown. `extra` holds normalised names from configuration. */
export function isSecretKeyName(name: string, extra: ReadonlySet<string> = new Set()): boolean {
  const key = normaliseKeyName(name);
  if (SECRET_NAMES.has(key) || extra.has(key)) return true;
  return SECRET_SUFFIXES.some((suffix) => key.endsWith(suffix));
}
