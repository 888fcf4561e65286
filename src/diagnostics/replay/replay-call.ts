/**
 * Replays a stored call, or bisects a batch that failed as a whole: the call is trusted only when
 * its signature holds, re-sent only in a shape Pulse itself sends and only to the org's own
 * instance, through the org's pipeline (limits and budget apply), once. A write needs the
 * caller's confirmation, and records changed since the original call are held back unless the
 * caller says to overwrite them. The outcome is kept with the original call.
 */
import type { CallStore, FoundCall } from '../call-store/call-store.js';
import { toStoredCall } from '../call-store/call-facts.js';
import type { SalesforceClient } from '../../salesforce/salesforce-client.js';
import { soqlIdList, soqlName, soqlNames } from '../../salesforce/soql.js';
import { bisect, bisectCommitNotice } from './bisect.js';
import {
  compareBeforeWrite,
  recordKeyOf,
  type ChangedField,
  type FieldValues,
} from './compare-before-write.js';
import type { ReplayRefusal } from './replay-refusal.js';
import { isRefusal, replayTarget, type CollectionRecord, type ReplayTarget } from './replay-target.js';
import { succeeded, verdictOf, type ReplayDiff, type Verdict } from './replay-verdict.js';
import { withRecords } from './sub-batch.js';

export interface ReplayOptions {
  /** Needed to send a write. */
  readonly confirm?: boolean;
  /** Show the exact request, send nothing. */
  readonly dryRun?: boolean;
  /** Write records changed since the original call too. */
  readonly overwriteChanged?: boolean;
  /** Find the records that make the batch fail (collection writes). */
  readonly bisect?: boolean;
  /** Who asked (the token's name, or `cli`), kept with the outcome. */
  readonly by: string;
}

export interface ShownRequest {
  readonly method: string;
  readonly url: string;
  readonly body?: string;
  readonly kind: 'read' | 'write';
  readonly shape: string;
}

export type ReplayResult =
  | { readonly outcome: 'refused'; readonly code: string; readonly reason: string }
  | { readonly outcome: 'dry-run'; readonly request: ShownRequest; readonly notice?: string }
  | { readonly outcome: 'confirmation-needed'; readonly request: ShownRequest; readonly reason: string }
  | {
      readonly outcome: 'replayed';
      readonly callId: string;
      readonly verdict: Verdict;
      readonly diff: ReplayDiff;
      readonly heldBack: readonly ChangedField[];
    }
  | {
      readonly outcome: 'bisected';
      readonly reproduced: boolean;
      readonly complete: boolean;
      readonly culprits: readonly string[];
      readonly calls: number;
      readonly committed: number;
      readonly notice: string;
    };

export interface ReplayDeps {
  readonly calls: CallStore;
  /** The org's Salesforce client (opened on demand by the caller). */
  client(org: string): Promise<SalesforceClient>;
  /**
   * The records' values as Pulse last read them from Salesforce (its snapshot), by id: a record
   * that still holds them has not been changed by anyone since. Without it, records the original
   * call failed to write are held back (their earlier values are unknown).
   */
  before?(org: string, sObject: string, ids: readonly string[]): Promise<ReadonlyMap<string, FieldValues>>;
  readonly now?: () => Date;
}

const SALESFORCE_ID = /^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/;

function shown(target: ReplayTarget): ShownRequest {
  return {
    method: target.method,
    url: target.url,
    ...(target.body === undefined ? {} : { body: target.body }),
    kind: target.kind,
    shape: target.shape,
  };
}

const refused = (refusal: ReplayRefusal): ReplayResult => ({
  outcome: 'refused',
  code: refusal.code,
  reason: refusal.reason,
});

async function send(client: SalesforceClient, target: ReplayTarget, originalId: string) {
  const url = new URL(target.url);
  const recorded = await client.send(
    {
      method: target.method,
      path: `${url.pathname}${url.search}`,
      ...(target.body === undefined ? {} : { body: target.body }),
      headers: target.headers,
    },
    { replayOf: originalId, jobId: `replay-${originalId}` },
  );
  return toStoredCall(recorded);
}

/** The records' fields as they are now in Salesforce, by id (one query, at most 200 ids). */
async function currentValues(
  client: SalesforceClient,
  target: ReplayTarget,
  records: readonly CollectionRecord[],
): Promise<Map<string, FieldValues>> {
  const ids = records.map((record) => recordKeyOf(record) ?? '').filter((id) => SALESFORCE_ID.test(id));
  const fields = [...new Set(records.flatMap((record) => Object.keys(record)))].filter(
    (field) => !['attributes', 'id', 'Id'].includes(field) && /^\w+$/.test(field),
  );
  if (ids.length === 0 || !target.sObject || !/^\w+$/.test(target.sObject)) return new Map();
  const soql = `SELECT Id, ${soqlNames(fields)} FROM ${soqlName(target.sObject)} WHERE Id IN ${soqlIdList(ids)}`;
  const page = await client.query<Record<string, unknown>>(soql, { jobId: 'replay-compare' });
  return new Map(page.records.map((record) => [String(record['Id']), record]));
}

export async function replayCall(
  deps: ReplayDeps,
  found: FoundCall,
  options: ReplayOptions,
): Promise<ReplayResult> {
  const now = deps.now ?? (() => new Date());
  const keep = async (result: ReplayResult): Promise<ReplayResult> => {
    await deps.calls.saveReplay(found.org, found.call.id, {
      at: now().toISOString(),
      by: options.by,
      outcome: result.outcome,
      ...(result.outcome === 'replayed' ? { callId: result.callId, verdict: result.verdict } : {}),
      ...(result.outcome === 'refused' ? { detail: result.code } : {}),
      ...(result.outcome === 'bisected'
        ? { detail: { culprits: result.culprits, calls: result.calls } }
        : {}),
    });
    return result;
  };
  if (!found.intact)
    return keep({
      outcome: 'refused',
      code: 'bad_signature',
      reason:
        'the stored call does not match its signature: it was changed after it was recorded, so none of it can be trusted.',
    });
  const client = await deps.client(found.org);
  const { instanceUrl } = await client.session.current();
  const decided = replayTarget(found.call, instanceUrl);
  if (isRefusal(decided)) return keep(refused(decided));
  let target = decided;
  const notice =
    options.bisect && target.kind === 'write' ? bisectCommitNotice(target.records?.length ?? 0) : undefined;
  if (options.dryRun) return { outcome: 'dry-run', request: shown(target), ...(notice ? { notice } : {}) };
  if (target.kind === 'write' && !options.confirm)
    return {
      outcome: 'confirmation-needed',
      request: shown(target),
      reason: `this ${target.shape} call writes to Salesforce: send it again with confirm${notice ? ` (${notice})` : ''}`,
    };
  let heldBack: ChangedField[] = [];
  if (target.kind === 'write' && target.records) {
    const ids = target.records.map((record) => recordKeyOf(record) ?? '');
    const before =
      deps.before && target.sObject ? await deps.before(found.org, target.sObject, ids) : undefined;
    const compared = compareBeforeWrite({
      records: target.records,
      original: found.call,
      current: await currentValues(client, target, target.records),
      ...(before ? { before } : {}),
    });
    heldBack = options.overwriteChanged ? [] : compared.changed;
    const toWrite = options.overwriteChanged ? target.records : compared.safe;
    if (toWrite.length === 0)
      return keep({
        outcome: 'refused',
        code: 'changed_since',
        reason: `every record changed since the original call (${compared.changed.length} field(s)); replay with overwriteChanged to write anyway`,
      });
    target = withRecords(target, toWrite);
  }
  if (options.bisect) {
    const records = target.records;
    if (!records || records.length === 0)
      return {
        outcome: 'refused',
        code: 'not_a_batch',
        reason: `a ${target.shape} call has no records to bisect`,
      };
    const batchTarget = target;
    const result = await bisect(records, async (batch) => {
      const replayed = await send(client, withRecords(batchTarget, batch), found.call.id);
      return succeeded(replayed) ? 'ok' : 'fail';
    });
    return keep({
      outcome: 'bisected',
      reproduced: result.reproduced,
      complete: result.complete,
      culprits: result.culprits.map((record) => recordKeyOf(record) ?? ''),
      calls: result.calls,
      committed: result.committed.reduce((sum, batch) => sum + batch.length, 0),
      notice: notice ?? '',
    });
  }
  const replayed = await send(client, target, found.call.id);
  const { verdict, diff } = verdictOf(found.call, replayed);
  return keep({ outcome: 'replayed', callId: replayed.id, verdict, diff, heldBack });
}
