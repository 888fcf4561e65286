/**
 * What a listing shows of a failed call, kept beside the call when it is saved: a page of 50 lines
 * then reads a few KB instead of 50 whole calls (each up to 64 KB of answer and 512 KB of request)
 * and matches no playbook body by body.
 */
import { failureOfCall, type CallFailure } from '../playbooks/call-failure.js';
import type { StoredCall } from './stored-call.js';

export interface CallLine {
  readonly id: string;
  readonly startedAt: string;
  readonly method: string;
  readonly path: string;
  /** Absent: no answer (network error, timeout). */
  readonly status?: number;
  readonly errorCodes: readonly string[];
  /** Every code the call carries, its own and its records' (what the code filter matches). */
  readonly codes: readonly string[];
  readonly errorClass?: StoredCall['errorClass'];
  readonly sObject?: string;
  readonly runId?: string;
  readonly jobId?: string;
  readonly attempt: number;
  readonly durationMs: number;
  /** How many records the call refused. */
  readonly recordErrors: number;
  /** The failure that explains the call, as playbooks match it. */
  readonly failure?: CallFailure;
}

export function callLineOf(call: StoredCall): CallLine {
  const failure = failureOfCall(call);
  return {
    id: call.id,
    startedAt: call.startedAt,
    method: call.method,
    path: call.path,
    ...(call.status === undefined ? {} : { status: call.status }),
    errorCodes: call.errorCodes ?? [],
    codes: [...new Set([...(call.errorCodes ?? []), ...(call.recordErrors ?? []).map((e) => e.errorCode)])],
    ...(call.errorClass ? { errorClass: call.errorClass } : {}),
    ...(call.sObject ? { sObject: call.sObject } : {}),
    ...(call.runId ? { runId: call.runId } : {}),
    ...(call.jobId ? { jobId: call.jobId } : {}),
    attempt: call.attempt,
    durationMs: call.durationMs,
    recordErrors: call.recordErrors?.length ?? 0,
    ...(failure ? { failure } : {}),
  };
}
