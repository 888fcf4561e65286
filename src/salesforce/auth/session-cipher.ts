/**
 * Seals the tokens an org's workers share in Redis (the access token, a rotated refresh token), so
 * a Redis dump, a backup or someone with only Redis access holds no usable Salesforce credential.
 * AES-256-GCM with a key derived (HKDF-SHA256) from the org's own configured secrets: every process
 * of one deployment derives the same key, nobody without the configuration can. Each value is
 * bound to its org and purpose (and the access token to its instance and identity URLs, stored in
 * plain beside it: whoever can write Redis cannot send the token to a host of theirs), so a sealed
 * token cannot be moved to another field, org or host. A value
 * that does not open (another key, tampered, from before sealing) reads as absent: Pulse logs in
 * anew, as it would with no session.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SealedPurpose = 'accessToken' | 'refreshToken';

export interface SessionCipher {
  /** @param boundTo values stored beside it in plain that it must travel with (the instance URL) */
  seal(purpose: SealedPurpose, plain: string, boundTo?: readonly string[]): string;
  /** The plain value, or undefined when it does not open (or what it is bound to changed). */
  open(purpose: SealedPurpose, sealed: string, boundTo?: readonly string[]): string | undefined;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * @param secretMaterial the org's configured secrets (client secret, password, refresh token,
 *   private key): at least one, in a fixed order
 */
export function createSessionCipher(orgName: string, secretMaterial: readonly string[]): SessionCipher {
  const material = secretMaterial.filter((secret) => secret.length > 0);
  if (material.length === 0) throw new Error(`org ${orgName} has no secret to derive its session key from`);
  const key = Buffer.from(
    hkdfSync('sha256', material.join('\u0000'), 'pulse session store', `org:${orgName}`, 32),
  );
  const aad = (purpose: SealedPurpose, boundTo: readonly string[]): Buffer =>
    Buffer.from([orgName, purpose, ...boundTo].join('\u0000'));
  return {
    seal(purpose, plain, boundTo = []) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(purpose, boundTo));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
    },
    open(purpose, sealed, boundTo = []) {
      const [version, packed, extra] = sealed.split('.');
      if (version !== VERSION || packed === undefined || extra !== undefined) return undefined;
      const bytes = Buffer.from(packed, 'base64url');
      if (bytes.length < IV_BYTES + TAG_BYTES) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(aad(purpose, boundTo));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
