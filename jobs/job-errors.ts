/**
 * How a job's error becomes BullMQ's behaviour, by Pulse's error class: transient errors are
 * retried with backoff (the job's attempts); an org's API limit pauses that org's queue until the
 * budget returns (other orgs go on; the job keeps its attempts); auth, config and data errors
 * cannot succeed on retry, so the job is failed at once with the message a person can act on.
 * A spent budget and a lost session also start an alert episode (announced once).
 */
import { UnrecoverableError, Worker } from 'bullmq';
import { ZodError } from 'zod';

import { AppError } from '../src/errors/app-error.js';
import { SalesforceError } from '../src/salesforce/errors/salesforce-error.js';
import type { OrgJobContext } from './job-context.js';

export async function asJobError(error: unknown, context: OrgJobContext): Promise<unknown> {
  // A payload that does not parse will not parse on a retry either.
  if (error instanceof ZodError) return new UnrecoverableError(`bad job payload: ${error.message}`);
  if (!(error instanceof AppError)) return error;
  switch (error.errorClass) {
    case 'transient':
      return error;
    case 'limit': {
      const waitMs = error instanceof SalesforceError ? error.classification.waitMs : undefined;
      if (waitMs === undefined) return new UnrecoverableError(error.message);
      // Paused `limitRecheck` (a minute) at a time: the next job's first call checks again (one
      // call, not a hammering), so a limit that lifts early — or a spurious one — costs a minute.
      const pauseMs = Math.min(waitMs, context.org.requestLimits.limitRecheck);
      context.logger.warn('org API limit reached: its queue pauses', {
        orgId: context.orgName,
        errorCode: error instanceof SalesforceError ? error.errorCode : error.code,
        pauseMs,
      });
      await context.alerts.raise('budget-paused', error.message);
      await context.queue.rateLimit(pauseMs);
      return Worker.RateLimitError();
    }
    case 'auth':
      await context.alerts.raise('auth-lost', error.message);
      return new UnrecoverableError(error.message);
    case 'config':
    case 'data':
      return new UnrecoverableError(error.message);
  }
}
