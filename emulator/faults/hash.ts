/**
 * Deterministic draws for fault and latency decisions: a SHA-256 of the parts, read as a number
 * in [0, 1) or as hex. The same parts always give the same draw, whatever the arrival order.
 */
import { createHash } from 'node:crypto';

export function hashHex(...parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A uniform number in [0, 1) from 53 bits of the hash of `parts`. */
export function unitDraw(...parts: readonly (string | number)[]): number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  const high = digest.readUInt32BE(0) >>> 5;
  const low = digest.readUInt32BE(4) >>> 6;
  return (high * 67_108_864 + low) / 9_007_199_254_740_992;
}

/** A short hash of a request body (empty bodies hash to `-`). */
export function bodyDigest(body: Buffer): string {
  return body.length === 0 ? '-' : createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base-62 characters drawn from the hash of `parts` (deterministic ids and locators). */
export function base62Of(length: number, ...parts: readonly (string | number)[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let text = '';
  for (let i = 0; i < length; i += 1) text += BASE62.charAt((digest[i % digest.length] ?? 0) % 62);
  return text;
}
