/**
 * Every request fault, forced one at a time (rate 1 through PUT /__emulator/faults), answers with
 * the exact status and body Salesforce (or its edge) sends, and leaves the org as the real failure
 * would: nothing done before a reset, the write done behind a dropped, slow or spoiled answer.
 */
import { describe, expect, it } from 'vitest';

import { causeCode, reference, useFaultOrg } from './fault-test-org.js';
import { api, call, login, soql } from './rest-client.js';

const org = useFaultOrg();
const { only, setFaults, update, employees } = org;

describe('request faults', () => {
  it('serverUnavailable: 503 SERVER_UNAVAILABLE, nothing written', async () => {
    await only('serverUnavailable');
    const response = await update(0, 11);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await response.json()).toEqual([
      { message: 'Server Unavailable', errorCode: 'SERVER_UNAVAILABLE' },
    ]);
    expect(employees(0)).not.toBe(11);
  });

  it('connectionReset: the socket is destroyed before the request is handled (nothing written)', async () => {
    await only('connectionReset');
    const error: unknown = await update(1, 12).catch((caught: unknown) => caught);
    expect(causeCode(error)).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
    expect(employees(1)).not.toBe(12);
  });

  it('responseDropped: the write is done, then the connection drops without an answer', async () => {
    await only('responseDropped');
    const error: unknown = await update(2, 13).catch((caught: unknown) => caught);
    expect(causeCode(error)).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
    expect(employees(2)).toBe(13);
  });

  it('slowResponse: the answer comes after slowResponseMs, past the client timeout (the write is done)', async () => {
    await only('slowResponse', { slowResponseMs: 600 });
    const error: unknown = await update(3, 14, AbortSignal.timeout(150)).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('TimeoutError');
    expect(employees(3)).toBe(14);
    const started = Date.now();
    const late = await update(3, 15);
    expect(late.status).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('truncatedJson: a 200 whose JSON stops half way', async () => {
    const path = soql('SELECT Id, Name FROM Account ORDER BY Id LIMIT 5');
    const whole = (await call(org.emulator, 'GET', path, { token: org.token })).text;
    await only('truncatedJson');
    const response = await call(org.emulator, 'GET', path, { token: org.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(response.text.length).toBe(Math.floor(Buffer.byteLength(whole) / 2));
    expect(whole.startsWith(response.text)).toBe(true);
    expect(() => response.json()).toThrow(SyntaxError);
  });

  it('htmlErrorPage: 502 with an HTML page as text/html', async () => {
    await only('htmlErrorPage');
    const response = await call(org.emulator, 'GET', api('/limits'), { token: org.token });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html');
    expect(response.text).toMatch(/^<!DOCTYPE html>[\s\S]*<title>502 Bad Gateway<\/title>/);
  });

  it('empty200: 200 with an empty JSON body (and the write done)', async () => {
    await only('empty200');
    const response = await update(4, 16);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    expect(await response.text()).toBe('');
    expect(employees(4)).toBe(16);
  });

  it('sessionExpiry: 401 INVALID_SESSION_ID, and the token stays dead', async () => {
    const own = await login(org.emulator);
    await only('sessionExpiry');
    const response = await call(org.emulator, 'GET', api('/limits'), { token: own });
    expect(response.status).toBe(401);
    expect(response.json()).toEqual(reference('error-invalid-session-401.json'));
    await setFaults('none');
    expect((await call(org.emulator, 'GET', api('/limits'), { token: own })).status).toBe(401);
  });

  it('requestLimitExceeded: 403 REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded."', async () => {
    await only('requestLimitExceeded');
    const response = await call(org.emulator, 'GET', api('/limits'), { token: org.token });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual(reference('error-request-limit-exceeded-403.json'));
    expect(response.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/\d+$/);
  });

  it('concurrentLimitExceeded: 403 REQUEST_LIMIT_EXCEEDED "ConcurrentPerOrgLongTxn Limit exceeded."', async () => {
    await only('concurrentLimitExceeded');
    const response = await call(org.emulator, 'GET', api('/limits'), { token: org.token });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual(reference('error-concurrent-long-running-limit-403.json'));
  });

  it('never faults token calls or /__emulator/', async () => {
    await only('serverUnavailable');
    expect(await login(org.emulator)).toMatch(/^00D/);
    expect((await call(org.emulator, 'GET', '/__emulator/clock')).status).toBe(200);
  });
});
