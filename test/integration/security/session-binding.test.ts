/**
 * Someone who can write Redis but not the configuration cannot have Pulse send the org's access
 * token elsewhere: the shared session's instance URL, changed to another host, no longer opens the
 * sealed token, so the next process logs in anew and calls the org, never that host.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { openOrgClient, orgConfigFor } from '../../support/org-client.js';
import { redisTest } from '../../support/redis.js';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ accounts: 5, seed: 3 });
});
afterAll(async () => {
  await emulator.close();
});

redisTest('a session whose instance URL was changed in Redis is not used', async ({ redisPrefix, redis }) => {
  const trapped: string[] = [];
  const trap = http.createServer((request, response) => {
    trapped.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end('{"totalSize":0,"done":true,"records":[]}');
  });
  await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
  const trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
  const org = orgConfigFor(emulator, 'password');
  const first = await openOrgClient(org, { orgName: 'bound', redisPrefix });
  try {
    await first.client.query('SELECT Id FROM Account');
  } finally {
    await first.close();
  }
  expect(await redis.hget('org:{bound}:session', 'instanceUrl')).toBe(emulator.url);
  await redis.hset('org:{bound}:session', 'instanceUrl', trapUrl);

  const second = await openOrgClient(org, { orgName: 'bound', redisPrefix });
  try {
    const page = await second.client.query<{ Id: string }>('SELECT Id FROM Account');
    expect(page.records).toHaveLength(5);
    expect(second.calls.filter((call) => call.kind === 'token')).toHaveLength(1);
  } finally {
    await second.close();
    await new Promise((resolve) => trap.close(resolve));
  }
  expect(trapped).toEqual([]);
  expect(await redis.hget('org:{bound}:session', 'instanceUrl')).toBe(emulator.url);
});
