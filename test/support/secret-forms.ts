/**
 * The forms a secret can take once it has leaked into text: as it is, URL-encoded (once, twice, and
 * as a form body writes it), JSON-escaped, and base64 / base64url. Base64 is searched by "cores":
 * a secret inside a larger encoded string (HTTP Basic `client_id:secret`, a cookie, a token) is
 * encoded differently at each of the 3 byte offsets it can start at, so each offset gives the
 * characters that depend on the secret's bytes alone. `findSecrets` names every secret found in a
 * text, with the form it was found in.
 */

export interface SecretForm {
  readonly label: string;
  readonly form: string;
}

/** Shorter base64 cores would match by chance. */
const MIN_CORE_LENGTH = 8;

/**
 * The base64 characters of `secret` that are the same wherever it sits in a longer encoded string
 * whose `offset`-th byte (mod 3) it starts at: the characters mixing in the bytes before it, the
 * padding and the last character (which mixes in the bytes after it) are dropped.
 */
function base64Core(secret: string, offset: number, encoding: 'base64' | 'base64url'): string {
  const bytes = Buffer.concat([Buffer.alloc(offset, 'x'), Buffer.from(secret, 'utf8')]);
  const encoded = bytes.toString(encoding).replace(/=+$/, '');
  // Character i holds bits 6i..6i+5: the first to hold only the secret's bits starts at bit 8*offset,
  // the last complete one ends at the last bit of the secret.
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * bytes.length) / 6);
  return encoded.slice(first, end);
}

/** Every searchable form of the secret, each once, with what it is. */
export function labelledSecretForms(secret: string): SecretForm[] {
  const candidates: SecretForm[] = [
    { label: 'plain', form: secret },
    { label: 'URL-encoded', form: encodeURIComponent(secret) },
    { label: 'form-encoded', form: new URLSearchParams({ s: secret }).toString().slice(2) },
    { label: 'URL-encoded twice', form: encodeURIComponent(encodeURIComponent(secret)) },
    { label: 'JSON-escaped', form: JSON.stringify(secret).slice(1, -1) },
  ];
  for (const encoding of ['base64', 'base64url'] as const) {
    for (const offset of [0, 1, 2]) {
      const core = base64Core(secret, offset, encoding);
      if (core.length >= MIN_CORE_LENGTH) candidates.push({ label: encoding, form: core });
    }
  }
  const seen = new Set<string>();
  return candidates.filter(({ form }) => {
    if (form === '' || seen.has(form)) return false;
    seen.add(form);
    return true;
  });
}

/** The forms of a secret to search text for: plain, URL-encoded, JSON-escaped, base64 and base64url cores. */
export function secretForms(secret: string): string[] {
  return labelledSecretForms(secret).map(({ form }) => form);
}

const formsCache = new Map<string, SecretForm[]>();

function cachedForms(secret: string): SecretForm[] {
  let forms = formsCache.get(secret);
  if (!forms) {
    forms = labelledSecretForms(secret);
    formsCache.set(secret, forms);
  }
  return forms;
}

/** The secrets (by name) found in the text, as `name (form)`, e.g. `clientSecret (base64)`. */
export function findSecrets(text: string, secrets: Readonly<Record<string, string>>): string[] {
  const hits: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) {
    const labels = new Set<string>();
    for (const { label, form } of cachedForms(secret)) if (text.includes(form)) labels.add(label);
    for (const label of labels) hits.push(`${name} (${label})`);
  }
  return hits;
}
