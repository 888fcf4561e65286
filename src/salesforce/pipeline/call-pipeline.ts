/**
 * The one path every Salesforce call takes (DESIGN.md): retry policy outside, limiter inside (each
 * attempt queues for a slot again), budget debit, then jsforce through the recording transport.
 * The retry budget is written here once: `maxAttempts` attempts with exponential backoff and
 * jitter, only for failures `classify` says retrying can help.
 */
import pRetry from 'p-retry';

import type { Logger } from '../../logging/logger.js';
import { classify } from '../errors/classify.js';
import { SalesforceError, toSalesforceError } from '../errors/salesforce-error.js';
import { runInCallContext, type CallContext } from '../transport/call-context.js';
import type { ApiBudget } from './api-budget.js';
import type { OrgLimiter } from './org-limiter.js';

export interface CallLabels {
  readonly runId?: string;
  readonly jobId?: string;
  /** A diagnostics replay of this stored call. */
  readonly replayOf?: string;
}

export interface CallPipelineOptions {
  readonly orgName: string;
  readonly limiter: OrgLimiter;
  readonly budget: ApiBudget;
  readonly logger: Logger;
  readonly maxAttempts: number;
  readonly timeoutMs: number;
  /** First backoff; doubled each attempt, with jitter. */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Wait after a concurrent-request-limit refusal, unless Salesforce sent Retry-After. */
  readonly concurrentLimitWaitMs: number;
  /** How long the org's parallelism stays halved after such a refusal. */
  readonly concurrentLimitThrottleMs: number;
}

export interface CallPipeline {
  /** Runs one Salesforce operation through limiter, budget and retries; failures are SalesforceErrors. */
  call<T>(operation: string, work: () => Promise<T>, labels?: CallLabels): Promise<T>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function budgetRefused(orgName: string, used: number, ceiling: number | undefined): SalesforceError {
  const message = `org ${orgName} has used ${used} API requests; Pulse stops at ${ceiling ?? '?'} to keep the reserve`;
  return new SalesforceError(classify({ errorCode: 'BUDGET_RESERVE_REACHED', message }), message, {});
}

export function createCallPipeline(options: CallPipelineOptions): CallPipeline {
  const { limiter, budget, logger, orgName } = options;
  // A slot is held at most this long: a killed worker's slot comes back after it.
  const slotExpirationMs = options.timeoutMs + 5_000;

  async function attempt<T>(work: () => Promise<T>, context: CallContext): Promise<T> {
    return limiter.schedule(slotExpirationMs, async () => {
      const debit = await budget.debit();
      if (!debit.allowed) throw budgetRefused(orgName, debit.used, debit.ceiling);
      try {
        return await runInCallContext(context, work);
      } catch (error) {
        throw toSalesforceError(error, context.lastResponse);
      } finally {
        await budget.settle(debit.callId, context.lastApiUsage);
      }
    });
  }

  return {
    call(operation, work, labels = {}) {
      return pRetry((attemptNumber) => attempt(work, { orgId: orgName, ...labels, attempt: attemptNumber }), {
        retries: options.maxAttempts - 1,
        minTimeout: options.minBackoffMs ?? 500,
        maxTimeout: options.maxBackoffMs ?? 30_000,
        factor: 2,
        randomize: true,
        shouldRetry: ({ error }) => error instanceof SalesforceError && error.classification.retry,
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
          if (!(error instanceof SalesforceError)) return;
          const { classification } = error;
          logger.warn('salesforce call failed', {
            orgId: orgName,
            operation,
            attempt: attemptNumber,
            errorCode: classification.errorCode,
            errorClass: classification.errorClass,
            decision: classification.retry && retriesLeft > 0 ? 'retry' : 'give up',
            reason: classification.reason,
          });
          if (!classification.retry || retriesLeft === 0) return;
          if (classification.limitKind === 'concurrent') {
            await limiter.throttle(options.concurrentLimitThrottleMs);
            await sleep(error.retryAfterMs ?? options.concurrentLimitWaitMs);
            return;
          }
          if (classification.waitMs) await sleep(classification.waitMs);
        },
      });
    },
  };
}
