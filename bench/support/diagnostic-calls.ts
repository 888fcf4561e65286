/**
 * A week of one org's Salesforce calls as the recording transport records them (redacted headers,
 * bodies bounded as it bounds them, error codes and class read by its own `errorsOf`, the
 * Sforce-Limit-Info usage), for benchmarks of the diagnostics call store. Deterministic for a seed
 * (but for call and run ids, random UUIDs as in production), generated a call at a time in start
 * order, so 100,000 calls never sit in memory at once.
 *
 * The mix (MIX below), per call: 90% succeed — incremental queryAll pages of 1-41 records, full
 * pages of 2,000 records cut at the answer bound, sObject Collections PATCHes of up to 200 accounts
 * (the request, ~85 KB, kept whole under the request bound), describes (cut), limits, token and
 * versions calls — and 10% fail: UNABLE_TO_LOCK_ROW and FIELD_CUSTOM_VALIDATION_EXCEPTION record
 * errors in PATCHes (HTTP 200), SERVER_UNAVAILABLE 503 and ECONNRESET (no answer) on queries and
 * PATCHes, INVALID_SESSION_ID 401 and REQUEST_LIMIT_EXCEEDED 403 on queries. Runs are evenly spread
 * over the window, each with its pull jobs (one per pulled object) and five score jobs.
 */
import { randomUUID } from 'node:crypto';

import { REDACTED } from '../../src/redaction/redactor.js';
import type { CallRecord } from '../../src/salesforce/transport/call-record.js';
import { errorsOf, parseApiUsage } from '../../src/salesforce/transport/describe-response.js';
import { newRunId } from '../../src/sync/run/run-state.js';

/** As src/salesforce/transport/recording-transport.ts bounds them: answers 64 KiB, requests 512 KiB. */
export const RESPONSE_BODY_BOUND = 64 * 1024;
export const REQUEST_BODY_BOUND = 512 * 1024;

export const CALL_SHAPES = [
  'query',
  'full query',
  'patch',
  'describe',
  'limits',
  'token',
  'versions',
  'lock',
  'validation',
  '503',
  'reset',
  '401',
  '403',
] as const;
export type CallShape = (typeof CALL_SHAPES)[number];

/** Share of calls, percent. */
const MIX: Readonly<Record<CallShape, number>> = {
  query: 71.5,
  'full query': 2,
  patch: 4,
  describe: 1.5,
  limits: 3,
  token: 3,
  versions: 4.5,
  lock: 2.5,
  validation: 1.5,
  '503': 2,
  reset: 2,
  '401': 1,
  '403': 1,
};

/** What each failed shape is about: the Salesforce code (or network code) it records. */
export const FAILED_SHAPE_CODES: Readonly<Partial<Record<CallShape, string>>> = {
  lock: 'UNABLE_TO_LOCK_ROW',
  validation: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
  '503': 'SERVER_UNAVAILABLE',
  reset: 'ECONNRESET',
  '401': 'INVALID_SESSION_ID',
  '403': 'REQUEST_LIMIT_EXCEEDED',
};

export interface WeekOptions {
  readonly org: string;
  readonly calls: number;
  readonly runs: number;
  /** The first call's time and the last's bound. */
  readonly from: Date;
  readonly to: Date;
  readonly seed?: number;
}

export interface GeneratedCall {
  readonly record: CallRecord;
  readonly shape: CallShape;
}

const OBJECTS = ['Account', 'Opportunity', 'Case'] as const;
type PulledObject = (typeof OBJECTS)[number];
const FIELDS: Readonly<Record<PulledObject, readonly string[]>> = {
  Account: [
    'Id',
    'Name',
    'Type',
    'AnnualRevenue',
    'OwnerId',
    'CreatedDate',
    'LastActivityDate',
    'SystemModstamp',
    'IsDeleted',
    'CurrencyIsoCode',
    'Health_Score__c',
    'Health_Status__c',
    'Health_Score_Change__c',
    'Escalation_Status__c',
    'Risk_Flags__c',
    'Health_Reasons__c',
  ],
  Opportunity: [
    'Id',
    'AccountId',
    'StageName',
    'IsClosed',
    'IsWon',
    'CloseDate',
    'Amount',
    'Probability',
    'Type',
    'SystemModstamp',
    'IsDeleted',
    'CurrencyIsoCode',
  ],
  Case: [
    'Id',
    'AccountId',
    'Priority',
    'Status',
    'IsClosed',
    'IsEscalated',
    'CreatedDate',
    'ClosedDate',
    'SystemModstamp',
    'IsDeleted',
    'CaseNumber',
    'First_Response_At__c',
  ],
};
const KEY_PREFIX: Readonly<Record<PulledObject, string>> = {
  Account: '001',
  Opportunity: '006',
  Case: '500',
};
const NAMES = [
  'Acme Logistics Inc.',
  'Northwind Traders',
  'Müller Maschinenbau GmbH',
  'Société Générale d’Équipement',
  'Øresund Fragt ApS',
  '株式会社 山田製作所',
  'Globex Corporation',
  'Initech Software LLC',
  'São Paulo Distribuição Ltda',
  'Umbrella Health Partners',
  'Blue Ridge Outfitters',
  'Zürcher Versicherungs-AG',
];
const REASONS = [
  'Open P1 cases: 2, oldest open 3-5 business days',
  'Renewal opportunity: closes in 31-60 days, stage Negotiation',
  'Days since last activity: 45-90',
  'Escalated cases in the last 90 days: 1',
  'Won opportunities in the last year: 3 (USD 120K-250K)',
  'Case volume, last 30 days: 12 (above the segment’s usual 4)',
];
const API = '/services/data/v64.0';

/** mulberry32: a small, fast, seedable generator. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An answer as recorded; `cut` when the transport cut it (it read the whole answer's errors). */
interface Answer {
  readonly body: string;
  readonly cut?: boolean;
}

const wholeAnswer = (body: string): Answer =>
  body.length > RESPONSE_BODY_BOUND ? { body: bounded(body, RESPONSE_BODY_BOUND), cut: true } : { body };

function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…[cut: ${text.length - max} more characters]`;
}

/** Salesforce's datetime format in answers: `2026-11-21T06:01:02.000+0000`. */
const sfDateTime = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000');
const sfDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** SOQL's: UTC, seconds. */
const soqlDateTime = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

const BASE_RESPONSE_HEADERS = {
  server: 'sfdcedge',
  'cache-control': 'no-cache,must-revalidate,max-age=0,no-store,private',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'none',
  vary: 'Accept-Encoding',
  'content-type': 'application/json;charset=UTF-8',
  'transfer-encoding': 'chunked',
  connection: 'keep-alive',
  'set-cookie': REDACTED,
};

export function* weekOfCalls(options: WeekOptions): Generator<GeneratedCall> {
  const next = random(options.seed ?? 42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const origin = `https://${options.org}.my.salesforce.com`;
  const id = (prefix: string, n: number): string => `${prefix}Hs0000${String(n).padStart(9, '0')}AAA`;
  const shapes = Object.entries(MIX) as [CallShape, number][];
  const totalWeight = shapes.reduce((sum, [, weight]) => sum + weight, 0);
  const shapeOf = (): CallShape => {
    let draw = next() * totalWeight;
    for (const [shape, weight] of shapes) {
      draw -= weight;
      if (draw < 0) return shape;
    }
    return 'query';
  };

  const span = options.to.getTime() - options.from.getTime();
  const runEvery = span / options.runs;
  let runIndex = -1;
  let runId = '';
  let runStart = 0;
  let runFirstCall = 0;
  let runCalls = 1;

  const record = (fields: Readonly<Record<string, unknown>>, object: PulledObject): string =>
    JSON.stringify({
      attributes: { type: object, url: `${API}/sobjects/${object}/${String(fields['Id'])}` },
      ...Object.fromEntries(FIELDS[object].map((field) => [field, fields[field] ?? null])),
    });
  const accountFields = (n: number, at: number) => ({
    Id: id('001', n),
    Name: `${pick(NAMES)} #${n}`,
    Type: pick(['Customer - Direct', 'Customer - Channel', 'Partner']),
    AnnualRevenue: int(1, 900) * 100_000,
    OwnerId: id('005', n % 40),
    CreatedDate: sfDateTime(at - int(200, 2000) * 86_400_000),
    LastActivityDate: sfDate(at - int(0, 90) * 86_400_000),
    SystemModstamp: sfDateTime(at - int(0, 900_000)),
    IsDeleted: false,
    CurrencyIsoCode: pick(['USD', 'EUR', 'JPY', 'GBP']),
    Health_Score__c: int(10, 98),
    Health_Status__c: pick(['Green', 'Yellow', 'Red']),
    Health_Score_Change__c: int(-12, 12),
    Escalation_Status__c: pick(['None', 'None', 'Watch', 'Escalated']),
    Risk_Flags__c: pick([null, 'Open escalations', 'Declining activity;Open escalations']),
    Health_Reasons__c: REASONS.slice(0, int(2, 5)).join('\n'),
  });
  const queryRecord = (object: PulledObject, n: number, at: number): string => {
    const account = id('001', n % 5000);
    switch (object) {
      case 'Account':
        return record(accountFields(n, at), object);
      case 'Opportunity':
        return record(
          {
            Id: id('006', n),
            AccountId: account,
            StageName: pick(['Prospecting', 'Negotiation', 'Closed Won', 'Closed Lost']),
            IsClosed: next() < 0.4,
            IsWon: next() < 0.2,
            CloseDate: sfDate(at + int(-200, 200) * 86_400_000),
            Amount: int(1, 500) * 1000,
            Probability: pick([10, 20, 50, 75, 90, 100]),
            Type: pick(['New Business', 'Renewal', 'Upsell']),
            SystemModstamp: sfDateTime(at - int(0, 900_000)),
            IsDeleted: false,
            CurrencyIsoCode: 'USD',
          },
          object,
        );
      case 'Case':
        return record(
          {
            Id: id('500', n),
            AccountId: account,
            Priority: pick(['P1', 'P2', 'P3', 'P4']),
            Status: pick(['New', 'Working', 'Escalated', 'Closed']),
            IsClosed: next() < 0.5,
            IsEscalated: next() < 0.1,
            CreatedDate: sfDateTime(at - int(0, 60) * 86_400_000),
            ClosedDate: next() < 0.5 ? sfDateTime(at - int(0, 900_000)) : null,
            SystemModstamp: sfDateTime(at - int(0, 900_000)),
            IsDeleted: false,
            CaseNumber: String(n).padStart(8, '0'),
            First_Response_At__c: sfDateTime(at - int(0, 30) * 86_400_000),
          },
          object,
        );
    }
  };
  /** A queryAll page answer: `count` records, cut at the answer bound like the transport cuts it. */
  const queryAnswer = (object: PulledObject, count: number, at: number): Answer => {
    const head = `{"totalSize":${count},"done":true,"records":[`;
    const parts: string[] = [];
    let length = head.length;
    const first = int(0, 400_000);
    for (let i = 0; i < count && length <= RESPONSE_BODY_BOUND; i += 1) {
      const text = queryRecord(object, first + i, at);
      parts.push(text);
      length += text.length + 1;
    }
    const body = `${head}${parts.join(',')}]}`;
    if (parts.length === count) return { body };
    // The rest of a full page is not built: its length is estimated from the records built.
    const estimated = Math.round((body.length / parts.length) * count);
    return {
      body: `${body.slice(0, RESPONSE_BODY_BOUND)}…[cut: ${estimated - RESPONSE_BODY_BOUND} more characters]`,
      cut: true,
    };
  };
  const queryPath = (object: PulledObject, at: number, page: number): string => {
    const to = at - 120_000;
    const from = to - runEvery;
    const cursor =
      page > 0
        ? ` AND (SystemModstamp > ${soqlDateTime(from + page * 1000)} OR (SystemModstamp = ${soqlDateTime(from + page * 1000)} AND Id > '${id(KEY_PREFIX[object], page * 2000)}'))`
        : '';
    const soql = `SELECT ${FIELDS[object].join(', ')} FROM ${object} WHERE SystemModstamp >= ${soqlDateTime(from)} AND SystemModstamp < ${soqlDateTime(to)}${cursor} ORDER BY SystemModstamp, Id LIMIT 2000`;
    return `?q=${encodeURIComponent(soql)}`;
  };
  /** An sObject Collections PATCH of `count` accounts (jsforce's `update` with allOrNone false). */
  const patchRequest = (count: number, at: number): { body: string; ids: string[] } => {
    const first = int(0, 5000 - count);
    const ids: string[] = [];
    const records = Array.from({ length: count }, (_, i) => {
      const fields = accountFields(first + i, at);
      ids.push(fields.Id);
      return {
        attributes: { type: 'Account' },
        Id: fields.Id,
        Health_Score__c: fields.Health_Score__c,
        Health_Status__c: fields.Health_Status__c,
        Health_Score_Change__c: fields.Health_Score_Change__c,
        Escalation_Status__c: fields.Escalation_Status__c,
        Risk_Flags__c: fields.Risk_Flags__c,
        Health_Reasons__c: fields.Health_Reasons__c,
      };
    });
    return { body: JSON.stringify({ allOrNone: false, records }), ids };
  };
  const patchAnswer = (ids: readonly string[], failing: ReadonlyMap<number, object>): string =>
    JSON.stringify(
      ids.map((recordId, index) => {
        const error = failing.get(index);
        return error ? { success: false, errors: [error] } : { id: recordId, success: true, errors: [] };
      }),
    );
  const describes = new Map<PulledObject, Answer>(
    OBJECTS.map((object) => [
      object,
      wholeAnswer(
        JSON.stringify({
          actionOverrides: [],
          activateable: false,
          childRelationships: Array.from({ length: 40 }, (_, i) => ({
            cascadeDelete: false,
            childSObject: `Child${i}__c`,
            deprecatedAndHidden: false,
            field: `${object}Id`,
            junctionIdListNames: [],
            junctionReferenceTo: [],
            relationshipName: `Children${i}__r`,
            restrictedDelete: false,
          })),
          fields: Array.from({ length: 120 }, (_, i) => ({
            aggregatable: true,
            autoNumber: false,
            byteLength: 18,
            calculated: false,
            cascadeDelete: false,
            caseSensitive: false,
            createable: true,
            custom: i > 40,
            defaultValue: null,
            defaultedOnCreate: false,
            digits: 0,
            filterable: true,
            groupable: true,
            inlineHelpText: null,
            label: `Field ${i}`,
            length: 255,
            name: FIELDS[object][i] ?? `Custom_Field_${i}__c`,
            nillable: true,
            picklistValues: [],
            precision: 0,
            referenceTo: [],
            relationshipName: null,
            scale: 0,
            soapType: 'xsd:string',
            sortable: true,
            type: 'string',
            unique: false,
            updateable: true,
          })),
          label: object,
          name: object,
          urls: { describe: `${API}/sobjects/${object}/describe`, sobject: `${API}/sobjects/${object}` },
        }),
      ),
    ]),
  );
  const limitsAnswer = (used: number): string =>
    JSON.stringify(
      Object.fromEntries(
        [
          'ActiveScratchOrgs',
          'AnalyticsExternalDataSizeMB',
          'ConcurrentAsyncGetReportInstances',
          'ConcurrentSyncReportRuns',
          'DailyAnalyticsDataflowJobExecutions',
          'DailyApiRequests',
          'DailyAsyncApexExecutions',
          'DailyBulkApiBatches',
          'DailyBulkV2QueryFileStorageMB',
          'DailyBulkV2QueryJobs',
          'DailyDurableGenericStreamingApiEvents',
          'DailyDurableStreamingApiEvents',
          'DailyGenericStreamingApiEvents',
          'DailyStandardVolumePlatformEvents',
          'DailyStreamingApiEvents',
          'DailyWorkflowEmails',
          'DataStorageMB',
          'FileStorageMB',
          'HourlyAsyncReportRuns',
          'HourlyDashboardRefreshes',
          'HourlyODataCallout',
          'HourlySyncReportRuns',
          'HourlyTimeBasedWorkflow',
          'MassEmail',
          'PermissionSets',
          'SingleEmail',
          'StreamingApiConcurrentClients',
        ].map((name) => [
          name,
          name === 'DailyApiRequests'
            ? { Max: 1_000_000, Remaining: 1_000_000 - used, 'Pulse API': { Max: 0, Remaining: 0 } }
            : { Max: 10_000, Remaining: int(0, 10_000) },
        ]),
      ),
    );
  const versionsAnswer = JSON.stringify(
    Array.from({ length: 36 }, (_, i) => ({
      label: `API ${31 + i}.0`,
      url: `/services/data/v${31 + i}.0`,
      version: `${31 + i}.0`,
    })),
  );

  for (let n = 0; n < options.calls; n += 1) {
    const run = Math.floor((n * options.runs) / options.calls);
    if (run !== runIndex) {
      runIndex = run;
      runStart = options.from.getTime() + run * runEvery;
      runId = newRunId(new Date(runStart));
      runFirstCall = n;
      runCalls = Math.max(1, Math.ceil(((run + 1) * options.calls) / options.runs) - n);
    }
    // A run's calls fill the first half of its slot, in order, a few hundred ms or seconds apart.
    const at = Math.floor(runStart + ((n - runFirstCall) * runEvery * 0.5) / runCalls);
    // The org's API usage (Sforce-Limit-Info) climbs through the day, its other integrations included.
    const apiUsed = Math.round(80_000 + ((at % 86_400_000) / 86_400_000) * 400_000);
    const shape = shapeOf();
    const object = pick(OBJECTS);
    const pullJob = `${runId}-pull-${object}`;
    const scoreJob = `${runId}-score-${int(0, 4) * 1000}`;
    const requestId = randomUUID().replace(/-/g, '');
    const headers = (status: number): Record<string, string> => ({
      ...BASE_RESPONSE_HEADERS,
      date: new Date(at).toUTCString(),
      'x-request-id': requestId,
      'x-sfdc-request-id': requestId,
      ...(status === 200 || status === 403 ? { 'sforce-limit-info': `api-usage=${apiUsed}/1000000` } : {}),
    });
    const requestHeaders = (body: boolean): Record<string, string> => ({
      authorization: REDACTED,
      ...(body ? { 'content-type': 'application/json' } : {}),
      'Sforce-Call-Options': 'client=Pulse',
    });
    const base = {
      id: randomUUID(),
      orgId: options.org,
      runId,
      attempt: 1,
      kind: 'api' as const,
      startedAt: new Date(at).toISOString(),
      origin,
    };
    /** As the transport records an answer: its errors read from the whole answer, its body bounded. */
    const answered = (
      call: Omit<CallRecord, 'status' | 'responseHeaders' | 'responseBody'>,
      status: number,
      answer: Answer | string,
    ): CallRecord => {
      const { body, cut } = typeof answer === 'string' ? wholeAnswer(answer) : answer;
      const responseHeaders = headers(status);
      // A cut answer here is a successful page or describe: as whole, it holds no error.
      const errors: ReturnType<typeof errorsOf> = cut
        ? { codes: [] }
        : errorsOf(status, body, responseHeaders['content-type']);
      const usage = parseApiUsage(responseHeaders['sforce-limit-info']);
      return {
        ...call,
        status,
        responseHeaders,
        responseBody: body,
        sfRequestId: requestId,
        ...(errors.codes.length > 0 ? { errorCodes: errors.codes } : {}),
        ...(errors.errorClass ? { errorClass: errors.errorClass } : {}),
        ...(usage ? { apiUsage: usage } : {}),
      };
    };
    /** As the transport records a call that got no answer. */
    const reset = (call: Omit<CallRecord, 'status' | 'responseHeaders' | 'responseBody'>): CallRecord => ({
      ...call,
      errorCodes: ['ECONNRESET'],
      errorClass: 'transient',
    });
    const query = (durationMs: number) => ({
      ...base,
      jobId: pullJob,
      durationMs,
      method: 'GET',
      path: `${API}/queryAll`,
      query: queryPath(object, at, shape === 'full query' ? int(1, 60) : 0),
      requestHeaders: requestHeaders(false),
    });
    const patch = (durationMs: number, count: number, attempt = 1) => {
      const request = patchRequest(count, at);
      return {
        call: {
          ...base,
          jobId: scoreJob,
          attempt,
          durationMs,
          method: 'PATCH',
          path: `${API}/composite/sobjects`,
          query: '',
          requestHeaders: requestHeaders(true),
          requestBody: bounded(request.body, REQUEST_BODY_BOUND),
        },
        ids: request.ids,
      };
    };
    const failingRecords = (count: number, error: (recordId: string) => object, ids: readonly string[]) => {
      const failing = new Map<number, object>();
      while (failing.size < count) {
        const index = int(0, ids.length - 1);
        failing.set(index, error(ids[index] ?? ''));
      }
      return failing;
    };

    let call: CallRecord;
    switch (shape) {
      case 'query':
        call = answered(query(int(90, 900)), 200, queryAnswer(object, 1 + Math.floor(40 * next() ** 3), at));
        break;
      case 'full query':
        call = answered(query(int(1500, 6000)), 200, queryAnswer(object, 2000, at));
        break;
      case 'patch': {
        const { call: sent, ids } = patch(int(600, 4000), next() < 0.7 ? 200 : int(1, 199));
        call = answered(sent, 200, patchAnswer(ids, new Map()));
        break;
      }
      case 'lock': {
        // The first pass of 200, or writeAccounts' smaller retries of the locked records.
        const size = pick([200, 200, 50, 10, 1]);
        const { call: sent, ids } = patch(int(2000, 12_000), size, size === 200 ? 1 : 2);
        const failing = failingRecords(
          Math.max(1, int(1, Math.ceil(size / 8))),
          (recordId) => ({
            statusCode: 'UNABLE_TO_LOCK_ROW',
            message: `unable to obtain exclusive access to this record or 1 records: ${recordId}`,
            fields: [],
          }),
          ids,
        );
        call = answered(sent, 200, patchAnswer(ids, failing));
        break;
      }
      case 'validation': {
        const { call: sent, ids } = patch(int(600, 4000), next() < 0.8 ? 200 : int(1, 199));
        const failing = failingRecords(
          Math.min(ids.length, int(1, 4)),
          () => ({
            statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
            message: 'Health status cannot turn Green while an escalation is open',
            fields: ['Health_Status__c'],
          }),
          ids,
        );
        call = answered(sent, 200, patchAnswer(ids, failing));
        break;
      }
      case '503': {
        const body = JSON.stringify([{ message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' }]);
        call =
          next() < 0.75
            ? answered({ ...query(int(30, 2000)), attempt: int(1, 3) }, 503, body)
            : answered(patch(int(30, 2000), 200, int(1, 3)).call, 503, body);
        break;
      }
      case 'reset':
        call =
          next() < 0.7
            ? reset({ ...query(int(50, 60_000)), attempt: int(1, 3) })
            : reset(patch(int(50, 60_000), 200, int(1, 3)).call);
        break;
      case '401':
        call = answered(
          query(int(40, 200)),
          401,
          JSON.stringify([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]),
        );
        break;
      case '403':
        call = answered(
          query(int(40, 200)),
          403,
          JSON.stringify([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]),
        );
        break;
      case 'describe':
        call = answered(
          {
            ...base,
            jobId: pullJob,
            durationMs: int(150, 900),
            method: 'GET',
            path: `${API}/sobjects/${object}/describe`,
            query: '',
            requestHeaders: requestHeaders(false),
          },
          200,
          describes.get(object) ?? '{}',
        );
        break;
      case 'limits':
        call = answered(
          {
            ...base,
            jobId: pullJob,
            durationMs: int(60, 300),
            method: 'GET',
            path: `${API}/limits`,
            query: '',
            requestHeaders: requestHeaders(false),
          },
          200,
          limitsAnswer(apiUsed),
        );
        break;
      case 'versions':
        call = answered(
          {
            ...base,
            jobId: pullJob,
            durationMs: int(40, 200),
            method: 'GET',
            path: '/services/data/',
            query: '',
            requestHeaders: requestHeaders(false),
          },
          200,
          versionsAnswer,
        );
        break;
      case 'token':
        call = answered(
          {
            ...base,
            jobId: pullJob,
            kind: 'token',
            durationMs: int(120, 600),
            method: 'POST',
            path: '/services/oauth2/token',
            query: '',
            requestHeaders: { 'content-type': 'application/x-www-form-urlencoded' },
            requestBody: `grant_type=client_credentials&client_id=${REDACTED}&client_secret=${REDACTED}`,
          },
          200,
          JSON.stringify({
            access_token: REDACTED,
            signature: REDACTED,
            scope: 'api',
            instance_url: origin,
            id: `https://login.salesforce.com/id/00DHs000000bench/${id('005', 1)}`,
            token_type: 'Bearer',
            issued_at: String(at),
          }),
        );
        break;
    }
    yield { record: call, shape };
  }
}
