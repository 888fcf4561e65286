/**
 * Webhooks go only where they were configured: an IP literal as written; a host name only when it
 * resolves to public addresses (or is listed in network.privateHosts), checked on the socket that
 * connects; a redirect is never followed (nor retried). Encoded addresses are refused at start-up.
 * Real sockets on 127.0.0.1; `localhost` stands for a name that resolves to a non-public address.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { postJson } from '../../../src/alerts/post-json.js';
import { Config } from '../../../src/config/index.js';

let hits: string[] = [];
let trapHits: string[] = [];
let server: http.Server;
let trap: http.Server;
let port = 0;
let trapPort = 0;

const listen = async (handler: http.RequestListener): Promise<[http.Server, number]> => {
  const created = http.createServer(handler);
  await new Promise<void>((resolve) => created.listen(0, '127.0.0.1', resolve));
  return [created, (created.address() as AddressInfo).port];
};

beforeAll(async () => {
  [trap, trapPort] = await listen((request, response) => {
    trapHits.push(`${request.method} ${request.url}`);
    response.writeHead(200).end();
  });
  [server, port] = await listen((request, response) => {
    hits.push(`${request.method} ${request.url}`);
    if (request.url === '/redirect')
      response.writeHead(302, { location: `http://127.0.0.1:${trapPort}/stolen` }).end();
    else response.writeHead(200).end('ok');
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => trap.close(resolve));
});

const post = (url: string, extra: { privateHosts?: ReadonlySet<string> } = {}) => {
  hits = [];
  trapHits = [];
  return postJson({ url, timeoutMs: 2_000, attempts: 3, minBackoffMs: 10, ...extra }, { text: 'hello' });
};

describe('webhook targets', () => {
  it('an IP literal is posted to as configured', async () => {
    await post(`http://127.0.0.1:${port}/hook`);
    expect(hits).toEqual(['POST /hook']);
  });

  it('a host name resolving to a loopback address is refused before connecting, and not retried', async () => {
    await expect(post(`http://localhost:${port}/hook`)).rejects.toThrow(
      /^the webhook at localhost:\d+ could not be reached \(localhost resolves to a loopback address, which Pulse does not send to; list the host under network.privateHosts if it is yours\)$/,
    );
    expect(hits).toEqual([]);
  });

  it('a host name listed in network.privateHosts may resolve to a private address', async () => {
    await post(`http://localhost:${port}/hook`, { privateHosts: new Set(['localhost']) });
    expect(hits).toEqual(['POST /hook']);
  });

  it('a redirect is not followed, and not retried', async () => {
    await expect(post(`http://127.0.0.1:${port}/redirect`)).rejects.toThrow(
      /answered 302: redirects are not followed$/,
    );
    expect(hits).toEqual(['POST /redirect']);
    expect(trapHits).toEqual([]);
  });

  it('an error never quotes the URL (its path is the credential)', async () => {
    const url = `http://127.0.0.1:1/services/T000/B000/secret-path`;
    const error = await post(url).catch((caught: unknown) => caught);
    expect(String(error)).toContain('127.0.0.1:1');
    expect(String(error)).not.toContain('secret-path');
  });

  it.each([
    'http://0x7f000001/hook',
    'http://2130706433/hook',
    'http://127.1/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://[64:ff9b::7f00:1]/hook',
    'http://[2002:7f00:1::]/hook',
  ])('an encoded address is refused in the configuration: %s', (url) => {
    const parsed = Config.safeParse({ alerts: { webhookUrl: url } });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['alerts.webhookUrl', 'the address is encoded: write the IP address plainly, such as "10.0.0.5"'],
    ]);
  });
});
