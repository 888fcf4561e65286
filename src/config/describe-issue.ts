/**
 * Turns a zod issue into a problem a person can act on: the key, where it was set, what was
 * expected and what was found — with a secret's value never shown.
 */
import type { z } from 'zod';

import { isSecretKeyName } from '../redaction/secret-keys.js';
import type { ConfigProblem } from './config-error.js';
import { originOf, type ValueOrigin } from './config-layer.js';

const NOTHING = Symbol('nothing');

function describeFound(value: unknown, secret: boolean): string {
  if (value === NOTHING || value === undefined) return 'nothing';
  if (secret) return 'a value (hidden)';
  if (typeof value === 'string') {
    // A URL's userinfo (redis://user:password@host) is a credential whatever the key is called.
    // Everything up to the last `@`: a password may hold `/`, `#` or `@` itself.
    const shown = value.replace(/^([a-z][a-z0-9+.-]*:\/\/).*@/is, '$1***@');
    return JSON.stringify(shown.length > 80 ? `${shown.slice(0, 77)}...` : shown);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

/** zod's type names as a person reads them. */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

function expectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      // A field with its own message (e.g. durations) says more than "expected a string".
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      return `expected ${TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_big':
      return `expected ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? 'expected a non-empty value'
        : `expected ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : ''}`;
    case 'invalid_key':
      return issue.issues[0]?.message ?? issue.message;
    case 'invalid_union':
      return 'options' in issue && issue.discriminator !== undefined
        ? `expected one of ${issue.options.map((v) => JSON.stringify(v)).join(', ')}`
        : issue.message;
    case 'custom':
    case 'invalid_format':
    case 'invalid_element':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      return issue.message;
  }
}

/** What the value under the issue's path was, as zod saw it. */
function foundValue(issue: z.core.$ZodIssue): unknown {
  if (issue.code === 'invalid_key') return issue.path[issue.path.length - 1];
  if (issue.code === 'invalid_union' && issue.discriminator !== undefined) {
    const input = issue.input as Record<string, unknown> | undefined;
    return input?.[issue.discriminator] ?? NOTHING;
  }
  return issue.input === undefined ? NOTHING : issue.input;
}

export function describeIssue(
  issue: z.core.$ZodIssue,
  origins: ReadonlyMap<string, ValueOrigin>,
): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const where = originOf(origins, path)?.where;
      return {
        key: path.join('.'),
        ...(where === undefined ? {} : { where }),
        message: 'unknown setting (check its spelling and where it is nested)',
      };
    });
  }
  const path = issue.path.map(String);
  const key = path.join('.') || '(top level)';
  const where = originOf(origins, path)?.where;
  const exact = origins.get(path.join('.'));
  // A missing key gets the message "is required": what was found is nothing, not its parent object.
  const found = exact && issue.code !== 'invalid_key' ? exact.raw : foundValue(issue);
  const secret = path.some((part) => isSecretKeyName(part));
  const message =
    found === NOTHING || found === undefined
      ? `is required: ${expectation(issue)}`
      : `${expectation(issue)}, found ${describeFound(found, secret)}`;
  return [{ key, ...(where === undefined ? {} : { where }), message }];
}
