/**
 * Canary: nock must intercept the HTTP that our pinned jsforce sends. jsforce >= 3.10.17 uses
 * undici, which nock 14 cannot see; if this fails after an upgrade, every nock-based client test
 * would be testing nothing.
 */
import http from 'node:http';
import https from 'node:https';

import jsforce from 'jsforce';
import nock from 'nock';
import { afterEach, expect, it } from 'vitest';

afterEach(() => {
  nock.cleanAll();
});

it('intercepts a jsforce query with nock, headers and all', async () => {
  const instance = 'https://canary.my.salesforce.com';
  const scope = nock(instance, { reqheaders: { authorization: 'Bearer 00Dx0000000BV7z!canary' } })
    .get('/services/data/v64.0/query')
    .query({ q: 'SELECT Id FROM Account' })
    .reply(200, {
      totalSize: 1,
      done: true,
      records: [{ attributes: { type: 'Account' }, Id: '001000000000001AAA' }],
    });
  const connection = new jsforce.Connection({
    instanceUrl: instance,
    accessToken: '00Dx0000000BV7z!canary',
    version: '64.0',
  });
  const result = await connection.query('SELECT Id FROM Account');
  expect(result.records[0]?.Id).toBe('001000000000001AAA');
  expect(scope.isDone()).toBe(true);
});

it('refuses real network connections in tests, but lets loopback through', async () => {
  await expect(fetch('https://not-mocked.example.com/')).rejects.toThrow();
  const refused = await new Promise<string>((resolve) => {
    https
      .get('https://not-mocked.example.com/', () => {
        resolve('connected');
      })
      .on('error', (error) => {
        resolve(error.name);
      });
  });
  expect(refused).toBe('NetConnectNotAllowedError');
  // Loopback is allowed: nothing listens on port 9, so the kernel refuses, not nock.
  const local = await new Promise<string>((resolve) => {
    http
      .get('http://127.0.0.1:9/', () => {
        resolve('connected');
      })
      .on('error', (error: NodeJS.ErrnoException) => {
        resolve(error.code ?? '');
      });
  });
  expect(local).toBe('ECONNREFUSED');
});
