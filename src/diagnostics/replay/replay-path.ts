/**
 * Whether a recorded path may be put after the org's instance URL as it is: plain, relative and
 * already canonical. It refuses rather than cleans up: jsforce builds Pulse's paths from versions,
 * ids, object and field names that never need escaping or dot segments, so a path that would need
 * cleaning was not sent by Pulse — it was altered, and a cleaned-up guess is not a replay.
 */
import { refuse, shown, type ReplayRefusal } from './replay-refusal.js';

/** `scheme:` — `https://evil.example.com/...`, but also `javascript:` or `data:`. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** Anything but unreserved characters and `/`, which are all a path built from ids and API names holds. */
const NOT_PLAIN = /[^A-Za-z0-9._~/-]/u;
/** Any origin will do: only whether the URL parser would rewrite the path is looked at. */
const PROBE_ORIGIN = 'https://replay.invalid';

function describeChar(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Percent-escapes: decoded once, to say what they hide; any at all is refused. */
function encodingProblem(path: string): ReplayRefusal {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return refuse('encoded_path', `the path holds a broken percent-escape (${shown(path)}).`);
  }
  if (decoded.includes('%')) {
    return refuse(
      'encoded_path',
      `the path is percent-encoded twice (${shown(path)} decodes to ${shown(decoded)}): a server or proxy that ` +
        'decodes again would see another path than the one checked.',
    );
  }
  if (/%(2e|2f|5c)/i.test(path)) {
    return refuse(
      'encoded_path',
      `the path hides a separator or a dot behind a percent-escape (${shown(path)} decodes to ${shown(decoded)}).`,
    );
  }
  return refuse(
    'encoded_path',
    `the path holds percent-escapes (${shown(path)}); the paths Pulse sends never do, so it was altered.`,
  );
}

/** The refusal for a path that is not safe to send as it is; undefined when it is. */
export function pathProblem(path: string): ReplayRefusal | undefined {
  if (path === '') return refuse('malformed_path', 'the recorded path is empty.');
  if (SCHEME.test(path)) {
    return refuse(
      'absolute_url',
      `the recorded path is a full URL (${shown(path)}): replay only ever sends to the org's ` +
        'own instance URL, and a stored record never chooses the host.',
    );
  }
  if (/^[/\\]{2}/.test(path)) {
    return refuse(
      'absolute_url',
      `the recorded path starts with ${shown(path.slice(0, 2))}, which URL parsers read as another host ` +
        `(${shown(path)}).`,
    );
  }
  if (!path.startsWith('/')) {
    return refuse('malformed_path', `the recorded path does not start with "/" (${shown(path)}).`);
  }
  const control = CONTROL.exec(path)?.[0];
  if (control !== undefined) {
    return refuse(
      'malformed_path',
      `the recorded path holds a control character (${describeChar(control)}).`,
    );
  }
  if (path.includes('\\')) {
    return refuse(
      'path_traversal',
      `the recorded path holds a backslash, which URL parsers treat as "/" (${shown(path)}).`,
    );
  }
  if (path.includes('%')) return encodingProblem(path);
  const segments = path.split('/').slice(1);
  for (const [index, segment] of segments.entries()) {
    if (segment === '.' || segment === '..') {
      return refuse(
        'path_traversal',
        `the recorded path has a ${shown(segment)} segment (${shown(path)}): it would leave the API ` +
          'resource it names.',
      );
    }
    // A trailing slash is Pulse's own (`/services/data/`, Bulk result CSVs); `//` inside is not.
    if (segment === '' && index < segments.length - 1) {
      return refuse('path_traversal', `the recorded path has an empty segment "//" (${shown(path)}).`);
    }
  }
  const odd = NOT_PLAIN.exec(path)?.[0];
  if (odd !== undefined) {
    return refuse(
      'malformed_path',
      `the recorded path holds ${shown(odd)} (${describeChar(odd)}), which Pulse's paths never contain.`,
    );
  }
  // Belt and braces: whatever a URL parser would still rewrite is not what was checked.
  if (new URL(path, PROBE_ORIGIN).pathname !== path) {
    return refuse('malformed_path', `the recorded path is not in canonical form (${shown(path)}).`);
  }
  return undefined;
}
