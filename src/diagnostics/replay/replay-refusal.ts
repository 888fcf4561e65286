/**
 * Why a recorded call is not re-sent. A refusal is data (a code a program switches on, a reason a
 * TAM can read), returned rather than thrown so a dry run can show it; `ReplayRefusedError` is for
 * callers that must stop instead (the HTTP route, the CLI).
 */
import { AppError } from '../../errors/app-error.js';

export const REFUSAL_CODES = [
  /** Signed with another key, or altered after it was stored. */
  'bad_signature',
  /** The path is a full URL (`https://...`) or protocol-relative (`//host/...`). */
  'absolute_url',
  /** `..` or `.` segments, `//` inside the path, backslashes. */
  'path_traversal',
  /** Percent-encoded characters in the path (`%2e`, `%2F`, `%252e`...). */
  'encoded_path',
  /** Empty, not from the root, control characters or characters Pulse's paths never hold. */
  'malformed_path',
  /** An OAuth call: it carries credentials and is never re-sent. */
  'token_call',
  /** The recorded origin is not the org's instance URL. */
  'foreign_host',
  /** Not under `/services/` (frontdoor, identity URL, Visualforce...). */
  'outside_services',
  /** Under `/services/`, but not a (method, path) Pulse sends. */
  'not_replayable_shape',
  /** A query string the shape does not take, or not in the form Pulse writes it. */
  'bad_query',
  /** A request body that is not what Pulse sends for that shape. */
  'bad_body',
  /** Part of the request was redacted when stored: it cannot be re-sent as it was. */
  'redacted_request',
  /** The recorder cut the body at its size bound: it cannot be re-sent as it was. */
  'truncated_body',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface ReplayRefusal {
  readonly replayable: false;
  readonly code: RefusalCode;
  /** For a TAM, following "Replay refused: ": what is wrong with the record, and why it is not sent. */
  readonly reason: string;
}

/**
 * A piece of the record quoted in a reason: quoted, cut to 80 characters, and with anything but
 * printable ASCII escaped, so a hostile record cannot forge log lines or hide behind look-alikes.
 */
export function shown(text: string): string {
  const escaped = text
    .slice(0, 80)
    .replace(/["\\]/g, (char) => `\\${char}`)
    .replace(/[^\x20-\x7e]/gu, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16)}}`);
  return `"${escaped}"${text.length > 80 ? '…' : ''}`;
}

export const refuse = (code: RefusalCode, reason: string): ReplayRefusal => ({
  replayable: false,
  code,
  reason,
});

export class ReplayRefusedError extends AppError {
  override readonly code: RefusalCode;

  constructor(refusal: ReplayRefusal) {
    // `data`: the record itself is the problem (tampered, redacted, not Pulse's), not the service.
    super(refusal.code, `Replay refused: ${refusal.reason}`, { errorClass: 'data' });
    this.code = refusal.code;
  }
}
