/**
 * Alerts as runs raise them, against the emulator: a password Salesforce refuses fails the run,
 * starts an `auth-lost` episode announced once to the webhook (a second failed run stays silent)
 * and shown in the org's alerts; the first completed run ends it and announces the recovery.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import type { AlertMessage } from '../../../src/alerts/alert-message.js';
import { createAlertStore } from '../../../src/alerts/alert-store.js';
import { Config, OrgConfig } from '../../../src/config/index.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { syncInProcess } from '../../support/sync-in-process.js';

let emulator: RunningEmulator;
let webhook: http.Server;
let webhookUrl = '';
const received: AlertMessage[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ accounts: 50, seed: 5 });
  webhook = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push(JSON.parse(body) as AlertMessage);
      response.writeHead(200).end('ok');
    });
  });
  webhook.listen(0, '127.0.0.1');
  await new Promise((resolve) => webhook.once('listening', resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/secret-path`;
});
afterAll(async () => {
  webhook.close();
  await emulator.close();
});

redisTest(
  'a refused login is announced once; the next completed run announces the recovery',
  async ({ redis, redisPrefix }) => {
    const config = Config.parse({
      redis: { url: TEST_REDIS_URL, keyPrefix: redisPrefix },
      alerts: { webhookUrl },
    });
    const { credentials } = emulator;
    const org = (password: string) =>
      OrgConfig.parse({
        loginUrl: emulator.url,
        authFlow: 'password',
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        username: credentials.username,
        password,
      });
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await syncInProcess({ config, orgName: 'acme', org: org('wrong-password') });
      expect([refused.status, refused.error]).toEqual([
        'failed',
        expect.stringMatching(/authentication failure/),
      ]);
    }
    expect(received.map((message) => [message.org, message.alert, message.state])).toEqual([
      ['acme', 'auth-lost', 'raised'],
    ]);
    expect(received[0]?.text).toMatch(/authentication failure/);
    expect(JSON.stringify(received)).not.toContain('wrong-password');
    expect(await createAlertStore(redis, 'acme').active()).toMatchObject([{ kind: 'auth-lost' }]);

    const report = await syncInProcess({ config, orgName: 'acme', org: org(credentials.password) });
    expect(report.status).toBe('completed');
    expect(received.map((message) => message.state)).toEqual(['raised', 'resolved']);
    expect(await createAlertStore(redis, 'acme').active()).toEqual([]);
  },
);
