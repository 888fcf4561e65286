/**
 * The Salesforce client of one org: every call goes through the pipeline (retry -> limiter ->
 * budget -> jsforce -> recording transport), the session is shared with the org's other workers,
 * and what comes back is plain data in Pulse's vocabulary, never jsforce objects.
 */
import { readFileSync } from 'node:fs';

import jsforce from 'jsforce';
import type { Redis } from 'ioredis';

import type { OrgConfig } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { OrgSession } from './auth/org-session.js';
import { createBulkIngest, type BulkIngest } from './bulk-ingest.js';
import { createBulkQueries, type BulkQueries } from './bulk-query.js';
import { createSessionCipher } from './auth/session-cipher.js';
import { createSessionStore } from './auth/session-store.js';
import { toSalesforceError } from './errors/salesforce-error.js';
import { orgApiBudget, type ApiBudget } from './pipeline/api-budget.js';
import { createCallPipeline, type CallLabels } from './pipeline/call-pipeline.js';
import { createOrgLimiter, type OrgLimiter } from './pipeline/org-limiter.js';
import type { CallRecord, CallRecorder } from './transport/call-record.js';
import { queryCursor } from './soql.js';
import { currentCallContext } from './transport/call-context.js';
import { RecordingTransport } from './transport/recording-transport.js';
import type { FieldInfo, OrgLimits, QueryPage, RecordResult, SObjectInfo, UpsertResult } from './types.js';

export interface SalesforceClientDeps {
  readonly orgName: string;
  readonly org: OrgConfig;
  /** A client with Pulse's key prefix: sessions and budget. */
  readonly redis: Redis;
  /** A client without a prefix, owned by the client from now on: the shared limiter. */
  readonly limiterRedis: Redis;
  readonly keyPrefix: string;
  readonly recorder: CallRecorder;
  readonly redactor: Redactor;
  readonly logger: Logger;
  /** Test knobs: refreshes allowed per window before the org stops with an auth error. */
  readonly maxRefreshes?: number;
  readonly minBackoffMs?: number;
  /**
   * Spend into the reserve (never past the org's limit): for the doctor's dozen calls, which must
   * be able to report a spent budget rather than be stopped by it.
   */
  readonly ignoreReserve?: boolean;
}

/** A request to re-send: a path (with its query) under the instance, never a full URL. */
export interface ReplayRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body?: string;
  /** Content type and accept for the request's shape; JSON when absent. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SalesforceClient {
  readonly orgName: string;
  readonly session: OrgSession;
  readonly budget: ApiBudget;
  /** The integration user and org, from the identity URL of the session. */
  identity(): Promise<{ userId: string; orgId: string; instanceUrl: string }>;
  query<T extends Record<string, unknown>>(soql: string, labels?: CallLabels): Promise<QueryPage<T>>;
  /** Like `query`, with deleted records (`IsDeleted = true`) too. */
  queryAll<T extends Record<string, unknown>>(soql: string, labels?: CallLabels): Promise<QueryPage<T>>;
  /** The org's clock, from the Date header of a call that does not count against the API limit. */
  serverTime(labels?: CallLabels): Promise<Date>;
  queryMore<T extends Record<string, unknown>>(
    nextRecordsUrl: string,
    labels?: CallLabels,
  ): Promise<QueryPage<T>>;
  describe(objectName: string, labels?: CallLabels): Promise<SObjectInfo>;
  limits(labels?: CallLabels): Promise<OrgLimits>;
  /**
   * sObject Collections PATCH, `allOrNone: false`: at most 200 records, one result per record in
   * order. A 200 answer can still carry failures: check every result.
   */
  updateRecords(
    objectName: string,
    records: readonly Record<string, unknown>[],
    labels?: CallLabels,
  ): Promise<RecordResult[]>;
  /**
   * sObject Collections upsert by an external id field (`PATCH …/composite/sobjects/{object}/{field}`,
   * `allOrNone: false`): at most 200 records, each carrying a non-empty key; one result per record
   * in order, `created` saying whether the key was new. A retried call matches the records the first
   * one wrote instead of duplicating them. Bad names or records throw before anything is sent.
   */
  upsertRecords(
    objectName: string,
    externalIdField: string,
    records: readonly Record<string, unknown>[],
    labels?: CallLabels,
  ): Promise<UpsertResult[]>;
  /** Bulk API 2.0 query jobs, read set by set. */
  readonly bulk: BulkQueries;
  /** Bulk API 2.0 ingest jobs: the opt-in write path for very large orgs. */
  readonly bulkIngest: BulkIngest;
  /** The API versions the org serves, e.g. `['62.0', '63.0', '64.0']`. */
  apiVersions(labels?: CallLabels): Promise<string[]>;
  /**
   * Sends one request as given, to the org's own instance, through the limiter and the budget,
   * once: whatever Salesforce answers (an error included) is the outcome, returned as the
   * recorder recorded it. For diagnostics replays; the caller has checked the request is one
   * Pulse itself sends. Throws only when nothing could be sent (budget, auth).
   */
  send(request: ReplayRequest, labels?: CallLabels): Promise<CallRecord>;
  close(): Promise<void>;
}

type RawField = Omit<FieldInfo, 'picklistValues'> & {
  picklistValues?: { value: string; active: boolean }[] | null;
};

function toSObjectInfo(raw: { name: string; fields: RawField[] }): SObjectInfo {
  return {
    name: raw.name,
    fields: raw.fields.map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      length: field.length,
      precision: field.precision,
      scale: field.scale,
      custom: field.custom,
      createable: field.createable,
      updateable: field.updateable,
      nillable: field.nillable,
      calculated: field.calculated,
      restrictedPicklist: field.restrictedPicklist,
      picklistValues: (field.picklistValues ?? [])
        .filter((entry) => entry.active)
        .map((entry) => entry.value),
    })),
  };
}

/** Salesforce's records are untyped JSON; callers name the shape they selected. */
function toPage<T>(result: {
  totalSize: number;
  done: boolean;
  records: unknown[];
  nextRecordsUrl?: string;
}): QueryPage<T> {
  return {
    totalSize: result.totalSize,
    done: result.done,
    records: result.records as T[],
    ...(result.nextRecordsUrl ? { nextRecordsUrl: result.nextRecordsUrl } : {}),
  };
}

/** sObject Collections take at most this many records a call. */
const MAX_COLLECTION_RECORDS = 200;
/** jsforce sends an array upsert as one collection call from API 46.0 on; below, one call per record. */
const MIN_COLLECTION_UPSERT_VERSION = 46;
/** One API name part: a letter, then letters and digits, single underscores between them. */
const NAME_PART = '[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*';
/** `Task`, `Pulse_Key__c`, `ns__Field__c`: nothing that could change the path it is put in. */
const API_NAME = new RegExp(`^(?:${NAME_PART}__)?${NAME_PART}(?:__c)?$`);

/**
 * What upsertRecords refuses before sending: a name that is not an API name would be spliced into
 * the URL, and a record without its key would make jsforce throw mid-pipeline (or fall back to one
 * call per record on an old API version). Either is Pulse's own bug, not the org's.
 */
function checkUpsert(
  org: OrgConfig,
  objectName: string,
  externalIdField: string,
  records: readonly Record<string, unknown>[],
): void {
  if (!API_NAME.test(objectName))
    throw new Error(`upsertRecords: ${JSON.stringify(objectName)} is not an sObject API name`);
  if (!API_NAME.test(externalIdField))
    throw new Error(`upsertRecords: ${JSON.stringify(externalIdField)} is not a field API name`);
  if (records.length > MAX_COLLECTION_RECORDS)
    throw new Error(`upsertRecords takes at most ${MAX_COLLECTION_RECORDS} records, got ${records.length}`);
  if (Number(org.apiVersion) < MIN_COLLECTION_UPSERT_VERSION)
    throw new Error(
      `upsertRecords needs API ${MIN_COLLECTION_UPSERT_VERSION}.0 or later for one collection call; the org uses ${org.apiVersion}`,
    );
  records.forEach((record, index) => {
    const key = record[externalIdField];
    // jsforce takes any falsy key (0 included) for a missing one.
    const usable =
      (typeof key === 'string' && key !== '') ||
      (typeof key === 'number' && Number.isFinite(key) && key !== 0);
    if (!usable) throw new Error(`upsertRecords: record ${index} has no ${externalIdField} value`);
  });
}

/** The org's configured secrets, in a fixed order: what the key sealing its shared session comes from. */
function configuredSecrets(org: OrgConfig, privateKeyPem: string | undefined): string[] {
  switch (org.authFlow) {
    case 'jwt':
      return [privateKeyPem ?? ''];
    case 'refresh_token':
      return [org.refreshToken, org.clientSecret ?? ''];
    case 'client_credentials':
      return [org.clientSecret];
    case 'password':
      return [org.clientSecret, org.password, org.securityToken ?? ''];
  }
}

export async function createSalesforceClient(deps: SalesforceClientDeps): Promise<SalesforceClient> {
  const { org, orgName, logger } = deps;
  let lastServerTime: Date | undefined;
  const transport = new RecordingTransport({
    onServerTime: (time) => {
      lastServerTime = time;
    },
    orgId: orgName,
    recorder: deps.recorder,
    redactor: deps.redactor,
    timeoutMs: org.requestLimits.timeout,
  });
  const oauth2 = new jsforce.OAuth2({
    loginUrl: org.loginUrl,
    clientId: org.clientId,
    ...('clientSecret' in org && org.clientSecret ? { clientSecret: org.clientSecret } : {}),
    redirectUri: `${org.loginUrl}/services/oauth2/success`,
  });
  // jsforce keeps its transport private; Pulse's must carry every request, token calls included.
  (oauth2 as unknown as { _transport: RecordingTransport })._transport = transport;

  const privateKeyPem = org.authFlow === 'jwt' ? readFileSync(org.privateKeyFile, 'utf8') : undefined;
  const session = new OrgSession({
    orgName,
    org,
    store: createSessionStore(
      deps.redis,
      orgName,
      createSessionCipher(orgName, configuredSecrets(org, privateKeyPem)),
    ),
    oauth2,
    ...(privateKeyPem === undefined ? {} : { privateKeyPem }),
    logger,
    ...(deps.maxRefreshes === undefined ? {} : { maxRefreshes: deps.maxRefreshes }),
  });
  const budget = orgApiBudget(deps.redis, orgName, org, { ignoreReserve: deps.ignoreReserve === true });
  const limiter: OrgLimiter = await createOrgLimiter(
    deps.limiterRedis,
    deps.keyPrefix,
    orgName,
    org.requestLimits,
  );
  const pipeline = createCallPipeline({
    orgName,
    limiter,
    budget,
    logger,
    maxAttempts: org.requestLimits.maxAttempts,
    timeoutMs: org.requestLimits.timeout,
    concurrentLimitWaitMs: org.requestLimits.concurrentLimitWait,
    concurrentLimitThrottleMs: org.requestLimits.concurrentLimitThrottle,
    ...(deps.minBackoffMs === undefined ? {} : { minBackoffMs: deps.minBackoffMs }),
  });

  let connection: jsforce.Connection | undefined;
  let identityUrl = '';
  async function connect(): Promise<jsforce.Connection> {
    if (connection) return connection;
    const current = await session.current().catch((error: unknown) => {
      throw toSalesforceError(error);
    });
    identityUrl = current.identityUrl;
    const conn = new jsforce.Connection({
      version: org.apiVersion,
      instanceUrl: current.instanceUrl,
      accessToken: current.accessToken,
      oauth2,
      // The only way a session is refreshed: counted and shared (see OrgSession).
      refreshFn: (stale, callback) => {
        session
          .refresh(stale.accessToken ?? undefined)
          .then((fresh) => {
            identityUrl = fresh.identityUrl;
            callback(null, fresh.accessToken);
          })
          .catch((error: unknown) => {
            callback(error instanceof Error ? error : new Error(String(error)));
          });
      },
    });
    (conn as unknown as { _transport: RecordingTransport })._transport = transport;
    connection = conn;
    return conn;
  }

  const run = <T>(
    operation: string,
    labels: CallLabels | undefined,
    work: (conn: jsforce.Connection) => Promise<T>,
  ) =>
    pipeline.call(
      operation,
      async () => {
        const conn = await connect();
        let result: T;
        try {
          result = await work(conn);
        } catch (error) {
          throw session.explainFailure(error);
        }
        await session.callSucceeded();
        return result;
      },
      labels,
    );

  return {
    orgName,
    session,
    budget,
    bulk: createBulkQueries(run),
    bulkIngest: createBulkIngest(run),
    updateRecords: (objectName, records, labels) =>
      run('updateRecords', labels, async (conn) => {
        if (records.length > 200)
          throw new Error(`updateRecords takes at most 200 records, got ${records.length}`);
        const results = await conn
          .sobject(objectName)
          .update(records.map((record) => ({ ...record })) as never[], { allOrNone: false });
        // jsforce types the errors' code as errorCode; Salesforce sends statusCode.
        return (results as unknown as RecordResult[]).map((result) => ({
          ...(result.id ? { id: result.id } : {}),
          success: result.success,
          errors: result.errors,
        }));
      }),
    async upsertRecords(objectName, externalIdField, records, labels) {
      checkUpsert(org, objectName, externalIdField, records);
      // jsforce would answer [] without a request; skip the budget debit and the login too.
      if (records.length === 0) return [];
      return run('upsertRecords', labels, async (conn) => {
        const results = await conn.sobject(objectName).upsert(
          records.map((record) => ({ ...record })),
          externalIdField,
          { allOrNone: false },
        );
        // jsforce types the errors' code as errorCode; Salesforce sends statusCode.
        return (results as unknown as UpsertResult[]).map((result) => ({
          ...(result.id ? { id: result.id } : {}),
          success: result.success,
          ...(typeof result.created === 'boolean' ? { created: result.created } : {}),
          errors: result.errors,
        }));
      });
    },
    async identity() {
      const conn = await connect();
      const [orgId = '', userId = ''] = identityUrl.split('/').slice(-2);
      return { orgId, userId, instanceUrl: conn.instanceUrl };
    },
    query: (soql, labels) =>
      run('query', labels, async (conn) => {
        const result = await conn.query<Record<string, unknown>>(soql, { autoFetch: false });
        return toPage(result);
      }),
    queryAll: (soql, labels) =>
      run('queryAll', labels, async (conn) => {
        const result = await conn.query<Record<string, unknown>>(soql, { autoFetch: false, scanAll: true });
        return toPage(result);
      }),
    async serverTime(labels) {
      // The versions list is not counted by Salesforce; its Date header is the server's clock.
      await run('serverTime', labels, (conn) => conn.request('/services/data/'));
      return lastServerTime ?? new Date();
    },
    async queryMore(nextRecordsUrl, labels) {
      // Checked before the pipeline: a bad cursor is refused, never retried or sent.
      const cursor = queryCursor(nextRecordsUrl);
      return run('queryMore', labels, async (conn) => {
        const result = await conn.queryMore<Record<string, unknown>>(cursor);
        return toPage(result);
      });
    },
    describe: (objectName, labels) =>
      run('describe', labels, async (conn) =>
        toSObjectInfo((await conn.describe(objectName)) as unknown as { name: string; fields: RawField[] }),
      ),
    limits: (labels) => run('limits', labels, async (conn) => (await conn.limits()) as unknown as OrgLimits),
    apiVersions: (labels) =>
      run('apiVersions', labels, async (conn) => {
        const versions = await conn.request<{ version: string }[]>('/services/data/');
        return versions.map((entry) => entry.version);
      }),
    send: (request, labels) =>
      run('replay', labels, async (conn) => {
        if (!request.path.startsWith('/services/'))
          throw new Error(`not a Salesforce API path: ${request.path}`);
        try {
          await conn.request({
            method: request.method,
            url: request.path,
            ...(request.body === undefined ? {} : { body: request.body }),
            headers: { 'content-type': 'application/json', ...request.headers },
          });
        } catch {
          // The answer, an error included, is in the record: a replay is not retried.
        }
        const recorded = currentCallContext()?.lastCall;
        if (!recorded) throw new Error('the replay was not sent');
        return recorded;
      }),
    async close() {
      await limiter.close();
    },
  };
}
