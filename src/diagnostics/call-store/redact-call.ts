/**
 * The store's own redaction pass over a call the transport already redacted: the configured extra
 * key names and patterns (`diagnostics.redactKeys`, `diagnostics.redactPatterns`), and every secret
 * of the configuration in plain, URL-encoded, base64 and JSON-escaped form (the redactor's).
 */
import { REDACTED, type Redactor } from '../../redaction/redactor.js';
import type { CallRecord } from '../../salesforce/transport/call-record.js';

export function redactCall(call: CallRecord, redactor: Redactor, patterns: readonly RegExp[]): CallRecord {
  const scrubbed = redactor.value(call) as CallRecord;
  if (patterns.length === 0) return scrubbed;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string')
      return patterns.reduce((text, pattern) => text.replace(pattern, REDACTED), value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrub(item)]));
    return value;
  };
  return scrub(scrubbed) as CallRecord;
}
