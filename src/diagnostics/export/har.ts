/**
 * The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that an export of stored
 * calls writes. Optional fields Pulse never fills are left out; `_`-prefixed fields are the custom
 * fields the spec allows.
 */
import type { ErrorClass } from '../../errors/app-error.js';

export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarCreator {
  readonly name: string;
  readonly version: string;
}

export interface HarCookie {
  readonly name: string;
  readonly value: string;
}

export interface HarPostData {
  readonly mimeType: string;
  readonly text: string;
  readonly comment?: string;
}

export interface HarRequest {
  readonly method: string;
  readonly url: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarCookie[];
  readonly headers: readonly HarNameValue[];
  readonly queryString: readonly HarNameValue[];
  readonly postData?: HarPostData;
  /** -1: the header bytes were not recorded. */
  readonly headersSize: number;
  /** Bytes of the body; 0 without one, -1 when the recorder cut it. */
  readonly bodySize: number;
}

export interface HarContent {
  /** Bytes of `text`, the body as recorded. */
  readonly size: number;
  readonly mimeType: string;
  readonly text?: string;
  readonly comment?: string;
}

export interface HarResponse {
  /** 0 when no response came (a network error). */
  readonly status: number;
  readonly statusText: string;
  readonly httpVersion: string;
  readonly cookies: readonly HarCookie[];
  readonly headers: readonly HarNameValue[];
  readonly content: HarContent;
  readonly redirectURL: string;
  readonly headersSize: number;
  readonly bodySize: number;
  /** Why no response came: the recorded network error's code (as Chrome's `_error`). */
  readonly _error?: string;
}

export interface HarTimings {
  readonly send: number;
  readonly wait: number;
  readonly receive: number;
}

/** What Pulse knows about the call beyond HTTP, to find it again in Pulse. */
export interface HarPulseFields {
  readonly callId: string;
  readonly orgId: string;
  readonly kind: 'token' | 'api';
  readonly runId?: string;
  readonly jobId?: string;
  readonly attempt: number;
  readonly errorCodes?: readonly string[];
  readonly errorClass?: ErrorClass;
  readonly sfRequestId?: string;
}

export interface HarEntry {
  /** ISO 8601 with time zone. */
  readonly startedDateTime: string;
  /** Milliseconds, the sum of `timings`. */
  readonly time: number;
  readonly request: HarRequest;
  readonly response: HarResponse;
  readonly cache: Record<string, never>;
  readonly timings: HarTimings;
  readonly _pulse: HarPulseFields;
}

export interface HarLog {
  readonly version: '1.2';
  readonly creator: HarCreator;
  readonly entries: readonly HarEntry[];
}

export interface Har {
  readonly log: HarLog;
}
