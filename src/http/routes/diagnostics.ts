/**
 * `/api/v1/diagnostics`: the failed Salesforce calls of an org (filtered, paged by cursor), one
 * call with its failures, playbook and attempts, and an org's call summary with a verdict.
 */
import { z } from 'zod';

import {
  InvalidCursorError,
  type CallFilter,
  type FoundCall,
} from '../../diagnostics/call-store/call-store.js';
import type { CallLine } from '../../diagnostics/call-store/call-line.js';
import { callAsCurl } from '../../diagnostics/export/call-as-curl.js';
import { callsAsHar } from '../../diagnostics/export/calls-as-har.js';
import {
  explainingFailure,
  failuresOfCall,
  matchPlaybook,
  type CallFailure,
} from '../../diagnostics/playbooks/index.js';
import { defineRoute } from '../api-route.js';
import { API_PREFIX } from '../api-prefix.js';
import { mayUseOrg, type Caller } from '../auth/api-tokens.js';
import { HttpError, notFound } from '../http-error.js';
import type { HttpDeps } from '../http-deps.js';
import { orgAccess } from '../org-access.js';
import { NoQuery, OrgName } from '../schemas/common.js';
import {
  CallDetail,
  CallPage,
  CallSummary,
  ReplayAnswer,
  ReplayRequest,
} from '../schemas/diagnostics-schemas.js';

const PREFIX = `${API_PREFIX}/diagnostics`;
const name = z.string().regex(/^[\w.-]{1,80}$/, { error: 'expected a name of letters, digits, _ . -' });
const time = z.iso.datetime({ offset: true }).meta({ example: '2026-11-22T06:00:00Z' });

const CallsQuery = z
  .object({
    from: time.optional(),
    to: time.optional(),
    errorCode: name.optional(),
    errorClass: z.enum(['transient', 'auth', 'limit', 'data', 'config']).optional(),
    sObject: name.optional(),
    runId: name.optional(),
    jobId: name.optional(),
    cursor: z
      .string()
      .regex(/^[\w-]{1,200}$/, { error: 'expected a cursor this API gave' })
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const CallParams = z
  .object({ callId: z.string().regex(/^[\w-]{1,80}$/, { error: 'expected a call id' }) })
  .strict();

/** A stored call by id, or 404; 403 when the call is another org's than the token may use. */
async function callFor(deps: HttpDeps, callId: string, caller: Caller | undefined): Promise<FoundCall> {
  const found = await deps.diagnostics.calls.get(callId);
  if (!found) throw notFound(`call ${callId}`);
  if (caller && !mayUseOrg(caller, found.org))
    throw new HttpError(403, 'forbidden', `this token may not use org "${found.org}"`);
  return found;
}

/** A page of the org's failed calls; a cursor this API did not give is a 400, not a 500. */
async function failedPage(deps: HttpDeps, org: string, query: z.output<typeof CallsQuery>) {
  try {
    return await deps.diagnostics.calls.listFailed(org, filterOf(query), query.limit, query.cursor);
  } catch (error) {
    if (error instanceof InvalidCursorError)
      throw new HttpError(400, 'invalid_request', `cursor: ${error.message}`, [
        { path: 'cursor', message: error.message },
      ]);
    throw error;
  }
}

function playbookOf(deps: HttpDeps, failure: CallFailure | undefined) {
  return failure ? matchPlaybook(deps.diagnostics.playbooks, failure) : undefined;
}

function lineOf(deps: HttpDeps, line: CallLine) {
  const choice = playbookOf(deps, line.failure);
  return {
    id: line.id,
    startedAt: line.startedAt,
    method: line.method,
    path: line.path,
    status: line.status ?? null,
    errorCodes: line.errorCodes,
    errorClass: line.errorClass ?? null,
    sObject: line.sObject ?? null,
    runId: line.runId ?? null,
    jobId: line.jobId ?? null,
    attempt: line.attempt,
    durationMs: line.durationMs,
    recordErrors: line.recordErrors,
    playbook: choice
      ? { id: choice.playbook.id, title: choice.playbook.title, replayHelps: choice.playbook.replay.helps }
      : null,
  };
}

function filterOf(query: z.output<typeof CallsQuery>): CallFilter {
  return {
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.to ? { to: new Date(query.to) } : {}),
    ...(query.errorCode ? { errorCode: query.errorCode } : {}),
    ...(query.errorClass ? { errorClass: query.errorClass } : {}),
    ...(query.sObject ? { sObject: query.sObject } : {}),
    ...(query.runId ? { runId: query.runId } : {}),
    ...(query.jobId ? { jobId: query.jobId } : {}),
  };
}

export const diagnosticsRoutes = [
  defineRoute({
    method: 'get',
    path: `${PREFIX}/orgs/:org/calls`,
    tag: 'diagnostics',
    summary: 'The org’s failed Salesforce calls, newest first, each with its best playbook',
    description: 'Filters combine; `cursor` (from the previous page’s `nextCursor`) pages on.',
    role: 'viewer',
    params: z.object({ org: OrgName }).strict(),
    query: CallsQuery,
    responses: { 200: { description: 'A page of failed calls', schema: CallPage } },
    handle: async ({ params, query }, deps) => {
      orgAccess(deps, params.org);
      const page = await failedPage(deps, params.org, query);
      return {
        json: { calls: page.lines.map((line) => lineOf(deps, line)), nextCursor: page.nextCursor ?? null },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PREFIX}/calls/:callId`,
    tag: 'diagnostics',
    summary: 'One call: the redacted request and answer, its failures, playbook and attempts',
    role: 'viewer',
    params: CallParams,
    query: NoQuery,
    responses: { 200: { description: 'The call', schema: CallDetail } },
    handle: async ({ params, caller }, deps) => {
      const found = await callFor(deps, params.callId, caller);
      const { call } = found;
      const callFailures = failuresOfCall(call);
      const failures = callFailures.map((failure) => ({
        ...failure,
        playbook: matchPlaybook(deps.diagnostics.playbooks, failure)?.playbook.id ?? null,
      }));
      const choice = playbookOf(deps, explainingFailure(callFailures));
      const attempts = call.jobId
        ? (await deps.diagnostics.calls.listFailed(found.org, { jobId: call.jobId }, 50)).lines.filter(
            (other) => other.method === call.method && other.path === call.path && other.id !== call.id,
          )
        : [];
      return {
        json: {
          call,
          org: found.org,
          intact: found.intact,
          failures,
          playbook: choice?.playbook ?? null,
          matchedBecause: choice?.reasons ?? [],
          attempts: attempts.map((other) => lineOf(deps, other)),
          replays: await deps.diagnostics.calls.replays(found.org, call.id),
        },
      };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PREFIX}/calls/:callId/curl`,
    tag: 'diagnostics',
    summary: 'The call as a curl command (the token as $SF_ACCESS_TOKEN, never the recorded one)',
    role: 'viewer',
    params: CallParams,
    query: NoQuery,
    responses: { 200: { description: 'A POSIX shell command', contentType: 'text/plain' } },
    handle: async ({ params, caller }, deps) => {
      const found = await callFor(deps, params.callId, caller);
      return { text: `${callAsCurl(found.call)}\n`, contentType: 'text/plain; charset=utf-8' };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PREFIX}/orgs/:org/calls.har`,
    tag: 'diagnostics',
    summary: 'The failed calls the filters select (up to `limit`), as a HAR 1.2 file',
    role: 'viewer',
    params: z.object({ org: OrgName }).strict(),
    query: CallsQuery,
    responses: { 200: { description: 'HAR 1.2', contentType: 'application/json' } },
    handle: async ({ params, query }, deps) => {
      orgAccess(deps, params.org);
      const page = await failedPage(deps, params.org, query);
      const calls = await deps.diagnostics.calls.calls(
        params.org,
        page.lines.map((line) => line.id),
      );
      return { json: callsAsHar(calls, { name: 'Pulse', version: deps.version ?? 'dev' }) };
    },
  }),
  defineRoute({
    method: 'post',
    path: `${PREFIX}/calls/:callId/replay`,
    tag: 'diagnostics',
    summary: 'Replay a stored call (or bisect a failed batch) against the org’s own instance',
    description:
      'Only calls whose signature holds, in a shape Pulse itself sends, to the org’s instance. Writes need `confirm`; records changed since the original call are held back unless `overwriteChanged`. `dryRun` shows the request and sends nothing. With `bisect`, sub-batches that succeed are written. Every replay is audited.',
    role: 'operator',
    params: CallParams,
    query: NoQuery,
    body: ReplayRequest,
    responses: { 200: { description: 'What the replay came to', schema: ReplayAnswer } },
    handle: async ({ params, body, caller }, deps) => {
      const found = await callFor(deps, params.callId, caller);
      const result = await deps.diagnostics.replay(found, { ...body, by: caller?.name ?? 'unknown' });
      return { json: result };
    },
  }),
  defineRoute({
    method: 'get',
    path: `${PREFIX}/orgs/:org/summary`,
    tag: 'diagnostics',
    summary:
      'The org’s calls over the last hours: errors by code, object and hour, latency, API usage, a verdict',
    role: 'viewer',
    params: z.object({ org: OrgName }).strict(),
    query: z.object({ hours: z.coerce.number().int().min(1).max(168).default(24) }).strict(),
    responses: { 200: { description: 'The summary', schema: CallSummary } },
    handle: async ({ params, query }, deps) => {
      orgAccess(deps, params.org);
      return { json: await deps.diagnostics.summary(params.org, query.hours) };
    },
  }),
];
