/**
 * The secrets canary: every secret Pulse holds gets a known canary value — the org credentials of
 * each auth flow the emulator speaks (password + security token, refresh token, JWT private key,
 * client credentials; and a refresh token the org refuses), the API bearer tokens, the call store's
 * signing key, the alert webhook URL, the Redis password — and so does every access token the
 * emulator issues. Five orgs sync at once through `pulse sync --once` (debug logs, JSON and pretty)
 * under a fault profile (failed calls, retries, session expiry and re-login, record errors, a lost
 * session that raises an alert); `pulse serve` answers every read route, the exports, a replay
 * dry-run and the CLI's own output. Then every key under the test's prefix (names, and values of
 * every type), every log line, every answer (headers and bodies) and every export is searched for
 * every canary in plain, URL-encoded, JSON-escaped, base64 and base64url form: nothing is found,
 * not even the live access tokens the workers share (sealed in Redis, session-cipher.ts).
 * (The Redis password is covered only when the test Redis has none of its own.)
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';

import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, vi } from 'vitest';

import { startEmulator, type RunningEmulator } from '../../../emulator/index.js';
import { runCli } from '../../../src/main/run-cli.js';
import { liveRecords } from '../../support/model-check.js';
import { redisTest, TEST_REDIS_URL } from '../../support/redis.js';
import { runPulse } from '../../support/run-cli-in-process.js';
import { findSecrets } from '../../support/secret-forms.js';

const RULE = 'Health fields are locked for strategic accounts';
const ORGS = ['acme', 'beta', 'gamma', 'delta', 'zeta'] as const;

/** Values Pulse is given: each distinctive, some with characters every encoding changes. */
const CANARY = {
  clientSecret: 'CANARY-client-secret-7f3a9c',
  password: 'CANARY-p@ss w0rd+"/\\&=-2b8e41',
  securityToken: 'CANARY-security-token-c95d07',
  unknownRefreshToken: 'CANARY-refresh-token-e1f4a6',
  viewerToken: 'CANARY-api-viewer-3d9b52',
  operatorToken: 'CANARY-api-operator-61f0ad',
  adminToken: 'CANARY-api-admin-b7c2e9',
  signingKey: 'CANARY-signing-key-8c1e7a-0123456789abcdef',
  webhookSecret: 'CANARY-webhook-5a0f3e',
  redisPassword: 'CANARY-redis-password-94d2c1',
} as const;

interface Material {
  readonly where: string;
  readonly text: string;
}

let emulator: RunningEmulator;
/** Access tokens the emulator issued while the test ran. */
const issuedAccessTokens: string[] = [];
/** Refresh tokens it issued after start (rotation is off: none expected). */
const issuedRefreshTokens: string[] = [];
let webhookServer: http.Server;
let webhookBase = '';
const webhookBodies: Material[] = [];
let webhookRefusals = 1;
let workDir = '';

beforeAll(async () => {
  emulator = await startEmulator({
    accounts: 300,
    seed: 17,
    clientSecret: CANARY.clientSecret,
    password: CANARY.password,
    securityToken: CANARY.securityToken,
    faults: {
      rates: {
        serverUnavailable: 0.06,
        connectionReset: 0.03,
        htmlErrorPage: 0.02,
        empty200: 0.02,
        truncatedJson: 0.02,
        unableToLockRow: 0.03,
      },
    },
    validationRules: [
      { object: 'Account', namePattern: '^[AB]', errorField: 'Health_Status__c', message: RULE },
    ],
  });
  const { sessions } = emulator.state;
  // Every session ends once, at the 40th authenticated call: each org then fails a call on
  // INVALID_SESSION_ID and logs in again. (Random expiries could exceed Pulse's refresh limit.)
  const sessionOf = sessions.sessionOf.bind(sessions);
  let authenticated = 0;
  sessions.sessionOf = (token) => {
    authenticated += 1;
    if (authenticated === 40) sessions.expireAll();
    return sessionOf(token);
  };
  const issueAccessToken = sessions.issueAccessToken.bind(sessions);
  const issueRefreshToken = sessions.issueRefreshToken.bind(sessions);
  sessions.issueAccessToken = (userId, clientId) => {
    const token = issueAccessToken(userId, clientId);
    issuedAccessTokens.push(token);
    return token;
  };
  sessions.issueRefreshToken = (userId, clientId) => {
    const token = issueRefreshToken(userId, clientId);
    issuedRefreshTokens.push(token);
    return token;
  };
  // The alert webhook: refuses its first delivery (so it is retried), then takes them.
  webhookServer = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      webhookBodies.push({ where: `webhook POST ${request.url ?? ''}`, text: body });
      if (webhookRefusals > 0) {
        webhookRefusals -= 1;
        response.writeHead(503).end();
      } else response.writeHead(200).end('ok');
    });
  });
  webhookServer.listen(0, '127.0.0.1');
  await new Promise((resolve) => webhookServer.once('listening', resolve));
  webhookBase = `http://127.0.0.1:${(webhookServer.address() as AddressInfo).port}`;
  workDir = mkdtempSync(path.join(tmpdir(), 'pulse-canary-'));
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => webhookServer.close(resolve));
  rmSync(workDir, { recursive: true, force: true });
});

/** Everything written to stdout, stderr and the console while it is on (loggers write to stderr). */
function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const keep = (chunk: unknown): void => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
  };
  const streams = [process.stdout, process.stderr];
  const own = streams.map((stream) => Object.getOwnPropertyDescriptor(stream, 'write'));
  for (const stream of streams) {
    stream.write = (chunk: unknown, ...rest: unknown[]) => {
      keep(chunk);
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (done) process.nextTick(done);
      return true;
    };
  }
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      keep(`${format(...args)}\n`);
    }),
  );
  return {
    text: () => chunks.join(''),
    restore: () => {
      streams.forEach((stream, index) => {
        const descriptor = own[index];
        if (descriptor) Object.defineProperty(stream, 'write', descriptor);
        else Reflect.deleteProperty(stream, 'write');
      });
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** Every key under the prefixes, its name and everything it holds, by type. */
async function dumpKeys(redis: Redis, prefixes: readonly string[]): Promise<Map<string, Material[]>> {
  const dump = new Map<string, Material[]>();
  for (const prefix of prefixes) {
    for await (const names of redis.scanStream({ match: `${prefix}*`, count: 1000 })) {
      for (const name of names as string[]) {
        if (dump.has(name)) continue;
        const type = await redis.type(name);
        const items: Material[] = [{ where: `key name ${name}`, text: name }];
        const add = (part: string, text: string): void => {
          items.push({ where: `${type} ${name} ${part}`, text });
        };
        switch (type) {
          case 'string':
            add('value', (await redis.get(name)) ?? '');
            break;
          case 'hash':
            for (const [field, value] of Object.entries(await redis.hgetall(name))) {
              add(`field ${field}`, field);
              add(`value of ${field}`, value);
            }
            break;
          case 'list':
            for (const [index, value] of (await redis.lrange(name, 0, -1)).entries())
              add(`[${index}]`, value);
            break;
          case 'set':
            for (const member of await redis.smembers(name)) add('member', member);
            break;
          case 'zset': {
            const flat = await redis.zrange(name, '0', '-1', 'WITHSCORES');
            for (let index = 0; index < flat.length; index += 2)
              add(`member (score ${flat[index + 1] ?? ''})`, flat[index] ?? '');
            break;
          }
          case 'stream':
            for (const [id, fields] of await redis.xrange(name, '-', '+'))
              add(`entry ${id}`, fields.join('\n'));
            break;
          case 'none':
            break; // expired between SCAN and TYPE
          default:
            add('(unknown type)', type);
        }
        dump.set(name, items);
      }
    }
  }
  return dump;
}

function hitsIn(items: readonly Material[], secrets: Readonly<Record<string, string>>): string[] {
  return items.flatMap((item) => findSecrets(item.text, secrets).map((hit) => `${item.where}: ${hit}`));
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the secrets canary', () => {
  const logs: Material[] = [];
  const answers: Material[] = [];
  const cliOutput: Material[] = [];
  let keys = new Map<string, Material[]>();
  let failedCallIds: string[] = [];
  /** `kind code` of every failed call the API showed. */
  const failedCodes = new Set<string>();
  let redisPasswordCovered = false;
  let syncCodes: number[] = [];
  const logBytes = (): number => logs.reduce((sum, line) => sum + line.text.length, 0);
  /** The search covers something: so a run that went wrong cannot pass the searches vacuously. */
  const expectCoverage = (): void => {
    expect(failedCallIds.length).toBeGreaterThanOrEqual(10);
    expect(keys.size).toBeGreaterThan(50);
    expect(logBytes()).toBeGreaterThan(15_000);
    expect(answers.length).toBeGreaterThan(50);
    expect(cliOutput.length).toBeGreaterThan(10);
    expect(Object.keys(secrets).length).toBeGreaterThanOrEqual(12);
  };
  const secrets: Record<string, string> = {};

  redisTest(
    'a faulty run of five orgs, the API over it and the CLI',
    { timeout: 60_000 },
    async ({ rawRedis, redisPrefix }) => {
      const { credentials } = emulator;
      // The Redis password: Redis accepts any password for a user without one, so a canary can ride
      // in the URL Pulse connects with (unless the test Redis has a password of its own).
      const redisUrl = new URL(TEST_REDIS_URL);
      redisPasswordCovered = redisUrl.password === '';
      if (redisPasswordCovered) redisUrl.password = CANARY.redisPassword;
      const privateKeyFile = path.join(workDir, 'jwt-key.pem');
      writeFileSync(privateKeyFile, credentials.jwtPrivateKeyPem ?? '', { mode: 0o600 });
      const webhookUrl = `${webhookBase}/services/T000/B000/${CANARY.webhookSecret}`;
      const common = { loginUrl: emulator.url, clientId: credentials.clientId, writeBack: true };
      const configDir = path.join(workDir, 'config');
      mkdirSync(configDir);
      // JSON is YAML.
      writeFileSync(
        path.join(configDir, 'default.yaml'),
        JSON.stringify({
          redis: { url: redisUrl.toString(), keyPrefix: redisPrefix },
          http: {
            host: '127.0.0.1',
            port: 0,
            tokens: [
              { name: 'viewer', sha256: sha256(CANARY.viewerToken), role: 'viewer' },
              { name: 'operator', sha256: sha256(CANARY.operatorToken), role: 'operator' },
              { name: 'admin', sha256: sha256(CANARY.adminToken), role: 'admin' },
            ],
          },
          sync: { batchSize: 200 },
          alerts: { webhookUrl },
          diagnostics: { signingKey: CANARY.signingKey },
        }),
      );
      writeFileSync(
        path.join(configDir, 'orgs.yaml'),
        JSON.stringify({
          orgs: {
            acme: {
              ...common,
              authFlow: 'password',
              clientSecret: CANARY.clientSecret,
              username: credentials.username,
              password: CANARY.password,
              securityToken: CANARY.securityToken,
            },
            beta: {
              ...common,
              authFlow: 'refresh_token',
              clientSecret: CANARY.clientSecret,
              refreshToken: credentials.refreshToken,
            },
            gamma: {
              ...common,
              authFlow: 'jwt',
              username: credentials.username,
              privateKeyFile,
              audience: credentials.jwtAudience,
            },
            delta: { ...common, authFlow: 'client_credentials', clientSecret: CANARY.clientSecret },
            // The org refuses this refresh token: the run fails on auth and an alert goes out.
            zeta: { ...common, authFlow: 'refresh_token', refreshToken: CANARY.unknownRefreshToken },
          },
        }),
      );

      const output = captureOutput();
      try {
        const cli = async (argv: string[], env: Record<string, string> = {}): Promise<number> => {
          const result = await runPulse(argv, { cwd: workDir, env: { LOG_LEVEL: 'debug', ...env } });
          cliOutput.push({ where: `pulse ${argv.join(' ')} (stdout)`, text: result.stdout });
          cliOutput.push({ where: `pulse ${argv.join(' ')} (stderr)`, text: result.stderr });
          return result.code;
        };
        // The five runs at once, their logs as JSON and as pretty lines.
        const codes = await Promise.all(
          ORGS.map((org, index) =>
            cli(['sync', '--org', org, '--once', '--full', '--json'], {
              LOG_FORMAT: index % 2 === 0 ? 'json' : 'pretty',
            }),
          ),
        );
        // Faults may fail a run (its logs and calls are searched all the same); zeta's always fails.
        expect(codes[ORGS.indexOf('zeta')]).toBe(1);
        syncCodes = codes;
        expect(await cli(['config', 'check'])).toBe(0);
        expect(await cli(['config', 'check', '--json'])).toBe(0);

        // `pulse serve`, in this process, until the reads are done.
        let stop = (_signal: string): void => undefined;
        const stopped = new Promise<string>((resolve) => (stop = resolve));
        let serveStdout = '';
        let listening = (_base: string): void => undefined;
        const listeningAt = new Promise<string>((resolve) => (listening = resolve));
        const serving = runCli(['serve'], {
          env: { LOG_LEVEL: 'debug', LOG_FORMAT: 'pretty' },
          cwd: workDir,
          stdout: {
            write: (text: string) => {
              serveStdout += text;
              const found = /Pulse API on (http:\/\/[\d.]+:\d+)\/api\/v1/.exec(serveStdout);
              if (found?.[1]) listening(found[1]);
            },
          },
          stderr: { write: (text: string) => cliOutput.push({ where: 'pulse serve (stderr)', text }) },
          isTTY: false,
          version: '0.0.0-test',
          untilShutdown: () => stopped,
        });
        const base = await Promise.race([
          listeningAt,
          serving.then((code) =>
            Promise.reject(new Error(`pulse serve exited (${code}) before it listened`)),
          ),
        ]);
        try {
          const request = async (
            method: string,
            url: string,
            token: string | undefined,
            body?: unknown,
          ): Promise<{ status: number; text: string }> => {
            const response = await fetch(`${base}${url}`, {
              method,
              headers: {
                ...(token ? { authorization: `Bearer ${token}` } : {}),
                ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              },
              ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
            const text = await response.text();
            const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
            answers.push({ where: `${method} ${url} (${response.status})`, text: `${headers}\n\n${text}` });
            return { status: response.status, text };
          };
          const getJson = async <T>(url: string, token: string = CANARY.viewerToken): Promise<T> => {
            const { status, text } = await request('GET', url, token);
            expect([url, status]).toEqual([url, 200]);
            return JSON.parse(text) as T;
          };

          await request('GET', '/healthz', undefined);
          await request('GET', '/readyz', undefined);
          await request('GET', '/metrics', CANARY.viewerToken);
          await request('GET', '/api/v1/openapi.json', CANARY.viewerToken);
          await request('GET', '/api/v1/docs/', undefined);
          await request('GET', '/api/v1/orgs', undefined); // 401
          await request('GET', '/api/v1/audit', CANARY.viewerToken); // 403
          const { orgs } = await getJson<{ orgs: { name: string; alerts: unknown[] }[] }>('/api/v1/orgs');
          expect(orgs.map((org) => org.name)).toEqual([...ORGS]);
          expect(orgs.find((org) => org.name === 'zeta')?.alerts).toHaveLength(1);
          const accountIds = liveRecords(emulator, 'Account')
            .slice(0, 3)
            .map((account) => String(account['Id']));
          for (const org of ORGS) {
            const { runs } = await getJson<{ runs: { runId: string }[] }>(`/api/v1/orgs/${org}/runs`);
            for (const run of runs) await getJson(`/api/v1/orgs/${org}/runs/${run.runId}`);
            const { failing } = await getJson<{ failing: { id: string }[] }>(`/api/v1/orgs/${org}/failing`);
            for (const id of [...accountIds, ...failing.slice(0, 2).map((record) => record.id)])
              await request('GET', `/api/v1/orgs/${org}/accounts/${id}`, CANARY.viewerToken);
            let cursor: string | null = null;
            do {
              const page: { calls: { id: string }[]; nextCursor: string | null } = await getJson(
                `/api/v1/diagnostics/orgs/${org}/calls?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
              );
              failedCallIds.push(...page.calls.map((call) => call.id));
              cursor = page.nextCursor;
            } while (cursor);
            await getJson(`/api/v1/diagnostics/orgs/${org}/calls.har?limit=200`);
            await getJson(`/api/v1/diagnostics/orgs/${org}/summary`);
          }
          failedCallIds = [...new Set(failedCallIds)];
          const details: {
            call: { id: string; method: string; kind: string; errorCodes?: string[] };
          }[] = [];
          for (const id of failedCallIds) {
            const detail: (typeof details)[number] = await getJson(`/api/v1/diagnostics/calls/${id}`);
            details.push(detail);
            for (const code of detail.call.errorCodes ?? []) failedCodes.add(`${detail.call.kind} ${code}`);
            await request('GET', `/api/v1/diagnostics/calls/${id}/curl`, CANARY.viewerToken);
          }
          // A replay dry-run of a failed write, and a failed read replayed for real.
          const write = details.find((detail) => detail.call.method === 'PATCH');
          const read = details.find((detail) => detail.call.method === 'GET' && detail.call.kind === 'api');
          expect(write).toBeDefined();
          expect(read).toBeDefined();
          const dryRun = await request(
            'POST',
            `/api/v1/diagnostics/calls/${write!.call.id}/replay`,
            CANARY.operatorToken,
            { dryRun: true },
          );
          expect(dryRun.status).toBe(200);
          await request(
            'POST',
            `/api/v1/diagnostics/calls/${read!.call.id}/replay`,
            CANARY.operatorToken,
            {},
          );
          await getJson('/api/v1/audit', CANARY.adminToken);
          expect(await cli(['replay', write!.call.id, '--dry-run', '--json'])).toBe(0);
        } finally {
          stop('SIGTERM');
          expect(await serving).toBe(0);
        }
        cliOutput.push({ where: 'pulse serve (stdout)', text: serveStdout });
        // Let the last log lines (written on finish events) come out.
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        output.restore();
        logs.push(
          ...output
            .text()
            .split('\n')
            .map((line, index) => ({ where: `log line ${index + 1}`, text: line })),
        );
      }
      keys = await dumpKeys(rawRedis, [redisPrefix, `b_${redisPrefix}`]);

      Object.assign(
        secrets,
        {
          clientSecret: CANARY.clientSecret,
          password: CANARY.password,
          securityToken: CANARY.securityToken,
          refreshToken: credentials.refreshToken,
          unknownRefreshToken: CANARY.unknownRefreshToken,
          jwtPrivateKey: credentials.jwtPrivateKeyPem ?? '',
          // One line from the middle of the key: a part of it that leaked is found too.
          jwtPrivateKeyLine: (credentials.jwtPrivateKeyPem ?? '').split('\n')[10] ?? '',
          viewerToken: CANARY.viewerToken,
          operatorToken: CANARY.operatorToken,
          adminToken: CANARY.adminToken,
          signingKey: CANARY.signingKey,
          webhookSecret: CANARY.webhookSecret,
        },
        redisPasswordCovered ? { redisPassword: CANARY.redisPassword } : {},
        Object.fromEntries(issuedAccessTokens.map((token, index) => [`accessToken#${index + 1}`, token])),
        Object.fromEntries(
          issuedRefreshTokens.map((token, index) => [`issuedRefreshToken#${index + 1}`, token]),
        ),
      );

      // The search covers something: failed calls of each kind, re-logins, many keys, logs, answers.
      const injected = (kind: string): number =>
        emulator.state.faults.injected.filter((fault) => fault.kind === kind).length;
      expect(injected('serverUnavailable') + injected('connectionReset')).toBeGreaterThan(0);
      // Four orgs logged in, and again once their sessions ended.
      expect(issuedAccessTokens.length).toBeGreaterThanOrEqual(8);
      expect(failedCodes).toContain('api INVALID_SESSION_ID');
      expect(failedCodes).toContain('api FIELD_CUSTOM_VALIDATION_EXCEPTION');
      expect(failedCodes).toContain('token invalid_grant');
      expectCoverage();
      expect(webhookBodies.length).toBeGreaterThan(1);
      // The loggers of every command were captured: the runs', the alert's and the server's.
      const logged = (text: string): boolean => logs.some((line) => line.text.includes(text));
      expect(['sync finished', 'alert raised', 'API listening', 'request'].filter(logged)).toHaveLength(4);
      console.log(
        `secrets canary: ${Object.keys(secrets).length} secrets; ${keys.size} keys, ` +
          `${logBytes()} log bytes in ${logs.length} lines, ` +
          `${answers.length} API answers (${answers.reduce((sum, a) => sum + a.text.length, 0)} bytes), ` +
          `${failedCallIds.length} failed calls, ${issuedAccessTokens.length} access tokens issued; ` +
          `sync exit codes ${JSON.stringify(syncCodes)}; failed calls: ${[...failedCodes].join(', ')}`,
      );
    },
  );

  redisTest(
    'no key under the prefix holds a secret in its name or value, the shared sessions included',
    ({ redisPrefix }) => {
      expectCoverage();
      const items = [...keys.values()].flat();
      // The sessions the workers share are there, sealed: the search covered them.
      const sessionFields = new Set(
        ORGS.map((org) => `hash ${redisPrefix}org:{${org}}:session value of accessToken`),
      );
      const sealed = items.filter((item) => sessionFields.has(item.where));
      expect(sealed.length).toBeGreaterThan(0);
      for (const item of sealed) expect(item.text).toMatch(/^v1\./);
      expect(hitsIn(items, secrets)).toEqual([]);
    },
  );

  redisTest('no log line holds a secret', () => {
    expectCoverage();
    expect(hitsIn(logs, secrets)).toEqual([]);
  });

  redisTest('no API answer or export (curl, HAR, replay) holds a secret, in its body or headers', () => {
    expectCoverage();
    expect(hitsIn(answers, secrets)).toEqual([]);
  });

  redisTest('the CLI prints no secret, and the webhook is sent none', () => {
    expectCoverage();
    expect(webhookBodies.length).toBeGreaterThan(1);
    expect(hitsIn([...cliOutput, ...webhookBodies], secrets)).toEqual([]);
  });
});
