/**
 * Stored calls as a HAR 1.2 log, to open in a browser's network panel or a HAR viewer and to attach
 * to a Salesforce support case. Entries keep the order they are given in. Header values are as
 * recorded (the recorder already redacted them), except Authorization, which is always
 * `Bearer [REDACTED]` whatever was recorded. A call that got no response has status 0 and its
 * network error's code in `response._error`; every entry carries Pulse's ids in `_pulse`.
 *
 * Pulse records when a call started and how long it took, not its phases: the whole duration is
 * `wait`, and `send` and `receive` are 0.
 */
import { STATUS_CODES } from 'node:http';

import { REDACTED } from '../../redaction/redactor.js';
import type { StoredCall } from '../call-store/stored-call.js';
import type {
  Har,
  HarContent,
  HarCreator,
  HarEntry,
  HarNameValue,
  HarPulseFields,
  HarRequest,
  HarResponse,
} from './har.js';
import { headerValue, isHeader, recordedBody } from './recorded-parts.js';

export type * from './har.js';

const HTTP_VERSION = 'HTTP/1.1';
/** The MIME type of a body of unknown type, as browsers write it. */
const UNKNOWN_MIME_TYPE = 'x-unknown';
const AUTHORIZATION_VALUE = `Bearer ${REDACTED}`;

function harHeaders(headers: Readonly<Record<string, string>> | undefined): HarNameValue[] {
  if (!headers) return [];
  return Object.entries(headers).flatMap(([name, recorded]: [string, unknown]) => {
    if (isHeader(name, 'authorization')) return [{ name, value: AUTHORIZATION_VALUE }];
    // Node gives repeated headers (set-cookie) as an array; HAR lists each.
    const values = Array.isArray(recorded) ? recorded : [recorded];
    return values.map((value) => ({ name, value: String(value) }));
  });
}

function queryString(query: string): HarNameValue[] {
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
const cutComment = (characters: number): string =>
  `Cut by Pulse's recorder: ${characters} more characters were not kept.`;

function harRequest(call: StoredCall): HarRequest {
  const body = call.requestBody === undefined ? undefined : recordedBody(call.requestBody);
  return {
    method: call.method,
    url: `${call.origin}${call.path}${call.query}`,
    httpVersion: HTTP_VERSION,
    cookies: [],
    headers: harHeaders(call.requestHeaders),
    queryString: queryString(call.query),
    ...(call.requestBody === undefined || body === undefined
      ? {}
      : {
          postData: {
            mimeType: headerValue(call.requestHeaders, 'content-type') ?? '',
            text: call.requestBody,
            ...(body.cutCharacters === undefined ? {} : { comment: cutComment(body.cutCharacters) }),
          },
        }),
    headersSize: -1,
    bodySize: body === undefined ? 0 : body.cutCharacters === undefined ? byteLength(body.kept) : -1,
  };
}

function harResponse(call: StoredCall): HarResponse {
  if (call.status === undefined) {
    return {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: UNKNOWN_MIME_TYPE },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _error: call.errorCodes?.[0] ?? 'NETWORK_ERROR',
    };
  }
  const headers = call.responseHeaders;
  const text = call.responseBody;
  const body = text === undefined ? undefined : recordedBody(text);
  const content: HarContent = {
    size: text === undefined ? 0 : byteLength(text),
    mimeType: headerValue(headers, 'content-type') ?? UNKNOWN_MIME_TYPE,
    ...(text === undefined ? {} : { text }),
    ...(body?.cutCharacters === undefined ? {} : { comment: cutComment(body.cutCharacters) }),
  };
  // The bytes on the wire are known only for a whole body that was not compressed in transit.
  const whole = body === undefined || body.cutCharacters === undefined;
  const encoded = headerValue(headers, 'content-encoding') !== undefined;
  return {
    status: call.status,
    statusText: STATUS_CODES[call.status] ?? '',
    httpVersion: HTTP_VERSION,
    cookies: [],
    headers: harHeaders(headers),
    content,
    redirectURL: headerValue(headers, 'location') ?? '',
    headersSize: -1,
    bodySize: whole && !encoded ? content.size : -1,
  };
}

function pulseFields(call: StoredCall): HarPulseFields {
  return {
    callId: call.id,
    orgId: call.orgId,
    kind: call.kind,
    ...(call.runId === undefined ? {} : { runId: call.runId }),
    ...(call.jobId === undefined ? {} : { jobId: call.jobId }),
    attempt: call.attempt,
    ...(call.errorCodes === undefined ? {} : { errorCodes: call.errorCodes }),
    ...(call.errorClass === undefined ? {} : { errorClass: call.errorClass }),
    ...(call.sfRequestId === undefined ? {} : { sfRequestId: call.sfRequestId }),
  };
}

function harEntry(call: StoredCall): HarEntry {
  const time = Number.isFinite(call.durationMs) ? Math.max(0, call.durationMs) : 0;
  return {
    startedDateTime: call.startedAt,
    time,
    request: harRequest(call),
    response: harResponse(call),
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
    _pulse: pulseFields(call),
  };
}

export function callsAsHar(calls: readonly StoredCall[], creator: HarCreator): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: creator.name, version: creator.version },
      entries: calls.map(harEntry),
    },
  };
}
