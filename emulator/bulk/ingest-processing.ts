/**
 * Processes Bulk ingest jobs with the same write rules as REST (plan-write.ts): the upload is
 * split into internal batches processed in an order drawn from the fault seed (results come back
 * in no guaranteed order, the same one every run); each batch runs in trigger chunks of 200 rows,
 * where record faults apply as they do to a collection request.
 */
import { applyRecordFaults, bodyKey, lockTarget, type BatchEntry } from '../faults/record-faults.js';
import { unitDraw } from '../faults/hash.js';
import type { SObjectSchema } from '../org/types.js';
import { planCreate, planDelete, planUpdate, planUpsert, type WritePlan } from '../rest/plan-write.js';
import { fieldByName } from '../rest/prepare-write.js';
import { recordError, type RecordError } from '../rest/record-error.js';
import { writeContextOf } from '../rest/write-context.js';
import type { EmulatorState } from '../server/emulator-state.js';
import { RestApiError } from '../server/salesforce-errors.js';
import type { BulkProcessor, IngestJob } from './bulk-jobs.js';
import { NULL_VALUE } from './csv-format.js';

/** Salesforce runs triggers on 200 records at a time. */
const TRIGGER_CHUNK = 200;

/** `STATUS_CODE:message:fields --`, as failedResults write `sf__Error`. */
export const errorText = (error: RecordError): string =>
  `${error.statusCode}:${error.message}:${error.fields.length > 0 ? `${error.fields.join(',')} ` : ''}--`;

/** One CSV row as a record body: empty cells are left out (unchanged), `#N/A` is null. */
function bodyOf(
  schema: SObjectSchema,
  header: readonly string[],
  row: readonly string[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  header.forEach((name, index) => {
    const text = row[index] ?? '';
    if (text === '') return;
    if (text === NULL_VALUE) {
      body[name] = null;
      return;
    }
    const type = fieldByName(schema, name)?.type;
    if (type === 'boolean' && /^(true|false|1|0)$/i.test(text)) body[name] = /^(true|1)$/i.test(text);
    else body[name] = text;
  });
  return body;
}

function idOf(body: Readonly<Record<string, unknown>>): string | undefined {
  const key = Object.keys(body).find((name) => name.toLowerCase() === 'id');
  const value = key === undefined ? undefined : body[key];
  return typeof value === 'string' ? value : undefined;
}

function plan(
  state: EmulatorState,
  job: IngestJob,
  schema: SObjectSchema,
  body: Record<string, unknown>,
): WritePlan {
  const context = writeContextOf(state, job.createdById);
  const id = idOf(body);
  const missingId = (): WritePlan => ({
    ok: false,
    error: recordError('MISSING_ARGUMENT', `Id not specified in an ${job.operation} call`),
  });
  try {
    switch (job.operation) {
      case 'insert':
        return planCreate(context, schema, body);
      case 'update':
        return id === undefined ? missingId() : planUpdate(context, schema, id, body);
      case 'delete':
        return id === undefined ? missingId() : planDelete(context, schema, id);
      case 'upsert': {
        const field = job.externalIdFieldName ?? 'Id';
        const key = Object.keys(body).find((name) => name.toLowerCase() === field.toLowerCase());
        return planUpsert(context, schema, field, key === undefined ? undefined : body[key], body);
      }
    }
  } catch (error) {
    if (!(error instanceof RestApiError)) throw error;
    return { ok: false, error: recordError(error.errorCode, error.message, error.fields ?? []) };
  }
}

function processChunk(
  state: EmulatorState,
  job: IngestJob,
  schema: SObjectSchema,
  rows: readonly number[],
): void {
  const upload = job.upload;
  if (!upload) return;
  const entries: BatchEntry[] = rows.map((row) => {
    const body = bodyOf(schema, upload.header, upload.rows[row] ?? []);
    const planned = plan(state, job, schema, body);
    const external = job.externalIdFieldName ? body[job.externalIdFieldName] : undefined;
    return {
      objectName: schema.name,
      plan: planned,
      poisonKey: planned.id ?? (typeof external === 'string' ? external : bodyKey(body)),
      lockId: lockTarget(schema, planned.id, body),
    };
  });
  const trace = { identity: `bulk ingest ${job.id}`, attempt: 0 };
  const plans = applyRecordFaults(state.faults, `${job.id}|${String(rows[0] ?? 0)}`, trace, entries);
  plans.forEach((planned, index) => {
    const row = rows[index] ?? 0;
    if (!planned.ok) {
      job.results.push({ row, id: planned.id ?? '', created: false, error: errorText(planned.error) });
      job.numberRecordsFailed += 1;
    } else {
      const saved = planned.commit();
      job.results.push({ row, id: saved.id ?? '', created: saved.created === true });
    }
    job.numberRecordsProcessed += 1;
  });
}

/** Unknown columns fail the whole job before any row is written. */
function headerProblem(job: IngestJob, schema: SObjectSchema): string | undefined {
  const header = job.upload?.header ?? [];
  const unknown = header.find((name) => !fieldByName(schema, name));
  if (unknown !== undefined) return `InvalidBatch : Field name not found : ${unknown}`;
  if (job.operation === 'upsert' && job.externalIdFieldName) {
    const external = job.externalIdFieldName.toLowerCase();
    if (!header.some((name) => name.toLowerCase() === external)) {
      return `InvalidBatch : Field name not found : ${job.externalIdFieldName}`;
    }
  }
  return undefined;
}

export function createIngestProcessor(state: EmulatorState): BulkProcessor {
  return {
    planBatches(job) {
      const schema = state.store.schemaOf(job.object);
      if (!schema) return `InvalidJob : Unable to find object: ${job.object}`;
      const problem = headerProblem(job, schema);
      if (problem) return problem;
      const count = job.upload?.rows.length ?? 0;
      const size = Math.max(1, state.options.bulkBatchSize);
      const batches: number[][] = [];
      for (let start = 0; start < count; start += size) {
        batches.push(Array.from({ length: Math.min(size, count - start) }, (_, i) => start + i));
      }
      const order = (batch: number[]): number => unitDraw(state.faults.seed, job.id, 'batch', batch[0] ?? 0);
      return batches.sort((a, b) => order(a) - order(b));
    },
    processBatch(job, rows) {
      const schema = state.store.schemaOf(job.object);
      if (!schema) return true;
      if (!state.bulkLimits.batches.tryTake()) return false;
      for (let start = 0; start < rows.length; start += TRIGGER_CHUNK) {
        processChunk(state, job, schema, rows.slice(start, start + TRIGGER_CHUNK));
      }
      return true;
    },
  };
}
