/**
 * jsforce's HTTP transport with Pulse's rules: jsforce's own retries off (the one retry budget is
 * the pipeline's), a timeout, `Sforce-Call-Options: client=Pulse` on every request, and a redacted
 * call record for every attempt — token calls, 401s and jsforce's re-sends after a refresh included.
 */
import { randomUUID } from 'node:crypto';

import { Transport } from 'jsforce/lib/transport.js';
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/index.js';
import type { StreamPromise } from 'jsforce/lib/util/promise.js';

import type { Redactor } from '../../redaction/redactor.js';
import type { CallRecord, CallRecorder } from './call-record.js';
import { currentCallContext } from './call-context.js';
import { errorsOf, parseApiUsage } from './describe-response.js';

/** Answers beyond this are cut in call records (with a note), so one huge page cannot bloat the store. */
const MAX_RECORDED_BODY_CHARS = 64 * 1024;
/**
 * Requests are Pulse's own (at most 200 records a write), kept whole up to this so a failed batch
 * can be replayed and bisected; the store's byte limit bounds what they cost.
 */
const MAX_RECORDED_REQUEST_BODY_CHARS = 512 * 1024;

export interface RecordingTransportOptions {
  readonly orgId: string;
  readonly recorder: CallRecorder;
  readonly redactor: Redactor;
  readonly timeoutMs: number;
  /** Told the server's time from every response's Date header. */
  readonly onServerTime?: (time: Date) => void;
}

function bounded(text: string, max = MAX_RECORDED_BODY_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…[cut: ${text.length - max} more characters]`;
}

function retryAfterMs(headers: Readonly<Record<string, string>>): number | undefined {
  const seconds = Number(headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

export class RecordingTransport extends Transport {
  constructor(private readonly options: RecordingTransportOptions) {
    super();
  }

  override httpRequest(
    request: HttpRequest,
    requestOptions: HttpRequestOptions = {},
  ): StreamPromise<HttpResponse> {
    const { redactor, recorder, orgId } = this.options;
    const headers = { ...request.headers, 'Sforce-Call-Options': 'client=Pulse' };
    const sent = super.httpRequest(
      { ...request, headers },
      { ...requestOptions, retry: { maxRetries: 0 }, timeout: this.options.timeoutMs },
    );
    const context = currentCallContext();
    const record = (call: CallRecord): void => {
      if (context) context.lastCall = call;
      recorder.record(call);
    };
    const startedAt = new Date();
    const url = new URL(request.url);
    const base = {
      id: randomUUID(),
      orgId: context?.orgId ?? orgId,
      ...(context?.runId ? { runId: context.runId } : {}),
      ...(context?.jobId ? { jobId: context.jobId } : {}),
      ...(context?.replayOf ? { replayOf: context.replayOf } : {}),
      attempt: context?.attempt ?? 1,
      kind: url.pathname.startsWith('/services/oauth2/') ? ('token' as const) : ('api' as const),
      startedAt: startedAt.toISOString(),
      method: request.method,
      origin: url.origin,
      path: url.pathname,
      query: redactor.text(url.search),
      requestHeaders: redactor.value(headers) as Record<string, string>,
      ...(typeof request.body === 'string'
        ? { requestBody: bounded(redactor.text(request.body), MAX_RECORDED_REQUEST_BODY_CHARS) }
        : {}),
    };
    sent.then(
      (response) => {
        const usage = parseApiUsage(response.headers['sforce-limit-info']);
        if (usage && context) context.lastApiUsage = usage;
        const sfRequestId = response.headers['x-request-id'] ?? response.headers['x-sfdc-request-id'];
        const retryAfter = retryAfterMs(response.headers);
        const dated = response.headers['date'] ? new Date(response.headers['date']) : undefined;
        const serverTime = dated && !Number.isNaN(dated.getTime()) ? dated : undefined;
        if (serverTime) this.options.onServerTime?.(serverTime);
        if (context) {
          context.lastResponse = {
            status: response.statusCode,
            ...(serverTime ? { serverTime } : {}),
            ...(response.headers['sforce-locator']
              ? { bulkLocator: response.headers['sforce-locator'] }
              : {}),
            ...(sfRequestId ? { requestId: sfRequestId } : {}),
            ...(retryAfter ? { retryAfterMs: retryAfter } : {}),
          };
        }
        const errors = errorsOf(response.statusCode, response.body, response.headers['content-type']);
        record({
          ...base,
          durationMs: Date.now() - startedAt.getTime(),
          status: response.statusCode,
          responseHeaders: redactor.value(response.headers) as Record<string, string>,
          responseBody: bounded(redactor.text(response.body)),
          ...(sfRequestId ? { sfRequestId } : {}),
          ...(errors.codes.length > 0 ? { errorCodes: errors.codes } : {}),
          ...(errors.errorClass ? { errorClass: errors.errorClass } : {}),
          ...(usage ? { apiUsage: usage } : {}),
        });
      },
      (error: unknown) => {
        if (context) context.lastResponse = {};
        const code = (error as { code?: unknown; name?: unknown }).code ?? (error as { name?: unknown }).name;
        record({
          ...base,
          durationMs: Date.now() - startedAt.getTime(),
          errorCodes: [typeof code === 'string' ? code : 'NETWORK_ERROR'],
          errorClass: 'transient',
        });
      },
    );
    return sent;
  }
}
