/**
 * Writes changed accounts with sObject Collections (200 a call, allOrNone false) and checks every
 * record's result: UNABLE_TO_LOCK_ROW records are retried in smaller batches, then one by one;
 * data errors are recorded with the record id and Salesforce's message while the rest lands. A
 * batch that failed as a whole with one trigger error (an Apex exception, such as a governor
 * limit, fails its whole transaction) is split in halves until the records that cause it stand
 * alone, so one bad record costs about 2·log2(batch) calls instead of its 199 neighbours' writes.
 * When all four quarters of a chunk fail alike, two of its records are sent alone: if both fail
 * alike too, the trigger fails for every record and the chunk is reported failed after seven calls;
 * if either lands, a few bad records just happened to fall in every quarter, and bisecting goes on.
 * Only what Salesforce accepted is reported written.
 */
import type { CallLabels } from '../../salesforce/pipeline/call-pipeline.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import type { RecordResult } from '../../salesforce/types.js';

export interface AccountChange {
  readonly id: string;
  readonly values: Readonly<Record<string, unknown>>;
}

export interface WriteFailure {
  readonly id: string;
  readonly errorCode: string;
  readonly message: string;
}

export interface WriteOutcome {
  readonly written: readonly string[];
  readonly failed: readonly WriteFailure[];
  readonly calls: number;
}

const BATCH_SIZES = [200, 50, 10, 1];
/** What an Apex trigger's uncaught exception gives every record of its transaction. */
const TRIGGER_FAILURE = 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY';

/** A batch to send; `level` 0 for a chunk, then one more per split. */
interface Pending {
  readonly batch: readonly AccountChange[];
  readonly level: number;
  readonly group?: QuarterGroup;
  readonly probe?: ProbeGroup;
}

type RecordError = RecordResult['errors'][number];

/** The quarters of a chunk that failed as a whole, held until all four have answered. */
interface QuarterGroup {
  total: number;
  left: number;
  readonly held: { batch: readonly AccountChange[]; error: RecordError | undefined }[];
}

/**
 * Records sent alone after every quarter failed alike, to tell a trigger that fails any record
 * from bad records that fell in every quarter. `rest` is the quarters' other records.
 */
interface ProbeGroup {
  left: number;
  alike: number;
  readonly error: RecordError | undefined;
  readonly rest: readonly (readonly AccountChange[])[];
}

const PROBES = 2;

function split(batch: readonly AccountChange[], parts: number): AccountChange[][] {
  const size = Math.ceil(batch.length / parts);
  return chunks(batch, size);
}

/**
 * Every quarter failed alike: the trigger may fail for any record (a broken setting, not a bad
 * record), where bisecting would cost a call per record; two records sent alone tell. Otherwise
 * the failed quarters are halved until the bad records stand alone.
 */
function settleQuarters(group: QuarterGroup): Pending[] {
  const messages = new Set(group.held.map((held) => held.error?.message));
  if (group.held.length === group.total && group.total >= PROBES && messages.size === 1) {
    const probed = group.held.slice(0, PROBES).map((held) => held.batch[0]);
    const probe: ProbeGroup = {
      left: probed.length,
      alike: 0,
      error: group.held[0]?.error,
      rest: group.held.map((held) => held.batch.filter((change) => !probed.includes(change))),
    };
    return probed.flatMap((change) => (change ? [{ batch: [change], level: 2, probe }] : []));
  }
  return halves(group.held.map((held) => held.batch));
}

/** Both probes failed like their quarters: every record fails. Else the rest is bisected. */
function settleProbes(
  probe: ProbeGroup,
  fail: (change: AccountChange, error: RecordError | undefined) => void,
): Pending[] {
  if (probe.alike === PROBES) {
    for (const batch of probe.rest) for (const change of batch) fail(change, probe.error);
    return [];
  }
  return halves(probe.rest);
}

function halves(batches: readonly (readonly AccountChange[])[]): Pending[] {
  return batches
    .filter((batch) => batch.length > 0)
    .flatMap((batch) => split(batch, 2).map((part) => ({ batch: part, level: 2 })));
}

/** The record sent alone failed with the trigger error its quarters failed with. */
function failedLikeQuarters(probe: ProbeGroup, result: RecordResult | undefined): boolean {
  const error = result?.errors[0];
  return (
    result?.success === false &&
    error?.statusCode === TRIGGER_FAILURE &&
    error.message === probe.error?.message
  );
}

/** Every record failed, with the same trigger error: the transaction failed, not each record. */
function failedAsWhole(batch: readonly AccountChange[], results: readonly RecordResult[]): boolean {
  if (batch.length < 2 || results.length !== batch.length) return false;
  const first = results[0]?.errors[0];
  return (
    first?.statusCode === TRIGGER_FAILURE &&
    results.every(
      (result) =>
        !result.success &&
        result.errors[0]?.statusCode === TRIGGER_FAILURE &&
        result.errors[0].message === first.message,
    )
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function writeAccounts(
  client: SalesforceClient,
  changes: readonly AccountChange[],
  labels?: CallLabels,
): Promise<WriteOutcome> {
  const written: string[] = [];
  const failed: WriteFailure[] = [];
  let calls = 0;
  let pending = [...changes];
  const send = async (batch: readonly AccountChange[]): Promise<RecordResult[]> => {
    calls += 1;
    return client.updateRecords(
      'Account',
      batch.map((change) => ({ Id: change.id, ...change.values })),
      labels,
    );
  };
  const fail = (change: AccountChange, error: RecordError | undefined): void => {
    failed.push({
      id: change.id,
      errorCode: error?.statusCode ?? 'UNKNOWN',
      message: error?.message ?? 'no result for the record',
    });
  };
  for (const size of BATCH_SIZES) {
    if (pending.length === 0) break;
    const locked: AccountChange[] = [];
    const queue: Pending[] = chunks(pending, size).map((batch) => ({ batch, level: 0 }));
    while (queue.length > 0) {
      const item = queue.shift();
      if (!item) break;
      const { batch, group } = item;
      const results = await send(batch);
      if (failedAsWhole(batch, results)) {
        const error = results[0]?.errors[0];
        if (group) {
          // A quarter of a failed batch: judged with its three siblings.
          group.held.push({ batch, error });
          group.left -= 1;
          if (group.left === 0) queue.unshift(...settleQuarters(group));
        } else if (item.level === 0 && batch.length >= 4) {
          const quarters: QuarterGroup = { total: 0, left: 0, held: [] };
          const parts = split(batch, 4).map((part) => ({ batch: part, level: 1, group: quarters }));
          quarters.total = parts.length;
          quarters.left = parts.length;
          queue.unshift(...parts);
        } else {
          queue.unshift(...split(batch, 2).map((part) => ({ batch: part, level: item.level + 1 })));
        }
        continue;
      }
      if (group) {
        group.left -= 1;
        if (group.left === 0) queue.unshift(...settleQuarters(group));
      }
      const { probe } = item;
      if (probe) {
        if (failedLikeQuarters(probe, results[0])) probe.alike += 1;
        probe.left -= 1;
        if (probe.left === 0) queue.unshift(...settleProbes(probe, fail));
      }
      batch.forEach((change, index) => {
        const result = results[index];
        if (result?.success) {
          written.push(change.id);
          return;
        }
        const error = result?.errors[0];
        if (error?.statusCode === 'UNABLE_TO_LOCK_ROW' && size > 1) {
          locked.push(change);
          return;
        }
        fail(change, error);
      });
    }
    // Locks clear in moments: the next, smaller pass retries only the locked records.
    pending = locked;
  }
  return { written, failed, calls };
}
