/**
 * What each request fault answers, as Salesforce (or its edge) does: the exact status, headers and
 * body. Faults that cut the connection or spoil a real answer are applied by the request listener.
 */
import type { EmulatorResponse } from '../server/http-types.js';
import type { RequestFaultKind } from './fault-profile.js';

/** Faults answered instead of handling the request (nothing is read or written, nothing counted). */
export type RefusingFault = Extract<
  RequestFaultKind,
  'serverUnavailable' | 'htmlErrorPage' | 'sessionExpiry' | 'requestLimitExceeded' | 'concurrentLimitExceeded'
>;

export const SERVER_UNAVAILABLE_BODY = [{ message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' }];
export const INVALID_SESSION_BODY = [
  { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
];
export const TOTAL_REQUESTS_BODY = [
  { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
];
export const CONCURRENT_LONG_TXN_BODY = [
  { message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
];

/** The page Salesforce's edge serves when it cannot reach the instance. */
export const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>502 Bad Gateway</title>
</head>
<body>
<h1>Bad Gateway</h1>
<p>The server was unable to complete your request. Please try again later.</p>
<p>If this problem persists, please contact your Salesforce administrator.</p>
</body>
</html>
`;

export function isRefusing(kind: RequestFaultKind): kind is RefusingFault {
  return (
    kind === 'serverUnavailable' ||
    kind === 'htmlErrorPage' ||
    kind === 'sessionExpiry' ||
    kind === 'requestLimitExceeded' ||
    kind === 'concurrentLimitExceeded'
  );
}

export function refusal(kind: RefusingFault): EmulatorResponse {
  switch (kind) {
    case 'serverUnavailable':
      return { status: 503, body: SERVER_UNAVAILABLE_BODY };
    case 'htmlErrorPage':
      return { status: 502, body: HTML_ERROR_PAGE, contentType: 'text/html' };
    case 'sessionExpiry':
      return { status: 401, body: INVALID_SESSION_BODY };
    case 'requestLimitExceeded':
      return { status: 403, body: TOTAL_REQUESTS_BODY };
    case 'concurrentLimitExceeded':
      return { status: 403, body: CONCURRENT_LONG_TXN_BODY };
  }
}

/** The first half of a payload (at least one byte short of it): a response cut off mid-stream. */
export function truncated(payload: string | Buffer): Buffer {
  const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload, 'utf8');
  return bytes.subarray(0, Math.min(Math.floor(bytes.length / 2), Math.max(bytes.length - 1, 0)));
}
