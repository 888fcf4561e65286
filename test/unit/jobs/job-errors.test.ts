/**
 * What a job's error does to BullMQ, by class: retried, org queue paused (with a budget alert),
 * failed for good (with an auth alert when the session is lost).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import type { OrgJobContext } from '../../../jobs/job-context.js';
import { asJobError } from '../../../jobs/job-errors.js';
import type { AlertKind } from '../../../src/alerts/alert-store.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedactor } from '../../../src/redaction/redactor.js';
import { classify } from '../../../src/salesforce/errors/classify.js';
import { SalesforceError } from '../../../src/salesforce/errors/salesforce-error.js';

function fakeContext(limitRecheck = 60_000) {
  const raised: [AlertKind, string][] = [];
  const pauses: number[] = [];
  const context = {
    orgName: 'acme',
    org: { requestLimits: { limitRecheck } },
    logger: createLogger({ level: 'silent', format: 'json', redactor: createRedactor() }),
    queue: { rateLimit: (ms: number) => Promise.resolve(void pauses.push(ms)) },
    alerts: {
      raise: (kind: AlertKind, detail: string) => Promise.resolve(void raised.push([kind, detail])),
    },
  } as unknown as OrgJobContext;
  return { context, raised, pauses };
}

/** BullMQ's UnrecoverableError, by name (unit tests do not import the queue library). */
const isUnrecoverable = (error: unknown): boolean =>
  error instanceof Error && error.name === 'UnrecoverableError';

const salesforceError = (errorCode: string, message: string, httpStatus?: number): SalesforceError =>
  new SalesforceError(
    classify({ errorCode, message, ...(httpStatus ? { httpStatus } : {}) }),
    message,
    httpStatus ? { httpStatus } : {},
  );

describe('a job’s error', () => {
  it('transient: thrown as is, so BullMQ retries it with backoff', async () => {
    const { context, raised } = fakeContext();
    const error = salesforceError('SERVER_UNAVAILABLE', 'Server Unavailable', 503);
    expect(await asJobError(error, context)).toBe(error);
    expect(raised).toEqual([]);
  });

  it('the daily limit: pauses only this org’s queue (a minute at most) and starts a budget alert', async () => {
    const { context, raised, pauses } = fakeContext();
    const error = salesforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403);
    const result = await asJobError(error, context);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).name).toBe('RateLimitError');
    expect(pauses).toEqual([60_000]);
    expect(raised).toEqual([['budget-paused', expect.stringContaining('TotalRequests Limit exceeded.')]]);
  });

  it('the daily limit: the pause is the org’s limitRecheck when shorter than the wait', async () => {
    const { context, pauses } = fakeContext(2_000);
    const error = salesforceError('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.', 403);
    await asJobError(error, context);
    expect(pauses).toEqual([2_000]);
  });

  it('a refused session: failed for good, with an auth alert', async () => {
    const { context, raised } = fakeContext();
    const error = salesforceError('invalid_grant', 'expired access/refresh token', 400);
    expect(isUnrecoverable(await asJobError(error, context))).toBe(true);
    expect(raised).toEqual([['auth-lost', expect.stringContaining('expired access/refresh token')]]);
  });

  it('a data error or a bad payload: failed for good, no alert (the run reports it)', async () => {
    const { context, raised } = fakeContext();
    const data = salesforceError('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Locked', 400);
    expect(isUnrecoverable(await asJobError(data, context))).toBe(true);
    const payload = z.object({ runId: z.string() }).safeParse({}).error;
    expect(isUnrecoverable(await asJobError(payload, context))).toBe(true);
    expect(raised).toEqual([]);
  });
});
