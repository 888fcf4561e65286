/**
 * A call record shaped like the recording transport's (redacted headers, a response body, the
 * Sforce-Limit-Info usage), with only what a test cares about given.
 */
import { randomUUID } from 'node:crypto';

import type { CallRecord } from '../../src/salesforce/transport/call-record.js';

type Overrides = Partial<Omit<CallRecord, 'status' | 'errorCodes'>> & {
  readonly status?: number | undefined;
  readonly errorCodes?: readonly string[];
};

export function callRecord(overrides: Overrides = {}): CallRecord {
  // `status: undefined` given: no response came back (a network failure).
  const { status: given, ...rest } = overrides;
  const status = 'status' in overrides ? given : 200;
  const path = rest.path ?? '/services/data/v64.0/query';
  const kind = path.startsWith('/services/oauth2/') ? 'token' : 'api';
  const base: CallRecord = {
    id: randomUUID(),
    orgId: 'acme',
    runId: '20250101T000000-abcdef12',
    jobId: 'job-1',
    attempt: 1,
    kind,
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 42,
    method: 'GET',
    origin: 'https://acme.my.salesforce.com',
    path,
    query: path.endsWith('/query') ? '?q=SELECT+Id+FROM+Account+WHERE+Id+%3D+%27001000000000001AAA%27' : '',
    requestHeaders: { authorization: '[redacted]', 'sforce-call-options': 'client=Pulse' },
    ...(status === undefined
      ? {}
      : {
          status,
          responseHeaders: { 'content-type': 'application/json', 'sforce-limit-info': 'api-usage=18/15000' },
          responseBody: status < 400 ? '{"totalSize":0,"done":true,"records":[]}' : '[]',
          sfRequestId: 'req-1',
          apiUsage: { used: 18, max: 15000 },
        }),
  };
  return { ...base, ...rest, ...(status === undefined ? {} : { status }) };
}
