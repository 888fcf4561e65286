/**
 * The secret values in a loaded configuration (passwords, client secrets, refresh tokens...), so the
 * log redactor can hide them wherever they turn up, even inside text no pattern recognises.
 */
import { isSecretKeyName } from '../redaction/secret-keys.js';
import type { Config } from './schema.js';

export function secretValuesOf(config: Config): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (isSecretKeyName(key)) found.push(value);
    } else if (typeof value === 'object' && value !== null) {
      for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
    }
  };
  visit(config, '');
  return found;
}
