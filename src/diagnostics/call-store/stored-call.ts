/**
 * A call as the diagnostics store keeps it: the transport's record (already redacted and bounded)
 * plus what a TAM filters and reads by — the sObject, each record's own error in a composite or
 * bulk call, Salesforce's error ids — and the HMAC that lets replay trust it.
 */
import type { CallRecord } from '../../salesforce/transport/call-record.js';

export interface RecordError {
  /** Position in the request's records. */
  readonly index: number;
  /** The record's id, when the request or the answer names it. */
  readonly id?: string;
  readonly errorCode: string;
  readonly message: string;
  readonly fields?: readonly string[];
}

export interface StoredCall extends CallRecord {
  /** The sObject the call reads or writes, when it can be told. */
  readonly sObject?: string;
  /** True when the call failed, as a whole or for any of its records. */
  readonly failed: boolean;
  readonly recordErrors?: readonly RecordError[];
  /** Salesforce's error ids (`errorId`, `id` of an error entry), to quote to Salesforce support. */
  readonly sfErrorIds?: readonly string[];
  /** The call this one replayed, and how it came out against it. */
  readonly replayOf?: string;
  readonly verdict?: 'transient' | 'persistent' | 'changed';
}

export interface SignedCall {
  readonly call: StoredCall;
  /** HMAC-SHA256 of the call's canonical JSON, hex. */
  readonly signature: string;
}
