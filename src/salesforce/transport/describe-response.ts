/**
 * Reads what diagnostics need from a Salesforce response: its error codes (REST error arrays,
 * sObject Collections results, OAuth errors) and the API usage it reports.
 */
import type { ErrorClass } from '../../errors/app-error.js';
import { classify } from '../errors/classify.js';

/** `api-usage=18/5000` (optionally with more `; ...` parts). */
export function parseApiUsage(header: string | undefined): { used: number; max: number } | undefined {
  const match = /api-usage=(\d+)\/(\d+)/.exec(header ?? '');
  return match ? { used: Number(match[1]), max: Number(match[2]) } : undefined;
}

function codesIn(body: unknown): string[] {
  if (Array.isArray(body)) {
    return body.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return [];
      const entry = item as { errorCode?: unknown; errors?: unknown };
      if (typeof entry.errorCode === 'string') return [entry.errorCode];
      if (Array.isArray(entry.errors)) {
        return entry.errors.flatMap((error: unknown) => {
          const code = (error as { statusCode?: unknown } | null)?.statusCode;
          return typeof code === 'string' ? [code] : [];
        });
      }
      return [];
    });
  }
  if (typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string') {
    return [(body as { error: string }).error];
  }
  return [];
}

/** The distinct error codes in a response body, and the class of the first (undefined when none). */
export function errorsOf(
  status: number,
  body: string,
  contentType = '',
): { codes: string[]; errorClass?: ErrorClass } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // A success that says it is JSON and is not (truncated, empty): Pulse could not read it and
    // retried, so the call failed (CSV results, 204s and other bodies are not JSON by design).
    if (status < 400 && status !== 204 && /json/i.test(contentType))
      return { codes: ['MALFORMED_RESPONSE'], errorClass: 'transient' };
    if (status < 400) return { codes: [] };
    return {
      codes: [],
      errorClass: classify({ message: '', httpStatus: status, malformed: true }).errorClass,
    };
  }
  const codes = [...new Set(codesIn(parsed))];
  const [first] = codes;
  if (first === undefined) {
    return status >= 400
      ? { codes, errorClass: classify({ message: '', httpStatus: status }).errorClass }
      : { codes };
  }
  return { codes, errorClass: classify({ errorCode: first, message: '', httpStatus: status }).errorClass };
}
