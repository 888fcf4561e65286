/**
 * Injection against a running org (the emulator over HTTP, the real client): a text value made to
 * break out of its quotes matches only itself; a query cursor pointing off the instance is refused
 * before anything is sent (jsforce alone keeps only the locator; this holds whatever it does).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { soqlString, SoqlValueError } from '../../../src/salesforce/soql.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 20, seed: 31 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest(
  'a quoted value matches only itself; a cursor off the instance is never followed',
  async ({ redisPrefix }) => {
    const hostile = "Acme' OR Name != 'x";
    const store = emulator.state.store;
    store.insert('Account', { Name: hostile }, emulator.state.apiUserId);
    store.insert('Account', { Name: 'Acme' }, emulator.state.apiUserId);
    const trapped: string[] = [];
    const trap = http.createServer((request, response) => {
      trapped.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"done":true,"totalSize":0,"records":[]}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    const opened = await openOrgClient(orgConfigFor(emulator, 'password'), {
      orgName: 'inject',
      redisPrefix,
    });
    try {
      const total = (await opened.client.query('SELECT COUNT() FROM Account')).totalSize;
      for (const value of [hostile, "x' OR Name != 'x", "\\' OR Name != \\'"]) {
        const page = await opened.client.query<{ Name: string }>(
          `SELECT Name FROM Account WHERE Name = ${soqlString(value)}`,
        );
        expect(page.records.map((record) => record.Name)).toEqual(value === hostile ? [hostile] : []);
      }
      expect(total).toBeGreaterThan(2);

      const callsBefore = opened.calls.length;
      for (const cursor of [
        `${trapUrl}/services/data/v64.0/query/01gRO0000016PIAYA2-2000`,
        `//127.0.0.1:${(trap.address() as AddressInfo).port}/services/data/v64.0/query/01g-1`,
      ]) {
        await expect(opened.client.queryMore(cursor)).rejects.toBeInstanceOf(SoqlValueError);
      }
      expect(trapped).toEqual([]);
      expect(opened.calls.length).toBe(callsBefore);
    } finally {
      await opened.close();
      await new Promise((resolve) => trap.close(resolve));
    }
  },
);
