/**
 * Soak: one `pulse worker` whose own scheduler runs an org's incremental sync back to back (every
 * few seconds) while the org keeps changing, on a redis-server of the scenario's own so every key,
 * byte and connection counted is Pulse's. Sampled throughout: the worker's resident memory and
 * open file descriptors, Redis' memory, keys and connected clients. Checked after a warm-up third:
 * the worker's memory and descriptors stay flat, no connection is leaked, and every key Redis
 * gained since is bounded: it expires, or it is trimmed to a count (BullMQ's finished-job records;
 * stored calls and their id lookups, held to `diagnostics.maxCalls` by retention every 30 s), or
 * it is kept per Salesforce record (a snapshot, an account's playbook episodes), so bounded by the
 * org: such kinds may grow as changes reach more accounts, never past the org's records.
 * Redis' memory is reported, not judged: each run's state is kept an hour after it ends, so it
 * levels off only after an hour of runs.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { ChildProcess } from 'node:child_process';

import { Redis } from 'ioredis';

import { startEmulator } from '../../../emulator/index.js';
import { createRunStore } from '../../../src/sync/run-store.js';
import { liveRecords } from '../../support/model-check.js';
import { freePort, startRedis, stopRedis } from '../../support/own-redis.js';
import { emulatorOrgYaml, startWorkerProcess, workerConfigDir } from '../../support/worker-processes.js';
import { verdict, type ScenarioResult } from '../support/scenario.js';

export interface SoakProfile {
  readonly accounts: number;
  readonly durationMs: number;
}

const ORG = 'soak';
const PREFIX = 'pulse-soak:';
const SAMPLE_MS = 5_000;
const MiB = 1024 * 1024;
/** The call store's count limit, at its lowest: reached within the warm-up, so trimming is seen. */
const MAX_CALLS = 100;

interface Sample {
  readonly atMs: number;
  readonly rssMiB: number;
  readonly fds: number;
  readonly redisMiB: number;
  readonly keys: number;
  readonly clients: number;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line?.[1] ?? 0) / 1024;
}

function infoField(info: string, field: string): number {
  return Number(info.match(new RegExp(`^${field}:(\\d+)`, 'm'))?.[1] ?? 0);
}

/**
 * Keys without a TTL, by kind (ids replaced by `*`), apart from those trimmed to a count: BullMQ's
 * job records and stored calls. A kind whose count grows after the warm-up would grow for ever.
 */
async function persistentKeyKinds(redis: Redis): Promise<Map<string, number>> {
  const kinds = new Map<string, number>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    const ttls = (await keys.reduce((batch, key) => batch.pttl(key), redis.pipeline()).exec()) ?? [];
    keys.forEach((key, i) => {
      // Trimmed to a count elsewhere: BullMQ's job records, and stored calls (checked on their own).
      const isTrimmed =
        /:q:sync:[^:]+-(pull|score|write)-|:q:sync:\d+$|:q:sync:repeat:|:diag:\{[^}]+\}:(call|line):/.test(
          key,
        );
      if (Number(ttls[i]?.[1]) !== -1 || isTrimmed) return;
      // Ids Pulse makes (uuids, run ids) become `*`; Salesforce record ids become `<record>`.
      const kind = key
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27}|\d{8}T\d{6}-[0-9a-f]+/g, '*')
        .replace(/\b[0-9A-Za-z]{15,18}\b/g, '<record>');
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    });
  } while (cursor !== '0');
  return kinds;
}

export async function soak(profile: SoakProfile): Promise<ScenarioResult> {
  const emulator = await startEmulator({ accounts: profile.accounts, seed: 71, latencyMs: 10 });
  const dir = mkdtempSync(path.join(tmpdir(), 'pulse-soak-'));
  const port = await freePort();
  const redisUrl = `redis://127.0.0.1:${port}`;
  const redisServer: ChildProcess = await startRedis(port, dir);
  const cwd = workerConfigDir(
    [
      'sync:',
      '  interval: 3s',
      '  batchSize: 200',
      'worker:',
      '  concurrency: 2',
      'diagnostics:',
      `  maxCalls: ${MAX_CALLS}`,
    ].join('\n'),
    ['orgs:', ...emulatorOrgYaml(ORG, emulator, { maxConcurrent: 4, perSecond: 50 })].join('\n'),
  );
  const worker = startWorkerProcess(
    cwd,
    { REDIS_URL: redisUrl, PULSE_REDIS_PREFIX: PREFIX },
    { schedule: true },
  );
  const redis = new Redis(redisUrl);
  const prefixed = new Redis(redisUrl, { keyPrefix: PREFIX });
  const runs = createRunStore(prefixed, ORG);
  const samples: Sample[] = [];
  const problems: string[] = [];
  let changes = 0;
  try {
    await worker.ready;
    const pid = worker.child.pid ?? 0;
    const startedAt = Date.now();
    let warmKinds: Map<string, number> | undefined;
    const warmUpMs = profile.durationMs / 3;
    while (Date.now() - startedAt < profile.durationMs) {
      // The org changes between runs, and its clock moves past the commit lag so runs see it.
      await fetch(`${emulator.url}/__emulator/changes/Case`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ percent: 1 }),
      });
      changes += 1;
      emulator.state.clock.advance(60_000);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      const info = (await redis.info('memory')) + (await redis.info('clients'));
      samples.push({
        atMs: Date.now() - startedAt,
        rssMiB: rssMiB(pid),
        fds: readdirSync(`/proc/${pid}/fd`).length,
        redisMiB: infoField(info, 'used_memory') / MiB,
        keys: await redis.dbsize(),
        clients: infoField(info, 'connected_clients'),
      });
      if (!warmKinds && Date.now() - startedAt >= warmUpMs) warmKinds = await persistentKeyKinds(redis);
    }
    const endKinds = await persistentKeyKinds(redis);
    // Kinds with an id in their name only: a single key (a run's lock, a queue's wait list) exists
    // while a run is under way and not between runs, so it comes and goes with the sample's moment.
    const grown = [...endKinds]
      .filter(([kind]) => kind.includes('*') && !kind.includes('<record>'))
      .map(([kind, count]) => ({ kind, grew: count - (warmKinds?.get(kind) ?? 0) }))
      .filter((entry) => entry.grew > 0);
    const gained = grown.reduce((sum, entry) => sum + entry.grew, 0);
    // Per-record kinds: bounded by the org's records of any kind (accounts, opportunities, cases).
    const orgRecords = ['Account', 'Opportunity', 'Case'].reduce(
      (sum, object) => sum + liveRecords(emulator, object).length,
      0,
    );
    const perRecord = [...endKinds].filter(([kind]) => kind.includes('<record>'));
    const perRecordGained = perRecord.reduce(
      (sum, [kind, count]) => sum + Math.max(0, count - (warmKinds?.get(kind) ?? 0)),
      0,
    );
    const overOrg = perRecord.filter(([, count]) => count > orgRecords);
    // Retention trims each org's calls every 30 s at most: older calls must be within the limit.
    const callIndex = `${PREFIX}diag:{${ORG}}:all`;
    const storedCalls = await redis.zcard(callIndex);
    const settledCalls = await redis.zcount(callIndex, '-inf', String(Date.now() - 35_000));
    // The id -> org lookup shared by all orgs: one entry per stored call, none left behind.
    const callLookups = await redis.hlen(`${PREFIX}diag:call-orgs`);
    const recent = (await runs.recent(200)) as { status?: string }[];
    const completed = recent.filter((run) => run.status === 'completed').length;
    const failed = recent.filter((run) => run.status === 'failed').length;
    const warm = samples.find((sample) => sample.atMs >= warmUpMs) ?? samples[0];
    const end = samples[samples.length - 1];
    if (!warm || !end) throw new Error('no samples taken');
    const peakRss = Math.max(...samples.filter((s) => s.atMs >= warmUpMs).map((s) => s.rssMiB));
    // A run starts every 3 s and takes a second or two: one per 10 s is the least for back to back.
    if (completed < Math.min(200, profile.durationMs / 10_000))
      problems.push(`only ${completed} runs completed`);
    if (failed > 0) problems.push(`${failed} runs failed`);
    if (worker.child.exitCode !== null) problems.push('the worker exited');
    // Flat: within a quarter (and at least 40 MiB, V8 sizes its heap in steps) of the warm level.
    if (end.rssMiB > Math.max(warm.rssMiB * 1.25, warm.rssMiB + 40))
      problems.push(`worker memory grew from ${warm.rssMiB.toFixed(0)} to ${end.rssMiB.toFixed(0)} MiB`);
    if (end.fds > warm.fds + 5) problems.push(`open descriptors grew from ${warm.fds} to ${end.fds}`);
    if (end.clients > warm.clients)
      problems.push(`Redis clients grew from ${warm.clients} to ${end.clients}`);
    if (gained > 0)
      problems.push(
        `keys without a TTL kept growing after the warm-up: ${grown.map((entry) => `+${entry.grew} ${entry.kind}`).join(', ')}`,
      );
    if (overOrg.length > 0)
      problems.push(
        `more keys per record than the org has records (${orgRecords}): ${overOrg.map(([kind, count]) => `${count} ${kind}`).join(', ')}`,
      );
    if (callLookups > storedCalls)
      problems.push(
        `${callLookups} call lookups for ${storedCalls} stored calls: trimmed calls leave lookups`,
      );
    if (settledCalls > MAX_CALLS)
      problems.push(`${settledCalls} calls older than 35 s stored, over diagnostics.maxCalls ${MAX_CALLS}`);
    return {
      name: 'Soak',
      injected: `a worker's own scheduler running an incremental sync every 3 s for ${profile.durationMs >= 120_000 ? `${Math.round(profile.durationMs / 60_000)} min` : `${profile.durationMs / 1000} s`} on a ${profile.accounts}-account org, 1% of its cases changed every ${SAMPLE_MS / 1000} s`,
      counted: {
        'runs completed (the run history keeps 200)': completed,
        'runs failed': failed,
        'case changes made': changes,
        'worker memory after warm-up / end / peak (MiB)': `${warm.rssMiB.toFixed(0)} / ${end.rssMiB.toFixed(0)} / ${peakRss.toFixed(0)}`,
        'worker open descriptors after warm-up / end': `${warm.fds} / ${end.fds}`,
        'Redis memory after warm-up / end (MiB)': `${warm.redisMiB.toFixed(1)} / ${end.redisMiB.toFixed(1)}`,
        'Redis keys after warm-up / end': `${warm.keys} / ${end.keys}`,
        'call id lookups (one per stored call)': callLookups,
        'Redis clients after warm-up / end': `${warm.clients} / ${end.clients}`,
        'keys without a TTL gained after warm-up, per-id kinds (trimmed kinds aside)': gained,
        [`keys per Salesforce record gained after warm-up (bounded by the org's ${orgRecords} records)`]:
          perRecordGained,
        [`calls stored, all / older than 35 s (diagnostics.maxCalls ${MAX_CALLS}, trimmed every 30 s)`]: `${storedCalls} / ${settledCalls}`,
      },
      ...verdict(
        problems,
        'runs back to back throughout; worker memory and descriptors flat; no connection leaked; every key gained after the warm-up expires, is trimmed (job records, stored calls within diagnostics.maxCalls) or is kept per record within the org’s count',
      ),
    };
  } finally {
    worker.child.kill('SIGTERM');
    await worker.exited;
    redis.disconnect();
    prefixed.disconnect();
    await stopRedis(redisServer);
    rmSync(dir, { recursive: true, force: true });
    await emulator.close();
  }
}
