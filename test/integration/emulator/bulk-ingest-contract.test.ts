/**
 * Bulk API 2.0 ingest jobs against the reference payloads (../shared/reference/salesforce-payloads/
 * bulk2-ingest-*, bulk2-*-results*): job infos have the reference shapes, result CSVs the reference
 * headers and quoting, rows go through the REST write rules, and the daily limits count.
 */
import { describe, expect, it } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { shapeDifferences } from '../../support/json-shape.js';
import { BATCH_MS, BULK_ORG_OPTIONS, payloadText, reference, useBulkOrg } from './bulk-test-org.js';
import { api, call, login } from './rest-client.js';

const org = useBulkOrg();
const { rest, advance, jobInfo, accountIds, ingest } = org;

describe('ingest jobs', () => {
  it('bulk2-ingest-job-create.json: a new job is Open, with a contentUrl without a leading slash', async () => {
    const response = await rest('POST', '/jobs/ingest', { object: 'Account', operation: 'update' });
    expect(response.status).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(shapeDifferences(reference('bulk2-ingest-job-create.json'), body)).toEqual([]);
    expect(body).toMatchObject({ state: 'Open', object: 'Account', operation: 'update', apiVersion: 64 });
    expect(body['id']).toMatch(/^750[A-Za-z0-9]{15}$/);
    expect(body['contentUrl']).toBe(`services/data/v64.0/jobs/ingest/${String(body['id'])}/batches`);
    expect(body['createdById']).toBe(org.emulator.state.apiUserId);
  });

  it('takes one CSV upload (201, empty body) and refuses a second', async () => {
    const id = (await rest('POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).json<{
      id: string;
    }>().id;
    const first = await rest('PUT', `/jobs/ingest/${id}/batches`, 'Name\nUpload once\n', 'text/csv');
    expect(first.status).toBe(201);
    expect(first.text).toBe('');
    expect(first.headers.get('content-type')).toMatch(/^text\/plain/);
    const second = await rest('PUT', `/jobs/ingest/${id}/batches`, 'Name\nAgain\n', 'text/csv');
    expect(second.status).toBe(400);
    expect(second.json<{ errorCode: string }[]>()[0]?.errorCode).toBe('BULK_API_ERROR');
  });

  it('bulk2-ingest-job-upload-complete.json, then InProgress and JobComplete as the clock moves (bulk2-ingest-job-info-complete.json)', async () => {
    const id = (await rest('POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).json<{
      id: string;
    }>().id;
    await rest('PUT', `/jobs/ingest/${id}/batches`, 'Name\nOne\nTwo\n', 'text/csv');
    const closed = await rest(
      'PATCH',
      `/jobs/ingest/${id}`,
      reference('bulk2-ingest-job-upload-complete.request.json'),
    );
    expect(shapeDifferences(reference('bulk2-ingest-job-upload-complete.json'), closed.json())).toEqual([]);
    expect(closed.json<{ state: string }>().state).toBe('UploadComplete');
    expect((await jobInfo('ingest', id))['state']).toBe('InProgress');
    await advance(BATCH_MS);
    const done = await jobInfo('ingest', id);
    expect(shapeDifferences(reference('bulk2-ingest-job-info-complete.json'), done)).toEqual([]);
    expect(done).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Ingest',
      numberRecordsProcessed: 2,
      numberRecordsFailed: 0,
      retries: 0,
    });
    expect(done['totalProcessingTime']).toBeGreaterThanOrEqual(BATCH_MS);
  });

  it('bulk2-failed-results-example.CONSTRUCTED.csv: a failed insert, byte for byte', async () => {
    const id = await ingest({ object: 'Account', operation: 'insert' }, 'Name\n""\n');
    await advance(BATCH_MS);
    const failed = await rest('GET', `/jobs/ingest/${id}/failedResults`);
    expect(failed.status).toBe(200);
    expect(failed.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(failed.text).toBe(payloadText('bulk2-failed-results-example.CONSTRUCTED.csv'));
    const header = (await rest('GET', `/jobs/ingest/${id}/successfulResults`)).text.split('\n')[0];
    expect(`${header ?? ''}\n`).toBe(payloadText('bulk2-successful-results-header.csv'));
    expect(`${failed.text.split('\n')[0] ?? ''}\n`).toBe(payloadText('bulk2-failed-results-header.csv'));
  });

  it('updates with the REST write rules: sf__Id, sf__Created and sf__Error per row', async () => {
    const [first, second, third] = await accountIds(3);
    const csv = [
      'Id,Health_Status__c,NumberOfEmployees',
      `${first ?? ''},Green,120`,
      `${second ?? ''},Purple,#N/A`,
      `${third ?? ''},,7`,
      '001000000000000AAA,Green,1',
    ].join('\n');
    const id = await ingest({ object: 'Account', operation: 'update' }, csv);
    await advance(BATCH_MS);
    const ok = (await rest('GET', `/jobs/ingest/${id}/successfulResults`)).text;
    expect(ok).toContain(`"${first ?? ''}","false","${first ?? ''}","Green","120"`);
    const failed = (await rest('GET', `/jobs/ingest/${id}/failedResults`)).text;
    expect(failed).toContain(
      `"${second ?? ''}","INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST:Health_Status__c: bad value for restricted picklist field: Purple:Health_Status__c --"`,
    );
    expect(failed).toContain('"INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--"');
    const stored = org.emulator.state.store.recordById(third ?? '');
    expect(stored?.['NumberOfEmployees']).toBe(7);
    expect(stored?.['Health_Status__c']).not.toBe('');
    expect((await jobInfo('ingest', id))['numberRecordsFailed']).toBe(2);
  });

  it('upserts tasks by an external id (sf__Created true, then false)', async () => {
    const csv = 'Pulse_Key__c,Subject,Status,Priority\nbulk-key-1,Call back,Not Started,High\n';
    const created = await ingest(
      { object: 'Task', operation: 'upsert', externalIdFieldName: 'Pulse_Key__c' },
      csv,
    );
    await advance(BATCH_MS);
    expect((await rest('GET', `/jobs/ingest/${created}/successfulResults`)).text).toMatch(
      /"true","bulk-key-1"/,
    );
    const updated = await ingest(
      { object: 'Task', operation: 'upsert', externalIdFieldName: 'Pulse_Key__c' },
      csv.replace('High', 'Low'),
    );
    await advance(BATCH_MS);
    expect((await rest('GET', `/jobs/ingest/${updated}/successfulResults`)).text).toMatch(
      /"false","bulk-key-1"/,
    );
  });

  it('processes internal batches in a seeded order, not the upload order, and the same order every run', async () => {
    const ids = await accountIds(30);
    const csv = ['Id,NumberOfEmployees', ...ids.map((id, i) => `${id},${String(i + 1)}`)].join('\n');
    const run = async (target: RunningEmulator, targetToken: string): Promise<string[]> => {
      const post = (method: string, rest: string, body: unknown, type?: string) =>
        call(target, method, api(rest), { token: targetToken, body, ...(type ? { contentType: type } : {}) });
      // A body no earlier request used: the job id (and so the order) depends on the request's identity.
      const body = { object: 'Account', operation: 'update', lineEnding: 'LF' };
      const id = (await post('POST', '/jobs/ingest', body)).json<{ id: string }>().id;
      await post('PUT', `/jobs/ingest/${id}/batches`, csv, 'text/csv');
      await post('PATCH', `/jobs/ingest/${id}`, { state: 'UploadComplete' });
      await call(target, 'POST', '/__emulator/clock/advance', { body: { ms: 6 * BATCH_MS } });
      const text = (
        await call(target, 'GET', api(`/jobs/ingest/${id}/successfulResults`), { token: targetToken })
      ).text;
      return text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split(',')[0] ?? '');
    };
    const order = await run(org.emulator, org.token);
    expect(order).toHaveLength(30);
    expect(order).not.toEqual(ids.map((id) => `"${id}"`));
    const twin = await startEmulator({ accounts: 30, ...BULK_ORG_OPTIONS });
    try {
      expect(await run(twin, await login(twin))).toEqual(order);
    } finally {
      await twin.close();
    }
  });

  it('lists unprocessed records of an aborted job, and fails a job whose header names an unknown field', async () => {
    const id = (await rest('POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })).json<{
      id: string;
    }>().id;
    await rest('PUT', `/jobs/ingest/${id}/batches`, 'Name\nNever\nWritten\n', 'text/csv');
    expect(
      (await rest('PATCH', `/jobs/ingest/${id}`, { state: 'Aborted' })).json<{ state: string }>().state,
    ).toBe('Aborted');
    expect((await rest('GET', `/jobs/ingest/${id}/unprocessedrecords`)).text).toBe(
      'Name\n"Never"\n"Written"\n',
    );

    const bad = await ingest({ object: 'Account', operation: 'insert' }, 'Name,Colour__c\nX,Blue\n');
    await advance(1);
    expect(await jobInfo('ingest', bad)).toMatchObject({
      state: 'Failed',
      errorMessage: 'InvalidBatch : Field name not found : Colour__c',
    });
  });

  it('refuses an unknown object with INVALIDJOB', async () => {
    const response = await rest('POST', '/jobs/ingest', { object: 'Widget__c', operation: 'insert' });
    expect(response.status).toBe(400);
    expect(response.json()).toEqual([
      { message: 'Unable to find object: Widget__c', errorCode: 'INVALIDJOB' },
    ]);
  });
});

describe('daily Bulk limits', () => {
  it('counts query jobs and ingest batches in /limits, and refuses query jobs once DailyBulkV2QueryJobs is spent', async () => {
    const small = await startEmulator({ accounts: 5, bulkQueryJobLimit: 2, bulkProcessingMs: 1 });
    try {
      const smallToken = await login(small);
      const post = (body: unknown) => call(small, 'POST', api('/jobs/query'), { token: smallToken, body });
      const limits = async () =>
        (await call(small, 'GET', api('/limits'), { token: smallToken })).json<
          Record<string, { Max: number; Remaining: number }>
        >();
      expect((await limits())['DailyBulkV2QueryJobs']).toEqual({ Max: 2, Remaining: 2 });
      expect((await post({ operation: 'query', query: 'SELECT Id FROM Account' })).status).toBe(200);
      expect((await post({ operation: 'query', query: 'SELECT Id FROM Account' })).status).toBe(200);
      const refused = await post({ operation: 'query', query: 'SELECT Id FROM Account' });
      expect(refused.status).toBe(400);
      expect(refused.json<{ errorCode: string }[]>()[0]?.errorCode).toBe('LIMIT_EXCEEDED');
      expect((await limits())['DailyBulkV2QueryJobs']).toEqual({ Max: 2, Remaining: 0 });

      const job = (
        await call(small, 'POST', api('/jobs/ingest'), {
          token: smallToken,
          body: { object: 'Account', operation: 'insert' },
        })
      ).json<{ id: string }>().id;
      await call(small, 'PUT', api(`/jobs/ingest/${job}/batches`), {
        token: smallToken,
        body: 'Name\nA\nB\n',
        contentType: 'text/csv',
      });
      await call(small, 'PATCH', api(`/jobs/ingest/${job}`), {
        token: smallToken,
        body: { state: 'UploadComplete' },
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await limits())['DailyBulkApiBatches']).toEqual({ Max: 15_000, Remaining: 14_999 });
    } finally {
      await small.close();
    }
  });
});
