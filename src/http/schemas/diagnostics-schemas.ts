/** Stored calls, their playbooks and an org's call summary, as the diagnostics routes answer them. */
import { z } from 'zod';

import { ERROR_CLASSES, Playbook } from '../../diagnostics/playbooks/index.js';

const ErrorClass = z.enum(ERROR_CLASSES);

const RecordError = z.object({
  index: z.number(),
  id: z.string().optional(),
  errorCode: z.string(),
  message: z.string(),
  fields: z.array(z.string()).optional(),
});

export const PlaybookRef = z
  .object({ id: z.string(), title: z.string(), replayHelps: z.boolean() })
  .meta({ id: 'PlaybookRef' });

/** One line of a listing: enough to choose which call to open. */
export const CallLine = z
  .object({
    id: z.string(),
    startedAt: z.string(),
    method: z.string(),
    path: z.string(),
    status: z.number().nullable().meta({ description: 'null: no answer (network error, timeout)' }),
    errorCodes: z.array(z.string()),
    errorClass: ErrorClass.nullable(),
    sObject: z.string().nullable(),
    runId: z.string().nullable(),
    jobId: z.string().nullable(),
    attempt: z.number(),
    durationMs: z.number(),
    recordErrors: z.number().meta({ description: 'Records the call refused' }),
    playbook: PlaybookRef.nullable(),
  })
  .meta({ id: 'CallLine' });

export const CallPage = z
  .object({
    calls: z.array(CallLine),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page' }),
  })
  .meta({ id: 'CallPage' });

export const StoredCall = z
  .object({
    id: z.string(),
    orgId: z.string(),
    runId: z.string().optional(),
    jobId: z.string().optional(),
    attempt: z.number(),
    kind: z.enum(['token', 'api']),
    startedAt: z.string(),
    durationMs: z.number(),
    method: z.string(),
    origin: z.string(),
    path: z.string(),
    query: z.string(),
    requestHeaders: z.record(z.string(), z.unknown()),
    requestBody: z.string().optional(),
    status: z.number().optional(),
    responseHeaders: z.record(z.string(), z.unknown()).optional(),
    responseBody: z.string().optional(),
    sfRequestId: z
      .string()
      .optional()
      .meta({ description: 'Salesforce’s request id, to quote to its support' }),
    errorCodes: z.array(z.string()).optional(),
    errorClass: ErrorClass.optional(),
    apiUsage: z.object({ used: z.number(), max: z.number() }).optional(),
    sObject: z.string().optional(),
    failed: z.boolean(),
    recordErrors: z.array(RecordError).optional(),
    sfErrorIds: z.array(z.string()).optional(),
    replayOf: z.string().optional(),
    verdict: z.enum(['transient', 'persistent', 'changed']).optional(),
  })
  .meta({ id: 'StoredCall', description: 'A recorded call, redacted: secrets read [REDACTED]' });

const Failure = z.object({
  errorCode: z.string(),
  httpStatus: z.number().optional(),
  errorClass: ErrorClass.optional(),
  message: z.string().optional(),
  sObject: z.string().optional(),
  field: z.string().optional(),
  playbook: z.string().nullable().meta({ description: 'The id of the playbook matched for this failure' }),
});

export const CallDetail = z
  .object({
    call: StoredCall,
    org: z.string(),
    intact: z.boolean().meta({ description: 'False when the call was altered in Redis: replay refuses it' }),
    failures: z.array(Failure).meta({ description: 'One per failure: the call’s, or each refused record’s' }),
    playbook: Playbook.extend({ source: z.string().meta({ description: 'Where it is written' }) })
      .nullable()
      .meta({ description: 'The best playbook for the call’s first failure' }),
    matchedBecause: z.array(z.string()),
    attempts: z.array(CallLine).meta({ description: 'The failed attempts of the same request in its job' }),
    replays: z
      .array(
        z.object({
          at: z.string(),
          by: z.string(),
          outcome: z.string(),
          callId: z.string().optional(),
          verdict: z.string().optional(),
          detail: z.unknown().optional(),
        }),
      )
      .meta({ description: 'The latest replays of this call, newest first' }),
  })
  .meta({ id: 'CallDetail' });

export const CallSummary = z
  .object({
    org: z.string(),
    from: z.string(),
    to: z.string(),
    calls: z.number(),
    apiCalls: z.number(),
    failed: z.number(),
    failureRate: z.number(),
    byCode: z.record(z.string(), z.number()),
    byObject: z.record(z.string(), z.number()),
    byClass: z.record(z.string(), z.number()),
    byHour: z.array(
      z.object({
        hour: z.string(),
        calls: z.number(),
        failed: z.number(),
        byCode: z.record(z.string(), z.number()).meta({ description: 'Failures by error code' }),
        apiUsed: z
          .number()
          .nullable()
          .meta({ description: 'API requests in the last 24 h as last reported in the hour' }),
      }),
    ),
    latencyMs: z.object({
      p50: z.number().nullable(),
      p90: z.number().nullable(),
      p99: z.number().nullable(),
    }),
    apiUsage: z.object({ used: z.number(), max: z.number(), at: z.string() }).nullable(),
    verdict: z.object({
      status: z.enum(['healthy', 'degraded', 'failing', 'idle']),
      reasons: z.array(z.string()),
    }),
  })
  .meta({ id: 'CallSummary' });

export const ReplayRequest = z
  .object({
    confirm: z.boolean().default(false).meta({ description: 'Needed to send a write' }),
    dryRun: z.boolean().default(false).meta({ description: 'Show the exact request; send nothing' }),
    overwriteChanged: z.boolean().default(false).meta({ description: 'Write records changed since too' }),
    bisect: z.boolean().default(false).meta({ description: 'Find the records that make a batch fail' }),
  })
  .strict()
  .meta({ id: 'ReplayRequest' });

const ShownRequest = z.object({
  method: z.string(),
  url: z.string(),
  body: z.string().optional(),
  kind: z.enum(['read', 'write']),
  shape: z.string(),
});

export const ReplayAnswer = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('refused'), code: z.string(), reason: z.string() }),
    z.object({ outcome: z.literal('dry-run'), request: ShownRequest, notice: z.string().optional() }),
    z.object({ outcome: z.literal('confirmation-needed'), request: ShownRequest, reason: z.string() }),
    z.object({
      outcome: z.literal('replayed'),
      callId: z.string().meta({ description: 'The new call, stored with `replayOf`' }),
      verdict: z.enum(['transient', 'persistent', 'changed']),
      diff: z.unknown(),
      heldBack: z.array(z.unknown()).meta({ description: 'Fields changed since, not overwritten' }),
    }),
    z.object({
      outcome: z.literal('bisected'),
      reproduced: z.boolean(),
      complete: z.boolean(),
      culprits: z.array(z.string()).meta({ description: 'The records whose presence makes the batch fail' }),
      calls: z.number(),
      committed: z.number().meta({ description: 'Records written by sub-batches that succeeded' }),
      notice: z.string(),
    }),
  ])
  .meta({ id: 'ReplayAnswer' });
