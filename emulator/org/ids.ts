/**
 * Salesforce record ids: a 3-character key prefix, 12 more base-62 characters (15, case-sensitive),
 * and a 3-character suffix that makes the id case-insensitive (18). Ids are minted from a counter so
 * a seeded org gets the same ids every time.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 3-character checksum suffix of a 15-character id, as Salesforce computes it. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(chunk * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}

export function to18(id: string): string {
  return id.length === 18 ? id : `${id}${idSuffix(id)}`;
}

/** True for a well-formed 15- or 18-character id (an 18-character one must carry its right suffix). */
export function isWellFormedId(id: string): boolean {
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(id)) return false;
  return id.length === 15 || idSuffix(id.slice(0, 15)).toUpperCase() === id.slice(15).toUpperCase();
}

/** The canonical 18-character form of an id given in either form and any case of its suffix. */
export function canonicalId(id: string): string {
  return to18(id.slice(0, 15));
}

export interface IdFactory {
  /** A new 18-character id with the object's key prefix. */
  next(keyPrefix: string): string;
  /** Starts every counter again (an org reset mints the same ids as a fresh org). */
  reset(): void;
}

/**
 * @param podChars two characters after the key prefix (Salesforce uses the instance/pod), so ids of
 *   different emulated orgs do not collide
 */
export function createIdFactory(podChars = '5e'): IdFactory {
  const counters = new Map<string, number>();
  return {
    next(keyPrefix) {
      const count = (counters.get(keyPrefix) ?? 0) + 1;
      counters.set(keyPrefix, count);
      let body = '';
      let rest = count;
      for (let i = 0; i < 10; i += 1) {
        body = BASE62.charAt(rest % 62) + body;
        rest = Math.floor(rest / 62);
      }
      return to18(`${keyPrefix}${podChars}${body}`);
    },
    reset() {
      counters.clear();
    },
  };
}
