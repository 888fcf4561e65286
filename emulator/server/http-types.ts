/** The emulator's request and response, independent of node:http so handlers stay plain functions. */
import type { IncomingHttpHeaders } from 'node:http';

import type { RequestTrace } from '../faults/fault-decider.js';

export interface EmulatorRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Named groups of the matched route. */
  readonly params: Readonly<Record<string, string>>;
  /** `64.0` for a request under /services/data/v64.0/. */
  readonly apiVersion: string;
  /** The authenticated user's id, for REST calls. */
  readonly userId: string;
  /** The request's identity and attempt number (fault decisions, ids minted for it). */
  readonly trace: RequestTrace;
}

export interface EmulatorResponse {
  readonly status: number;
  /** JSON-serialisable body; a string or Buffer is sent as it is with `contentType`. */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

export interface Route {
  readonly method: string;
  /** Matched against the path after `/services/data/vNN.N` (REST) or the whole path (others). */
  readonly pattern: RegExp;
  readonly handler: Handler;
}
