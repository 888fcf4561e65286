/**
 * Who a Salesforce call is for (org, run, job) and which attempt it is, carried through jsforce
 * to the transport without threading arguments through every call. The transport also leaves the
 * last response's facts here, so an error can be classified by its HTTP status.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import type { ResponseFacts } from '../errors/salesforce-error.js';
import type { CallRecord } from './call-record.js';

export interface CallContext {
  readonly orgId: string;
  readonly runId?: string;
  readonly jobId?: string;
  /** 1 for the first attempt of a pipeline call, 2 for its first retry... */
  readonly attempt: number;
  /** Set by the transport after each response of this attempt (jsforce may re-send after a refresh). */
  lastResponse?: ResponseFacts;
  /** The org's API usage as the last response of this attempt reported it (Sforce-Limit-Info). */
  lastApiUsage?: { used: number; max: number };
  /** The call this one replays (diagnostics), recorded with it. */
  readonly replayOf?: string;
  /** The record of this attempt's last exchange, as the recorder got it (a replay answers it). */
  lastCall?: CallRecord;
}

const storage = new AsyncLocalStorage<CallContext>();

export function runInCallContext<T>(context: CallContext, work: () => Promise<T>): Promise<T> {
  return storage.run(context, work);
}

export function currentCallContext(): CallContext | undefined {
  return storage.getStore();
}
