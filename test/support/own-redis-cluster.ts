/**
 * A Redis Cluster of a test's own: three masters (Debian's `redis-server` with cluster mode on,
 * no replicas, nothing persisted), joined by `redis-cli --cluster create`, on free ports.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { Redis } from 'ioredis';

import { freePort } from './own-redis.js';

export interface OwnRedisCluster {
  /** A seed URL (the first master). */
  readonly url: string;
  readonly ports: readonly number[];
  stop(): Promise<void>;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`the test cluster did not come up: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startRedisCluster(masters = 3): Promise<OwnRedisCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pulse-redis-cluster-'));
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const clients: Redis[] = [];
  const stop = async (): Promise<void> => {
    for (const client of clients) client.disconnect();
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i += 1) {
      const port = await freePort();
      ports.push(port);
      children.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--dir',
            dir,
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
            '--appendonly',
            'no',
            '--save',
            '',
          ],
          { stdio: 'ignore' },
        ),
      );
      const client = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => 50 });
      client.on('error', () => undefined);
      clients.push(client);
    }
    for (const client of clients) await until(() => client.ping().then(() => true), 'PING');
    await promisify(execFile)('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const client of clients)
      await until(
        async () => String(await client.call('CLUSTER', 'INFO')).includes('cluster_state:ok'),
        'cluster_state:ok',
      );
    return { url: `redis://127.0.0.1:${ports[0]}`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
