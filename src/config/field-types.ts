/**
 * Field types the configuration schema is made of, each validated at load time so a typo fails at
 * start-up with the key named, not hours later inside a job.
 */
import { isIP } from 'node:net';

import { CronExpressionParser } from 'cron-parser';
import ipaddr from 'ipaddr.js';
import ms from 'ms';
import { z } from 'zod';

/** Environment variables arrive as strings; YAML gives real numbers. Accept both, nothing else. */
function fromString(parse: (text: string) => unknown) {
  return (value: unknown): unknown =>
    typeof value === 'string' && value.trim() !== '' ? parse(value.trim()) : value;
}

export const port = z.preprocess(fromString(Number), z.number().int().min(0).max(65535));

export function integer(min: number, max: number) {
  return z.preprocess(fromString(Number), z.number().int().min(min).max(max));
}

export const flag = z.preprocess(
  fromString((text) => ({ true: true, false: false, '1': true, '0': false })[text.toLowerCase()] ?? text),
  z.boolean(),
);

/**
 * A duration such as `"30s"`, `"5m"`, `"2h"`, `"1d"` or `"250ms"`, as milliseconds. A bare number is
 * refused: `commitLag: 5` could mean seconds or minutes, and guessing wrong loses records.
 */
export const duration = z
  .string({ error: 'expected a duration with a unit, such as "30s", "5m" or "2h"' })
  .refine((text) => /[a-z]\s*$/i.test(text) && Number.isFinite(ms(text as ms.StringValue)), {
    error: 'expected a duration with a unit, such as "30s", "5m" or "2h"',
  })
  .transform((text) => ms(text as ms.StringValue));

/** A cron expression (5 fields, or 6 with seconds), parsed by cron-parser, the library BullMQ schedules with. */
export const cronExpression = z.string().superRefine((text, ctx) => {
  if (text.trim().split(/\s+/).length < 5) {
    ctx.addIssue({
      code: 'custom',
      message: 'expected a cron expression with 5 or 6 fields, such as "*/15 * * * *"',
    });
    return;
  }
  try {
    CronExpressionParser.parse(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `expected a cron expression: ${(error as Error).message}` });
  }
});

/** An IANA time zone name such as `Europe/Paris`, checked against the runtime's time-zone database. */
export const timeZone = z.string().refine(
  (name) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'expected an IANA time zone such as "UTC" or "America/New_York"' },
);

const IPV4_IN_IPV6: ReadonlySet<string> = new Set(['ipv4Mapped', 'rfc6052', 'rfc6145', '6to4', 'teredo']);

/** The host as written in a URL's text (between `//` and the path), lowercased, without brackets. */
function writtenHost(text: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(text);
  return (match?.[1] ?? '').toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/**
 * A URL with one of these protocols. An IP address must be written plainly (`127.0.0.1`, not
 * `0x7f.1` or `2130706433`): an encoded address hides where the requests go.
 */
export function urlWithProtocol(protocols: readonly string[], example: string) {
  return z
    .string()
    .refine(
      (text) => {
        try {
          return protocols.includes(new URL(text).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      {
        error: `expected a ${protocols.map((p) => `${p}://`).join(' or ')} URL such as "${example}"`,
        abort: true,
      },
    )
    .refine(
      (text) => {
        const host = new URL(text).hostname.replace(/^\[(.*)\]$/, '$1');
        if (isIP(host) === 0) return true;
        // An IPv4 address inside IPv6 (::ffff:7f00:1, NAT64, 6to4, Teredo) is one in disguise.
        return host === writtenHost(text) && !IPV4_IN_IPV6.has(ipaddr.parse(host).range());
      },
      { error: 'the address is encoded: write the IP address plainly, such as "10.0.0.5"' },
    );
}
