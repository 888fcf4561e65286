/**
 * Bulk API 2.0 query jobs against the reference payloads (../shared/reference/salesforce-payloads/
 * bulk2-query-*, error-bulk2-query-results-job-not-complete.json): the state machine, CSV result
 * sets paged by Sforce-Locator and maxRecords, the version check, queryAll and retention.
 */
import { describe, expect, it } from 'vitest';

import { shapeDifferences } from '../../support/json-shape.js';
import { BATCH_MS, payloadText, reference, useBulkOrg } from './bulk-test-org.js';
import { call } from './rest-client.js';

const org = useBulkOrg();
const { rest, advance, jobInfo, accountIds } = org;

describe('query jobs', () => {
  async function queryJob(query: string, operation = 'query'): Promise<string> {
    const response = await rest('POST', '/jobs/query', { operation, query });
    expect(response.status).toBe(200);
    return response.json<{ id: string }>().id;
  }

  it('bulk2-query-job-create.json: a query job starts UploadComplete; results before it completes are JOB_NOT_COMPLETE', async () => {
    // The reference request lists the allowed values (`BACKQUOTE | CARET | ...`); one of each is sent.
    const response = await rest('POST', '/jobs/query', {
      operation: 'query',
      query: 'SELECT Id, Name FROM Account',
      contentType: 'CSV',
      columnDelimiter: 'COMMA',
      lineEnding: 'LF',
    });
    const body = response.json<{ id: string; state: string }>();
    expect(shapeDifferences(reference('bulk2-query-job-create.json'), body)).toEqual([]);
    expect(body.state).toBe('UploadComplete');
    expect((await jobInfo('query', body.id))['state']).toBe('InProgress');
    const early = await rest('GET', `/jobs/query/${body.id}/results`);
    expect(early.status).toBe(412);
    expect(early.json()).toEqual(reference('error-bulk2-query-results-job-not-complete.json'));
    await advance(BATCH_MS);
    expect(await jobInfo('query', body.id)).toMatchObject({
      state: 'JobComplete',
      jobType: 'V2Query',
      numberRecordsProcessed: org.emulator.state.store.count('Account'),
    });
  });

  it('bulk2-query-job-aborted.json: aborting a job', async () => {
    const id = await queryJob('SELECT Id FROM Account');
    const response = await rest(
      'PATCH',
      `/jobs/query/${id}`,
      reference('bulk2-query-job-aborted.request.json'),
    );
    expect(shapeDifferences(reference('bulk2-query-job-aborted.json'), response.json())).toEqual([]);
    expect(response.json<{ state: string }>().state).toBe('Aborted');
  });

  it('bulk2-query-results-example.csv: quoted CSV in sets of maxRecords, Sforce-Locator ending with the literal null', async () => {
    const id = await queryJob('SELECT Id, Name FROM Account ORDER BY Name LIMIT 30');
    await advance(BATCH_MS);
    const sets: { count: string | null; locator: string | null; lines: string[] }[] = [];
    let locator = '';
    do {
      const response = await rest(
        'GET',
        `/jobs/query/${id}/results?maxRecords=12${locator ? `&locator=${locator}` : ''}`,
      );
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = response.text.trimEnd().split('\n');
      sets.push({
        count: response.headers.get('sforce-numberofrecords'),
        locator: response.headers.get('sforce-locator'),
        lines,
      });
      locator = response.headers.get('sforce-locator') ?? 'null';
    } while (locator !== 'null');
    expect(sets.map((set) => [set.count, set.locator])).toEqual([
      ['12', 'MTI'],
      ['12', 'MjQ'],
      ['6', 'null'],
    ]);
    const example = payloadText('bulk2-query-results-example.csv').split('\n');
    for (const set of sets) {
      expect(set.lines[0]).toBe(example[0]);
      for (const line of set.lines.slice(1)) expect(line).toMatch(/^"001[A-Za-z0-9]{15}","[^"]+"$/);
    }
    // A locator can be read again while the job exists.
    expect(
      (await rest('GET', `/jobs/query/${id}/results?maxRecords=12&locator=MjQ`)).headers.get(
        'sforce-numberofrecords',
      ),
    ).toBe('6');
  });

  it('writes parent fields as dotted columns, nulls empty, booleans and date-times as Bulk does', async () => {
    const id = await queryJob(
      'SELECT Name, Owner.Name, Parent.Name, IsDeleted, CreatedDate FROM Account WHERE ParentId = null LIMIT 1',
    );
    await advance(BATCH_MS);
    const [header, row] = (await rest('GET', `/jobs/query/${id}/results`)).text.trimEnd().split('\n');
    expect(header).toBe('"Name","Owner.Name","Parent.Name","IsDeleted","CreatedDate"');
    expect(row).toMatch(/^"[^"]+","[^"]+","","false","\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z"$/);
  });

  it('answers 409 to results fetched with another API version', async () => {
    const id = await queryJob('SELECT Id FROM Account');
    await advance(BATCH_MS);
    const response = await call(org.emulator, 'GET', `/services/data/v62.0/jobs/query/${id}/results`, {
      token: org.token,
    });
    expect(response.status).toBe(409);
  });

  it('queryAll includes deleted records; query does not', async () => {
    const [victim] = await accountIds(1);
    await rest('DELETE', `/sobjects/Account/${victim ?? ''}`);
    const count = async (operation: string): Promise<number> => {
      const id = await queryJob(`SELECT Id FROM Account WHERE Id = '${victim ?? ''}'`, operation);
      await advance(BATCH_MS);
      return Number((await rest('GET', `/jobs/query/${id}/results`)).headers.get('sforce-numberofrecords'));
    };
    expect(await count('query')).toBe(0);
    expect(await count('queryAll')).toBe(1);
  });

  it('refuses SOQL errors, aggregates and nested queries when the job is created', async () => {
    const invalid = await rest('POST', '/jobs/query', {
      operation: 'query',
      query: 'SELECT Nope FROM Account',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json<{ errorCode: string }[]>()[0]?.errorCode).toBe('INVALID_FIELD');
    const nested = await rest('POST', '/jobs/query', {
      operation: 'query',
      query: 'SELECT Id, (SELECT Id FROM Cases) FROM Account',
    });
    expect(nested.status).toBe(400);
  });

  it('keeps finished jobs and their results for 7 days, then they are gone', async () => {
    const id = await queryJob('SELECT Id FROM Account');
    await advance(BATCH_MS);
    expect((await rest('GET', `/jobs/query/${id}/results`)).status).toBe(200);
    await advance(7 * 24 * 60 * 60 * 1000);
    await org.relogin(); // the access token expired meanwhile
    const gone = await rest('GET', `/jobs/query/${id}/results`);
    expect(gone.status).toBe(404);
    expect(gone.json()).toEqual([
      { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' },
    ]);
  });
});
