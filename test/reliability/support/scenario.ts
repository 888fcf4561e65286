/**
 * What a reliability scenario reports, and where: each test appends its result to the file named
 * by RELIABILITY_OUT (one JSON line), from which `npm run reliability` writes RELIABILITY.md.
 */
import { appendFileSync } from 'node:fs';

import { Redis } from 'ioredis';
import { expect, test } from 'vitest';

import { deleteKeysWithPrefix, TEST_REDIS_URL } from '../../support/redis.js';

export interface ScenarioResult {
  readonly name: string;
  /** What was done to the system, in a sentence. */
  readonly injected: string;
  /** Figures, by label. */
  readonly counted: Readonly<Record<string, number | string>>;
  /** The verdict in a sentence. */
  readonly outcome: string;
  readonly passed: boolean;
}

export type ProfileName = 'small' | 'full';

/** `small` (CI, a few minutes in all) unless RELIABILITY_PROFILE says `full`. */
export function profileName(): ProfileName {
  return process.env['RELIABILITY_PROFILE'] === 'full' ? 'full' : 'small';
}

export function recordResult(result: ScenarioResult): void {
  const out = process.env['RELIABILITY_OUT'];
  if (out) appendFileSync(out, `${JSON.stringify({ ...result, profile: profileName() })}\n`);
}

/**
 * A scenario as a test: run at the chosen profile's size, its result kept for RELIABILITY.md and
 * printed, and the test failing unless the scenario passed.
 */
export function scenarioTest<Profile>(
  title: string,
  profiles: Readonly<Record<ProfileName, Profile>>,
  run: (profile: Profile) => Promise<ScenarioResult>,
  timeoutMs = 900_000,
): void {
  test(
    title,
    async () => {
      const result = await run(profiles[profileName()]);
      recordResult(result);
      console.log(JSON.stringify(result, null, 2));
      expect(result.outcome).toMatch(/^passed/);
    },
    timeoutMs,
  );
}

/** A scenario's verdict: passed with `success`, or failed naming every problem. */
export function verdict(
  problems: readonly string[],
  success: string,
): Pick<ScenarioResult, 'outcome' | 'passed'> {
  return problems.length === 0
    ? { outcome: `passed: ${success}`, passed: true }
    : { outcome: `FAILED: ${problems.join('; ')}`, passed: false };
}

/** Deletes a scenario's keys (its own prefix only; the shared Redis is never flushed). */
export async function deleteScenarioKeys(prefix: string): Promise<void> {
  const client = new Redis(TEST_REDIS_URL);
  try {
    await deleteKeysWithPrefix(client, prefix);
    await deleteKeysWithPrefix(client, `b_${prefix}`);
  } finally {
    await client.quit();
  }
}
