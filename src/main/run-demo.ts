/**
 * `pulse demo` (`npm start`): Pulse end to end with no Salesforce account. Makes sure Redis
 * answers (starting a local redis-server when one is installed), starts the emulated org with its
 * default fault profile, runs one sync against it, prints the summary, and keeps the org up until
 * Ctrl-C so its records can be looked at.
 */
import { spawnSync } from 'node:child_process';

import { startEmulator } from '../../emulator/index.js';
import type { CliContext } from '../cli/cli-context.js';
import { formatSyncReport } from '../cli/commands/sync.js';
import { createProgressBar } from '../cli/progress-bar.js';
import type { RunProgress } from '../sync/run/run-state.js';
import { OrgConfig, type Config } from '../config/index.js';
import type { Logger } from '../logging/logger.js';
import type { Redactor } from '../redaction/redactor.js';
import { deleteOrgKeys } from './org-keys.js';
import { syncOnce } from './sync-once.js';
import { probeRedis } from './probe-redis.js';
import { connectRedis } from '../redis/connect-redis.js';

const DEMO_ORG = 'demo';

async function redisAnswers(url: string): Promise<boolean> {
  return probeRedis({ url }).then(
    () => true,
    () => false,
  );
}

/** Starts Debian's redis-server on 127.0.0.1 when Redis is local, installed and not answering. */
async function ensureRedis(config: Config, write: (text: string) => void): Promise<void> {
  if (await redisAnswers(config.redis.url)) return;
  const url = new URL(config.redis.url);
  const local = ['127.0.0.1', 'localhost'].includes(url.hostname);
  const started =
    local &&
    spawnSync(
      'redis-server',
      [
        '--port',
        url.port || '6379',
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'yes',
      ],
      {
        stdio: 'ignore',
      },
    ).status === 0;
  if (started) {
    write(`Started redis-server on 127.0.0.1:${url.port || '6379'}.\n`);
    for (let i = 0; i < 20 && !(await redisAnswers(config.redis.url)); i += 1)
      await new Promise((r) => setTimeout(r, 100));
  }
  if (!(await redisAnswers(config.redis.url))) {
    throw new Error(
      `Redis does not answer at ${url.host}. Install and start one (Debian/Ubuntu: sudo apt-get install redis-server), or point REDIS_URL at yours.`,
    );
  }
}

/** Deletes the demo org's keys from an earlier demo (its org was another emulator), and only those. */
async function clearDemoKeys(config: Config): Promise<void> {
  const redis = connectRedis(config.redis);
  try {
    await deleteOrgKeys(redis, config.redis.keyPrefix, DEMO_ORG);
  } finally {
    await redis.quit();
  }
}

export async function runDemo(
  context: Pick<CliContext, 'stdout' | 'stderr' | 'isTTY' | 'untilShutdown'>,
  deps: { config: Config; logger: Logger; redactor: Redactor; cwd: string },
): Promise<void> {
  const { config } = deps;
  const write = (text: string): void => {
    context.stdout.write(text);
  };
  await ensureRedis(config, write);
  write('Starting a local Salesforce org (500 accounts, default fault profile)...\n');
  const emulator = await startEmulator({ accounts: 500, seed: 42, faults: 'default' });
  try {
    const { credentials } = emulator;
    const org = OrgConfig.parse({
      loginUrl: emulator.url,
      authFlow: 'password',
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      username: credentials.username,
      password: credentials.password,
      writeBack: true,
    });
    await clearDemoKeys(config);
    const bar = createProgressBar(context.stderr, context.isTTY);
    write(`Org at ${emulator.url}; syncing (pull, score, write back)...\n`);
    const report = await syncOnce({
      config: { ...config, sync: { ...config.sync, commitLag: 0 } },
      orgName: DEMO_ORG,
      org,
      full: false,
      logger: deps.logger,
      redactor: deps.redactor,
      cwd: deps.cwd,
      ...(bar
        ? {
            onProgress: (progress: RunProgress) => {
              bar.update(progress);
            },
          }
        : {}),
    }).finally(() => bar?.done());
    write(formatSyncReport(report));
    write(
      [
        '',
        `The org stays up at ${emulator.url} until Ctrl-C:`,
        `  login: ${credentials.username} / ${credentials.password} (client ${credentials.clientId} / ${credentials.clientSecret})`,
        `  try:   pulse doctor --org default  with SF_LOGIN_URL=${emulator.url} SF_AUTH_FLOW=password and the credentials above`,
        '',
      ].join('\n'),
    );
    await context.untilShutdown();
  } finally {
    await emulator.close();
  }
}
