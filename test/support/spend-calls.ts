/**
 * A stand-alone worker process for cross-process tests: connects to an (emulated) org with the
 * given settings and fires `count` queries at once, then prints how many succeeded.
 * Usage: node --import tsx test/support/spend-calls.ts '<json>'
 */
import { OrgConfig } from '../../src/config/index.js';
import { openOrgClient } from './org-client.js';

interface SpendArgs {
  readonly org: Record<string, unknown>;
  readonly orgName: string;
  readonly redisPrefix: string;
  readonly count: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as SpendArgs;
const { client, close } = await openOrgClient(OrgConfig.parse(args.org), {
  orgName: args.orgName,
  redisPrefix: args.redisPrefix,
});
const outcomes = await Promise.all(
  Array.from({ length: args.count }, () =>
    client.query('SELECT Id FROM Account LIMIT 1').then(
      () => 'ok',
      (error: unknown) => (error as { errorCode?: string }).errorCode ?? 'error',
    ),
  ),
);
await close();
process.stdout.write(
  `${JSON.stringify({ ok: outcomes.filter((o) => o === 'ok').length, failed: outcomes.filter((o) => o !== 'ok') })}\n`,
);
