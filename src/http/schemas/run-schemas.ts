/** A run as the API serves it: the report of a finished run, or the progress of one under way. */
import { z } from 'zod';

export const RecordFailure = z
  .object({
    id: z.string().meta({ description: 'The record’s Salesforce id' }),
    errorCode: z.string().meta({ example: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }),
    message: z.string(),
  })
  .meta({ id: 'RecordFailure' });

export const RunReport = z
  .object({
    runId: z.string(),
    startedAt: z.string(),
    org: z.string(),
    status: z.enum(['completed', 'failed']).meta({
      description: '`completed` even with record failures; `failed` when a step could not be done',
    }),
    error: z.string().optional().meta({ description: 'Why the run failed' }),
    mode: z.enum(['incremental', 'full']),
    writeBack: z.enum(['on', 'off', 'shadow', 'paused']),
    pulled: z.record(z.string(), z.number()).meta({ description: 'Records pulled per sObject' }),
    scored: z.number(),
    written: z.number(),
    unchanged: z.number(),
    wouldWrite: z
      .number()
      .meta({ description: 'Accounts that would be written (shadow mode, write-back off)' }),
    slaRescored: z.number().optional().meta({
      description:
        'Of the accounts scored, those scored only because an SLA clock crossed a threshold (nothing changed in Salesforce)',
    }),
    failed: z.array(RecordFailure),
    failing: z.number().meta({ description: 'Records listed as failing after this run' }),
    apiCalls: z.number(),
    tokenCalls: z.number(),
    durationMs: z.number(),
    modelVersion: z.string(),
    workers: z.record(z.string(), z.number()).meta({ description: 'Jobs of the run each worker did' }),
  })
  .meta({ id: 'RunReport' });

export const RunInProgress = z
  .object({
    runId: z.string(),
    startedAt: z.string(),
    status: z.literal('running'),
    mode: z.enum(['incremental', 'full']),
    phase: z.enum(['starting', 'pull', 'score', 'finish']),
    pulled: z.record(z.string(), z.number()).meta({ description: 'Records pulled so far per sObject' }),
    targets: z.number().nullable().meta({ description: 'Accounts the run scores, once known' }),
    scored: z.number(),
  })
  .meta({ id: 'RunInProgress' });

export const FailingRecord = RecordFailure.extend({
  runId: z.string().meta({ description: 'The run that last failed to write it' }),
  at: z.string(),
}).meta({ id: 'FailingRecord' });
