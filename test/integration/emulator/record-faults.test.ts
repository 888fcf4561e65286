/**
 * Record faults (UNABLE_TO_LOCK_ROW per record, the poisoned-trigger batch failure) on single,
 * collection and Bulk writes; latency and the real concurrent long-running request limit; and how
 * faults meet jsforce's retries (GET retried and passing on a new attempt, PATCH surfacing).
 */
import jsforce from 'jsforce';
import { describe, expect, it } from 'vitest';

import { createFaultDecider, identityOf } from '../../../emulator/faults/fault-decider.js';
import { resolveFaultProfile } from '../../../emulator/faults/fault-profile.js';
import { startEmulator, type FaultProfileInput } from '../../../emulator/index.js';
import { reference, useFaultOrg } from './fault-test-org.js';
import { api, call, login, soql } from './rest-client.js';

const org = useFaultOrg();
const { id, only, setFaults, update, employees } = org;
/** The ten account ids of the org. */
const allIds = (): string[] => Array.from({ length: 10 }, (_, n) => id(n));

describe('record faults', () => {
  it('unableToLockRow on a single write: 400 with the reference body', async () => {
    await only('unableToLockRow');
    const response = await update(5, 17);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toEqual([
      {
        message: `unable to obtain exclusive access to this record or 1 records: ${id(5)}`,
        errorCode: 'UNABLE_TO_LOCK_ROW',
        fields: [],
      },
    ]);
    expect(Object.keys((body as object[])[0] ?? {})).toEqual(
      Object.keys((reference('error-unable-to-lock-row.json') as object[])[0] ?? {}),
    );
    expect(employees(5)).not.toBe(17);
  });

  it('unableToLockRow per record in a collection write: the others are saved', async () => {
    await setFaults({ rates: { unableToLockRow: 0.5 } });
    const records = allIds().map((recordId) => ({
      attributes: { type: 'Account' },
      id: recordId,
      NumberOfEmployees: 4242,
    }));
    const response = await call(org.emulator, 'PATCH', api('/composite/sobjects'), {
      token: org.token,
      body: { records },
    });
    const results = response.json<
      {
        id: string;
        success: boolean;
        errors: { statusCode: string; message: string; fields: string[] }[];
      }[]
    >();
    const locked = results.filter((result) => !result.success);
    expect(locked.length).toBeGreaterThan(0);
    expect(locked.length).toBeLessThan(allIds().length);
    for (const result of locked) {
      expect(result.errors).toEqual([
        {
          statusCode: 'UNABLE_TO_LOCK_ROW',
          message: `unable to obtain exclusive access to this record or 1 records: ${result.id}`,
          fields: [],
        },
      ]);
      expect(org.emulator.state.store.recordById(result.id)?.['NumberOfEmployees']).not.toBe(4242);
    }
    for (const result of results.filter((entry) => entry.success))
      expect(org.emulator.state.store.recordById(result.id)?.['NumberOfEmployees']).toBe(4242);
  });

  it('unableToLockRow per record in a Bulk ingest job: sf__Error with the locked id', async () => {
    await only('unableToLockRow');
    const job = (
      await call(org.emulator, 'POST', api('/jobs/ingest'), {
        token: org.token,
        body: { object: 'Account', operation: 'update' },
      })
    ).json<{ id: string }>().id;
    await call(org.emulator, 'PUT', api(`/jobs/ingest/${job}/batches`), {
      token: org.token,
      body: `Id,NumberOfEmployees\n${id(6)},99\n`,
      contentType: 'text/csv',
    });
    await call(org.emulator, 'PATCH', api(`/jobs/ingest/${job}`), {
      token: org.token,
      body: { state: 'UploadComplete' },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const failed = await call(org.emulator, 'GET', api(`/jobs/ingest/${job}/failedResults`), {
      token: org.token,
    });
    expect(failed.text).toBe(
      `"sf__Id","sf__Error",Id,NumberOfEmployees\n"${id(6)}","UNABLE_TO_LOCK_ROW:unable to obtain exclusive access to this record or 1 records: ${id(6)}:--","${id(6)}","99"\n`,
    );
  });
});

describe('the trigger fault (a poisoned record)', () => {
  const TRIGGER = 'PulseAccountTrigger: System.LimitException: Too many SOQL queries: 101';
  const collectionUpdate = (which: number[]) =>
    call(org.emulator, 'PATCH', api('/composite/sobjects'), {
      token: org.token,
      body: {
        records: which.map((n) => ({ attributes: { type: 'Account' }, id: id(n), Description: 'bisect me' })),
      },
    });

  it('fails every record of a batch that holds it, with CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY; halves without it pass', async () => {
    await setFaults({ poisonedRecordIds: [id(7)] });
    const whole = (await collectionUpdate([0, 1, 6, 7, 8])).json<{ success: boolean; errors: unknown[] }[]>();
    expect(whole).toHaveLength(5);
    for (const result of whole) {
      expect(result.success).toBe(false);
      expect(result.errors).toEqual([
        { statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', message: TRIGGER, fields: [] },
      ]);
    }
    expect(org.emulator.state.store.recordById(id(0))?.['Description']).not.toBe('bisect me');
    // Bisecting: the half without the poisoned record goes through.
    const left = (await collectionUpdate([0, 1])).json<{ success: boolean }[]>();
    expect(left.every((result) => result.success)).toBe(true);
    const right = (await collectionUpdate([6, 7, 8])).json<{ success: boolean }[]>();
    expect(right.some((result) => result.success)).toBe(false);
  });

  it('fails a single write as a 400 array, and a 200-row trigger chunk of a Bulk job as a whole', async () => {
    await setFaults({ poisonedRecordIds: [id(7)] });
    const single = await update(7, 18);
    expect(single.status).toBe(400);
    expect(await single.json()).toEqual([
      { message: TRIGGER, errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', fields: [] },
    ]);
    const job = (
      await call(org.emulator, 'POST', api('/jobs/ingest'), {
        token: org.token,
        body: { object: 'Account', operation: 'update', lineEnding: 'LF' },
      })
    ).json<{ id: string }>().id;
    await call(org.emulator, 'PUT', api(`/jobs/ingest/${job}/batches`), {
      token: org.token,
      body: ['Id,Description', ...allIds().map((recordId) => `${recordId},bulk`)].join('\n'),
      contentType: 'text/csv',
    });
    await call(org.emulator, 'PATCH', api(`/jobs/ingest/${job}`), {
      token: org.token,
      body: { state: 'UploadComplete' },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const failed = (
      await call(org.emulator, 'GET', api(`/jobs/ingest/${job}/failedResults`), { token: org.token })
    ).text;
    expect(failed.trim().split('\n')).toHaveLength(1 + allIds().length);
    expect(failed).toContain(`"CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY:${TRIGGER}:--"`);
  });
});

describe('latency and the concurrent long-running request limit', () => {
  it('delays every REST call, and refuses a call while long requests fill the limit', async () => {
    const slow = await startEmulator({
      accounts: 3,
      latencyMs: 400,
      longRequestMs: 150,
      longRequestConcurrency: 1,
    });
    try {
      const slowToken = await login(slow);
      const started = Date.now();
      const first = call(slow, 'GET', api('/limits'), { token: slowToken });
      await new Promise((resolve) => setTimeout(resolve, 250));
      const refused = await call(slow, 'GET', api('/limits'), { token: slowToken });
      expect(refused.status).toBe(403);
      expect(refused.json()).toEqual(reference('error-concurrent-long-running-limit-403.json'));
      expect((await first).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
      expect((await call(slow, 'GET', api('/limits'), { token: slowToken })).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});

describe('faults and jsforce retries', () => {
  it('jsforce retries a GET that met a 503 (the next attempt draws again and passes); a PATCH surfaces the 503', async () => {
    const profile: FaultProfileInput = { rates: { serverUnavailable: 0.5 } };
    await setFaults(profile);
    // A query whose first attempt faults and second does not, found with the emulator's own rule.
    const decider = createFaultDecider(org.emulator.state.faults.seed, resolveFaultProfile(profile));
    const query = Array.from(
      { length: 200 },
      (_, n) => `SELECT Id FROM Account WHERE Name != 'retry ${n}'`,
    ).find((text) => {
      const identity = identityOf('GET', new URL(`http://x${soql(text)}`), Buffer.alloc(0));
      return (
        decider.decide({ identity, attempt: 0 }).fault === 'serverUnavailable' &&
        decider.decide({ identity, attempt: 1 }).fault === undefined
      );
    });
    const conn = new jsforce.Connection({
      version: '64.0',
      instanceUrl: org.emulator.url,
      accessToken: org.token,
    });
    const result = await conn.query(query ?? '');
    expect(result.totalSize).toBe(org.emulator.state.store.count('Account'));
    const retried = org.emulator.state.faults.injected.filter((fault) => fault.identity.includes('retry'));
    expect(retried.map((fault) => [fault.kind, fault.attempt])).toEqual([['serverUnavailable', 0]]);

    await only('serverUnavailable');
    const before = org.emulator.state.callCounts.get('PATCH /services/data/vXX.X/sobjects/Account/:id') ?? 0;
    await expect(conn.sobject('Account').update({ Id: id(8), Description: 'once' })).rejects.toMatchObject({
      errorCode: 'SERVER_UNAVAILABLE',
    });
    expect(org.emulator.state.callCounts.get('PATCH /services/data/vXX.X/sobjects/Account/:id')).toBe(
      before + 1,
    );
  });
});
